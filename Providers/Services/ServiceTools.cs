using IncusOs.Providers.Process;

namespace IncusOs.Providers.Services;

/// <summary>
/// The runner the services and applications areas start their tools with (iscsiadm, nvme, multipath,
/// vgchange, ovs-vsctl, usbip, modprobe, systemd-sysusers): the host's process runner, or the
/// simulated machine's stand-ins under <c>--simulate</c>.
/// </summary>
public sealed record ServiceTools(IProcessRunner Runner);
