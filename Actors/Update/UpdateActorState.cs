using IncusOs.Providers.Update;
using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>
/// What the update actor keeps in <c>update.json</c>: the config, the last status, the reboot flag with
/// the boot it belongs to, the staged OS release, installed application versions, Secure Boot key
/// progress and the provider. <c>last_check</c> is not persisted (as in the reference).
/// </summary>
public sealed record UpdateActorState
{
    [JsonProperty("config")]
    public SystemUpdateConfig Config { get; init; } = new();

    [JsonProperty("update_status")]
    public string UpdateStatus { get; init; } = string.Empty;

    [JsonProperty("needs_reboot")]
    public bool NeedsReboot { get; init; }

    /// <summary>The boot during which <see cref="NeedsReboot"/> was set; another boot clears it.</summary>
    [JsonProperty("boot_id")]
    public string BootId { get; init; } = string.Empty;

    /// <summary>The OS release most recently installed into the inactive slot.</summary>
    [JsonProperty("next_release")]
    public string NextRelease { get; init; } = string.Empty;

    [JsonProperty("applications")]
    public IReadOnlyDictionary<string, string> Applications { get; init; } = new Dictionary<string, string>();

    [JsonProperty("secure_boot")]
    public SecureBootKeyState SecureBoot { get; init; } = new();

    [JsonProperty("provider")]
    public UpdateProviderSelection? Provider { get; init; }

    /// <summary>The state as found at start: a reboot since it was saved clears the reboot flag.</summary>
    public UpdateActorState AtStart(string bootId) => this with
    {
        Config = UpdateConfigRules.Normalise(Config),
        NeedsReboot = NeedsReboot && BootId == bootId,
        BootId = bootId,
    };
}
