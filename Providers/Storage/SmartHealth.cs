namespace IncusOs.Providers.Storage;

/// <summary>SMART support enabled on the disk, and the overall self-assessment.</summary>
public sealed record SmartHealth(bool Enabled, bool Passed);
