namespace IncusOs.Providers.Update;

/// <summary>A Secure Boot key (EFI variable) update a source offers: its version and its archive.</summary>
public sealed record SecureBootKeyUpdate(string Version, UpdateAsset Archive);
