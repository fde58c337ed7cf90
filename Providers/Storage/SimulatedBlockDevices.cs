using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>The drives of <c>machine.json</c> as lsblk, smartctl and udevadm would show them.</summary>
public sealed class SimulatedBlockDevices : IBlockDevices
{
    private readonly SimulatedStorage _storage;

    public SimulatedBlockDevices(SimulatedStorage storage)
    {
        _storage = storage;
    }

    public Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BlockDevice> disks = _storage.Drives
            .Select(drive => new BlockDevice("/dev/" + drive.Name, drive.SizeBytes, drive.Removable))
            .ToList();

        return Task.FromResult(disks);
    }

    public Task<SmartReport> ReadSmartAsync(string device, CancellationToken cancellationToken)
    {
        // smartctl answers with JSON even for an unknown device or a disk without SMART (virtio).
        if (_storage.Find(device) is not { Partition: 0, Drive: var drive } || drive.Bus == "virtio")
        {
            return Task.FromResult(new SmartReport(string.Empty, string.Empty, string.Empty, string.Empty, null, null));
        }

        return Task.FromResult(new SmartReport(
            drive.ModelFamily,
            drive.Model,
            drive.Serial,
            drive.Bus == "sata" ? "sat" : drive.Bus,
            drive.Wwn.Length > 0 ? drive.Wwn : null,
            new SmartHealth(true, drive.SmartHealthy && !drive.Failing)));
    }

    public Task<string> GetBootDiskAsync(CancellationToken cancellationToken) =>
        _storage.BootDrive is { } boot
            ? Task.FromResult("/dev/" + boot.Name)
            : Task.FromException<string>(new ProviderException("unable to determine underlying device"));

    public Task<bool> IsRemoteAsync(string device, CancellationToken cancellationToken) =>
        Task.FromResult(_storage.Find(device)?.Drive.Remote ?? false);

    public Task<string?> GetDeviceIdAsync(string device, CancellationToken cancellationToken)
    {
        var found = _storage.Find(device) ?? throw new CommandFailedException(
            $"udevadm info -q symlink {device}", 1, $"Unknown device \"{device}\": No such device");

        return Task.FromResult(found.IdPath);
    }

    public string ResolveDevicePath(string path) =>
        _storage.Find(path)?.KernelPath ?? throw new ProviderException($"readlink {path}: no such file or directory");
}
