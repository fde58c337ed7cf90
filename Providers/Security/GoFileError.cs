namespace IncusOs.Providers.Security;

/// <summary>File errors worded as Go's <c>os</c> package does: <c>open PATH: no such file or directory</c>.</summary>
public static class GoFileError
{
    public static ProviderException From(string operation, string path, Exception error) =>
        new($"{operation} {path}: {Describe(error)}", error);

    private static string Describe(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => error.Message,
    };
}
