namespace IncusOs.Providers.Network;

/// <summary>The files that turn the local proxy (kpx) on: <c>/etc/environment</c> and <c>/etc/kpx.yaml</c>.</summary>
public sealed record ProxyPlan(string Environment, string KpxYaml);
