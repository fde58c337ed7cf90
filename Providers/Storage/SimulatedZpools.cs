using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>
/// ZFS on the simulated machine, with the rules (and messages) of the real <c>zpool</c>: members
/// of another pool are refused, a mirror or RAIDZ keeps running with as many devices missing as it
/// has redundancy (DEGRADED) and no more, offline and remove keep enough replicas, an added vdev must
/// match the pool's replication. Failures read as the real command's would, stderr included.
/// </summary>
public sealed partial class SimulatedZpools : IZpools
{
    private const string Online = "ONLINE";
    private const string Degraded = "DEGRADED";
    private const string CantOpen = "CANT_OPEN";

    private readonly SimulatedStorage _storage;

    public SimulatedZpools(SimulatedStorage storage)
    {
        _storage = storage;
    }

    public Task<bool> ExistsAsync(string pool, CancellationToken cancellationToken) =>
        Task.FromResult(_storage.Zfs.Pools.Any(p => p.Name == pool));

    public Task<IReadOnlyList<ZpoolInfo>> GetStatusAsync(string? pool, CancellationToken cancellationToken)
    {
        string[] args = pool is null ? ["status", "-j"] : ["status", pool, "-j"];

        return Task.FromResult(Run(args, () =>
        {
            var pools = _storage.Zfs.Pools;
            if (pool is not null)
            {
                pools = [Pool(_storage.Zfs, pool)];
            }

            return (IReadOnlyList<ZpoolInfo>)pools.Select(Describe).ToList();
        }));
    }

    public Task CreateAsync(
        string pool, string keyFile, IReadOnlyList<string> layout, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "create", "-o", "ashift=12", "-O", "mountpoint=none", "-O", "encryption=aes-256-gcm",
            "-O", "keyformat=raw", "-O", "keylocation=file://" + keyFile, pool, .. layout,
        ];

