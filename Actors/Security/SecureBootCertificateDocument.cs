using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>One entry of <c>state.secure_boot_certificates</c>.</summary>
public sealed record SecureBootCertificateDocument(
    [property: JsonProperty("type")] string Type,
    [property: JsonProperty("fingerprint")] string Fingerprint,
    [property: JsonProperty("subject")] string Subject,
    [property: JsonProperty("issuer")] string Issuer);
