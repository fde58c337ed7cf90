namespace IncusOs.Actors.Network;

/// <summary>The outcome of decoding a request body: the new document, or the error to answer with.</summary>
public sealed record DecodedNetwork(SystemNetwork? Value, string? Error)
{
    public static DecodedNetwork Failed(string error) => new(null, error);
}
