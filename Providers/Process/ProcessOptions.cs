namespace IncusOs.Providers.Process;

/// <summary>
/// How to run one command. Secrets go in <see cref="Environment"/> or <see cref="Stdin"/>, never in
/// the argument vector, which is logged and shown in error messages.
/// </summary>
public sealed record ProcessOptions
{
    public static readonly ProcessOptions Default = new();

    /// <summary>Extra environment variables for the child (added to the daemon's own).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Bytes written to the child's standard input, which is then closed.</summary>
    public ReadOnlyMemory<byte>? Stdin { get; init; }

    public string? WorkingDirectory { get; init; }
}
