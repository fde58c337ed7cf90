namespace IncusOs.Daemon.Http;

/// <summary>A decoded request body, or the error envelope that explains why it could not be decoded.</summary>
public readonly record struct BodyResult<T>(T? Value, ApiResult? Error)
{
    public static BodyResult<T> Ok(T value) => new(value, null);

    public static BodyResult<T> Fail(ApiResult error) => new(default, error);
}
