namespace IncusOs.Providers.Storage;

/// <summary>A whole disk as <c>lsblk</c> lists it: kernel path, size in bytes, removable flag.</summary>
public sealed record BlockDevice(string KernelName, long SizeBytes, bool Removable);
