using Akka.Event;
using IncusOs.Providers.Storage;

namespace IncusOs.Actors.Storage;

/// <summary>
/// The storage work itself, run by <see cref="StorageActor"/> as tasks: the scan behind GET, pool
/// create/update/destroy, drive wipes and the start-up import. It holds no state of its own: the
/// actor's persisted state goes in and comes out, and each step that must survive a crash is saved
/// through the given callback before the step runs.
/// </summary>
public sealed partial class StorageOperations
{
    public const string LocalPool = "local";

    private readonly IBlockDevices _blocks;
    private readonly IZpools _zpools;
    private readonly IDriveWiper _wiper;
    private readonly IPoolKeyStore _keys;
    private readonly ILoggingAdapter _log;
    private readonly Action<object> _publish;

    public StorageOperations(
        IBlockDevices blocks,
        IZpools zpools,
        IDriveWiper wiper,
        IPoolKeyStore keys,
        ILoggingAdapter log,
        Action<object> publish)
    {
        _blocks = blocks;
        _zpools = zpools;
        _wiper = wiper;
        _keys = keys;
        _log = log;
        _publish = publish;
    }

    /// <summary>The full scan of <c>GET /1.0/system/storage</c>: pools, then every disk.</summary>
    public async Task<SystemStorage> ScanAsync(CancellationToken cancellationToken)
    {
        var status = await _zpools.GetStatusAsync(null, cancellationToken).ConfigureAwait(false);
        var pools = status.Select(Resolve).OrderBy(pool => pool.Name, StringComparer.Ordinal).ToList();
        var disks = await _blocks.ListDisksAsync(cancellationToken).ConfigureAwait(false);
        var boot = await _blocks.GetBootDiskAsync(cancellationToken).ConfigureAwait(false);
        var drives = new List<SystemStorageDrive>();
        foreach (var disk in disks)
        {
            var smart = await _blocks.ReadSmartAsync(disk.KernelName, cancellationToken).ConfigureAwait(false);
            var remote = await _blocks.IsRemoteAsync(disk.KernelName, cancellationToken).ConfigureAwait(false);
            drives.Add(new SystemStorageDrive
            {
                Id = disk.KernelName,
                ModelFamily = smart.ModelFamily,
                ModelName = smart.ModelName,
                SerialNumber = smart.SerialNumber,
                Bus = smart.Bus,
                CapacityInBytes = disk.SizeBytes,
                Boot = disk.KernelName == boot,
                Removable = disk.Removable,
                Remote = remote,
                Wwn = smart.Wwn,
                Smart = smart.Health is { } health
                    ? new SystemStorageDriveSmart { Enabled = health.Enabled, Passed = health.Passed }
                    : null,
                MemberPool = pools.FirstOrDefault(pool => pool.AllDevices.Contains(disk.KernelName))?.Name,
            });
        }

        return new SystemStorage
        {
            Config = new SystemStorageConfig(),
            State = new SystemStorageState
            {
                Drives = drives.Count == 0 ? null : drives,
                Pools = pools.Count == 0 ? null : pools,
            },
        };
    }

    /// <summary>Discards a drive that is neither the boot drive, remote, nor in a pool.</summary>
    public async Task WipeAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length == 0)
        {
            throw new StorageRefusal("no drive specified");
        }

        var scan = await ScanAsync(cancellationToken).ConfigureAwait(false);
        var drive = scan.State.Drives?.FirstOrDefault(d => d.Id == id)
            ?? throw new StorageRefusal($"drive '{id}' doesn't exist");
        if (drive.Boot)
        {
            throw new StorageRefusal("cannot wipe boot drive");
        }

        if (drive.Remote)
        {
            throw new StorageRefusal("cannot wipe remote drive");
        }

        if (!string.IsNullOrEmpty(drive.MemberPool))
        {
            throw new StorageRefusal($"cannot wipe drive belonging to pool '{drive.MemberPool}'");
        }

        await _wiper.WipeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Start-up: import every pool, load every key, finish a create that a crash interrupted, and
    /// create the <c>local</c> pool on the boot drive's data partition when it does not exist.
    /// </summary>
    public async Task<StorageState> StartAsync(
        StorageState state, Action<StorageState> persist, CancellationToken cancellationToken)
    {
        await _zpools.ImportAllAsync(cancellationToken).ConfigureAwait(false);
        await _zpools.LoadAllKeysAsync(cancellationToken).ConfigureAwait(false);
        if (state.PendingCreate is { } interrupted)
        {
            if (!await _zpools.ExistsAsync(interrupted, cancellationToken).ConfigureAwait(false))
            {
                _log.Warning("Removing the key file of pool {Pool}, whose creation was interrupted", interrupted);
                _keys.Delete(interrupted);
            }

            state = state with { PendingCreate = null };
            persist(state);
        }

        if (!await _zpools.ExistsAsync(LocalPool, cancellationToken).ConfigureAwait(false))
        {
            var local = new SystemStoragePool
            {
                Name = LocalPool, Type = PoolTypes.Raid0, Devices = [PoolRecords.LocalDataLabel],
            };
            state = await CreateAsync(local, state, persist, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    private async Task<SystemStoragePool> ReadPoolAsync(string name, CancellationToken cancellationToken)
    {
        var status = await _zpools.GetStatusAsync(name, cancellationToken).ConfigureAwait(false);
        var pool = status.FirstOrDefault(p => p.Name == name) ?? status.FirstOrDefault()
            ?? throw new StorageRefusal($"cannot open '{name}': no such pool");

        return Resolve(pool);
    }

    private SystemStoragePool Resolve(ZpoolInfo pool) =>
        PoolRecords.Resolve(PoolRecords.Derive(pool), _blocks.ResolveDevicePath);

    /// <summary>The by-id path of a device, as the pool commands take it.</summary>
    private async Task<string> DeviceIdAsync(string device, CancellationToken cancellationToken) =>
        await _blocks.GetDeviceIdAsync(device, cancellationToken).ConfigureAwait(false)
        ?? throw new StorageRefusal($"unable to determine device ID for {device}");

    private async Task RefuseRemoteAsync(string device, CancellationToken cancellationToken)
    {
        if (await _blocks.IsRemoteAsync(device, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageRefusal($"cannot use remote device {device} as part of local zpool");
        }
    }
}
