using Newtonsoft.Json;

namespace IncusOs.Actors.Machine;

/// <summary>The metadata of <c>GET /1.0</c> (system.md §2).</summary>
public sealed record RootDocument([property: JsonProperty("environment")] RootEnvironment Environment);

/// <summary>The <c>environment</c> object of <c>GET /1.0</c>; keys in sorted order as the reference emits them.</summary>
public sealed record RootEnvironment(
    [property: JsonProperty("hostname")] string Hostname,
    [property: JsonProperty("os_name")] string OsName,
    [property: JsonProperty("os_version")] string OsVersion);
