namespace IncusOs.Providers.Process;

/// <summary>What a command that exited 0 printed.</summary>
public sealed record ProcessResult(string Stdout, string Stderr);