        return Change(args, zfs =>
        {
            if (zfs.Pools.Any(p => p.Name == pool))
            {
                throw new ProviderException($"cannot create '{pool}': pool already exists");
            }

            if (!File.Exists(keyFile) || new FileInfo(keyFile).Length != 32)
            {
                throw new ProviderException(
                    $"cannot create '{pool}': Failed to open key material file: No such file or directory");
            }

            var groups = SimulatedVdevLayout.Parse(layout);
            CheckNewDevices(zfs, groups.SelectMany(g => g.Devices).ToList(), $"cannot create '{pool}'");
            var data = groups.Where(g => g.Class == SimulatedVdevLayout.Data).ToList();
            if (data.Count == 0)
            {
                throw new ProviderException("invalid vdev specification: at least one toplevel vdev must be specified");
            }

            if (data.Select(g => (g.Type, g.Devices.Count)).Distinct().Count() > 1)
            {
                var other = data.First(g => g.Type != data[0].Type).Type;
                throw Mismatched($"both {data[0].Type} and {other} vdevs are present");
            }

            var created = Append(new SimulatedPool { Name = pool, KeyFile = keyFile }, groups);
            WriteLabels(created, groups);

            return zfs with { Pools = [.. zfs.Pools, created] };
        });
    }

    public Task DestroyAsync(string pool, CancellationToken cancellationToken) =>
        Change(["destroy", pool], zfs =>
        {
            var found = Pool(zfs, pool);

            return zfs with { Pools = zfs.Pools.Where(p => p != found).ToList() };
        });

    public Task OfflineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Change(["offline", pool, device], zfs =>
        {
            var found = Pool(zfs, pool);
            var (top, leaf) = FindLeaf(found, device) ?? throw NoSuchDevice("offline", device);
            if (top is null || top.IsLeaf)
            {
                throw new ProviderException($"cannot offline {device}: no valid replicas");
            }

            var after = top with
            {
                Children = top.Children.Select(c => c == leaf ? c with { Offline = true } : c).ToList(),
            };
            if (GroupState(after) == CantOpen)
            {
                throw new ProviderException($"cannot offline {device}: no valid replicas");
            }

            return Replace(zfs, found, ReplaceVdev(found, top, after));
        });

    public Task OnlineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Change(["online", pool, device], zfs =>
        {
            var found = Pool(zfs, pool);
            var (top, leaf) = FindLeaf(found, device) ?? throw NoSuchDevice("online", device);

            return Replace(zfs, found, ReplaceLeaf(found, top, leaf, leaf with { Offline = false }));
        });

    public Task RemoveAsync(string pool, string device, CancellationToken cancellationToken) =>
        Change(["remove", pool, device], zfs =>
        {
            var found = Pool(zfs, pool);
            var (top, leaf) = FindLeaf(found, device) ?? throw NoSuchDevice("remove", device);
            if (found.Cache.Contains(leaf) || found.Logs.Contains(leaf))
            {
                return Replace(zfs, found, found with
                {
                    Cache = found.Cache.Where(v => v != leaf).ToList(),
                    Logs = found.Logs.Where(v => v != leaf).ToList(),
                });
            }

            if (top is not null && !top.IsLeaf)
            {
                throw new ProviderException($"cannot remove {device}: operation not supported on this type of pool");
            }

            if (found.Vdevs.Any(v => v.Parity > 0))
            {
                throw new ProviderException(
                    $"cannot remove {device}: invalid config; "
                    + "all top-level vdevs must have the same sector size and not be raidz.");
            }

            if (found.Vdevs.Count == 1)
            {
                throw new ProviderException($"cannot remove {device}: out of space");
            }

            return Replace(zfs, found, found with { Vdevs = found.Vdevs.Where(v => v != leaf).ToList() });
        });

    public Task ReplaceAsync(string pool, string oldDevice, string newDevice, CancellationToken cancellationToken) =>
        Change(["replace", pool, oldDevice, newDevice], zfs =>
        {
            var found = Pool(zfs, pool);
            var (top, leaf) = FindLeaf(found, oldDevice)
                ?? throw new ProviderException($"cannot replace {oldDevice} with {newDevice}: no such device in pool");
            CheckNewDevices(zfs, [newDevice], $"cannot replace {oldDevice} with {newDevice}");
            if (_storage.Find(leaf.Device) is { } old && _storage.Find(newDevice) is { } replacement
                && replacement.Drive.SizeBytes < old.Drive.SizeBytes)
            {
                throw new ProviderException($"cannot replace {oldDevice} with {newDevice}: device is too small");
            }

            var replaced = ReplaceLeaf(found, top, leaf, new SimulatedVdev { Device = newDevice });
            WriteLabel(newDevice, pool);

            return Replace(zfs, found, replaced);
        });

    public Task AddAsync(string pool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        Change(["add", pool, .. args], zfs =>
        {
            var found = Pool(zfs, pool);
            var groups = SimulatedVdevLayout.Parse(args);
            CheckNewDevices(zfs, groups.SelectMany(g => g.Devices).ToList(), $"cannot add to '{pool}'");
            var current = found.Vdevs.FirstOrDefault();
            foreach (var group in groups.Where(g => g.Class == SimulatedVdevLayout.Data && current is not null))
            {
                var width = current!.IsLeaf ? 1 : current.Children.Count;
                if (group.Type != current.Type)
                {
                    throw Mismatched($"pool uses {current.Type} and new vdev is {group.Type}");
                }

                if (group.Devices.Count != width && group.Type != SimulatedVdev.Disk)
                {
                    throw Mismatched(
                        $"pool uses {width}-way {current.Type} "
                        + $"and new vdev uses {group.Devices.Count}-way {group.Type}");
                }
            }

            var added = Append(found, groups);
            WriteLabels(added, groups);

            return Replace(zfs, found, added);
        });

    public Task AttachAsync(string pool, string vdev, string device, CancellationToken cancellationToken) =>
        Change(["attach", pool, vdev, device], zfs =>
        {
            var found = Pool(zfs, pool);
            var top = found.Vdevs.FirstOrDefault(v => !v.IsLeaf && v.DisplayName == vdev)
                ?? throw new ProviderException($"cannot attach {device} to {vdev}: no such device in pool");
            CheckNewDevices(zfs, [device], $"cannot attach {device} to {vdev}");
            WriteLabel(device, pool);

            return Replace(zfs, found, ReplaceVdev(
                found, top, top with { Children = [.. top.Children, new SimulatedVdev { Device = device }] }));
        });

    public Task ImportAllAsync(CancellationToken cancellationToken)
    {
        // The simulated pools never leave the machine: every pool in zfs.json is imported.
        _ = Run(["import", "-a"], () => _storage.Zfs.Pools.Count);

        return Task.CompletedTask;
    }

    public Task LoadAllKeysAsync(CancellationToken cancellationToken)
    {
        var missing = _storage.Zfs.Pools.Where(p => !File.Exists(p.KeyFile)).ToList();
        if (missing.Count > 0)
        {
            throw new CommandFailedException(
                "zfs load-key -a",
                1,
                $"Key load error: Failed to open key material file: No such file or directory\n"
                + $"{_storage.Zfs.Pools.Count - missing.Count} / {_storage.Zfs.Pools.Count} keys successfully loaded");
        }

        return Task.CompletedTask;
    }
}
