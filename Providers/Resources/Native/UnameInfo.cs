namespace IncusOs.Providers.Resources.Native;

/// <summary>The two <c>uname(2)</c> fields the collector uses: machine (architecture) and kernel release.</summary>
public sealed record UnameInfo(string Machine, string Release);
