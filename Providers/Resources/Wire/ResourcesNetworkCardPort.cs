using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One network interface of a card.</summary>
public sealed class ResourcesNetworkCardPort
{
    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Address { get; set; } = string.Empty;

    [JsonProperty("port")]
    public ulong Port { get; set; }

    [JsonProperty("protocol")]
    public string Protocol { get; set; } = string.Empty;

    [JsonProperty("supported_modes")]
    public List<string>? SupportedModes { get; set; }

    [JsonProperty("supported_ports")]
    public List<string>? SupportedPorts { get; set; }

    [JsonProperty("port_type", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string PortType { get; set; } = string.Empty;

    [JsonProperty("transceiver_type", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string TransceiverType { get; set; } = string.Empty;

    [JsonProperty("auto_negotiation")]
    public bool AutoNegotiation { get; set; }

    [JsonProperty("link_detected")]
    public bool LinkDetected { get; set; }

    [JsonProperty("link_speed", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public ulong LinkSpeed { get; set; }

    [JsonProperty("link_duplex", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string LinkDuplex { get; set; } = string.Empty;

    [JsonProperty("infiniband", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesNetworkCardPortInfiniband? Infiniband { get; set; }

    public bool ShouldSerializeSupportedModes() => SupportedModes is { Count: > 0 };

    public bool ShouldSerializeSupportedPorts() => SupportedPorts is { Count: > 0 };
}
