using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>What the services actor keeps in its state file: every service's state and config.</summary>
public sealed record ServicesState
{
    [JsonProperty("iscsi")]
    public ServiceDocument<IscsiState, IscsiConfig> Iscsi { get; init; } = new();

    [JsonProperty("lvm")]
    public ServiceDocument<EmptyServiceState, LvmConfig> Lvm { get; init; } = new();

    [JsonProperty("multipath")]
    public ServiceDocument<MultipathState, MultipathConfig> Multipath { get; init; } = new();

    [JsonProperty("nvme")]
    public ServiceDocument<NvmeState, NvmeConfig> Nvme { get; init; } = new();

    [JsonProperty("ovn")]
    public ServiceDocument<EmptyServiceState, OvnConfig> Ovn { get; init; } = new();

    [JsonProperty("usbip")]
    public ServiceDocument<EmptyServiceState, UsbipConfig> Usbip { get; init; } = new();
}
