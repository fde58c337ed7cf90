using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>The <c>/1.0/system/security</c> document (security.md §1).</summary>
public sealed record SystemSecurity(
    [property: JsonProperty("config")] SystemSecurityConfig Config,
    [property: JsonProperty("state")] SystemSecurityState State);
