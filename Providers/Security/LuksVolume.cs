namespace IncusOs.Providers.Security;

/// <summary>One of the two LUKS volumes the daemon manages: <c>root</c> or <c>swap</c>, and its device.</summary>
public sealed record LuksVolume(string Name, string Device);
