using System.Text;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>The vdev rules of the simulated pools: states, lookups, device checks.</summary>
public sealed partial class SimulatedZpools
{
    private const string InvalidSpecification =
        "invalid vdev specification\nuse '-f' to override the following errors:\n";

    private static T Run<T>(IReadOnlyList<string> args, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ProviderException ex) when (ex is not CommandFailedException)
        {
            throw new CommandFailedException(ProcessRunner.CommandLine("zpool", args), 1, ex.Message);
        }
    }

    private Task Change(IReadOnlyList<string> args, Func<SimulatedZfsDocument, SimulatedZfsDocument> change)
    {
        Run(args, () => _storage.Change(zfs => (change(zfs), 0)));

        return Task.CompletedTask;
    }

    private static SimulatedPool Pool(SimulatedZfsDocument zfs, string name) =>
        zfs.Pools.FirstOrDefault(p => p.Name == name)
        ?? throw new ProviderException($"cannot open '{name}': no such pool");

    private static SimulatedZfsDocument Replace(SimulatedZfsDocument zfs, SimulatedPool old, SimulatedPool next) =>
        zfs with { Pools = zfs.Pools.Select(p => p == old ? next : p).ToList() };

    private static ProviderException NoSuchDevice(string verb, string device) =>
        new($"cannot {verb} {device}: no such device in pool");

    private static ProviderException Mismatched(string detail) =>
        new(InvalidSpecification + "mismatched replication level: " + detail);

    private ZpoolInfo Describe(SimulatedPool pool)
    {
        var vdevs = pool.Vdevs.Select(Describe).ToList();
        var logs = pool.Logs.Select(Describe).ToList();
        var state = vdevs.Any(v => v.State != Online && v.State != Degraded) ? "FAULTED"
            : vdevs.Concat(logs).Any(v => v.State != Online) ? Degraded
            : Online;

        return new ZpoolInfo(pool.Name, state, vdevs, logs, pool.Cache.Select(Describe).ToList());
    }

    private ZpoolVdev Describe(SimulatedVdev vdev) =>
        new(
            vdev.DisplayName,
            vdev.IsLeaf ? SimulatedVdev.Disk : vdev.Parity > 0 ? "raidz" : vdev.Type,
            GroupState(vdev),
            vdev.Children.Select(Describe).ToList());

    private string GroupState(SimulatedVdev vdev)
    {
        if (vdev.IsLeaf)
        {
            return LeafState(vdev);
        }

        var bad = vdev.Children.Count(child => GroupState(child) != Online);
        var tolerated = vdev.Parity > 0 ? vdev.Parity : vdev.Children.Count - 1;

        return bad == 0 ? Online : bad <= tolerated ? Degraded : CantOpen;
    }

    private string LeafState(SimulatedVdev leaf)
    {
        if (leaf.Offline)
        {
            return "OFFLINE";
        }

        return _storage.Find(leaf.Device) switch
        {
            null => CantOpen,
            { Drive.Failing: true } => "FAULTED",
            _ => Online,
        };
    }

    private bool SameDevice(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        return _storage.Find(a) is { } left && _storage.Find(b) is { } right
            && left.SameDrive(right) && left.Partition == right.Partition;
    }

    private (SimulatedVdev? Top, SimulatedVdev Leaf)? FindLeaf(SimulatedPool pool, string device)
    {
        foreach (var top in pool.Vdevs.Concat(pool.Logs).Concat(pool.Cache))
        {
            if (top.Leaves().FirstOrDefault(leaf => SameDevice(leaf.Device, device)) is { } leaf)
            {
                return (top, leaf);
            }
        }

        return null;
    }

    private void CheckNewDevices(SimulatedZfsDocument zfs, IReadOnlyList<string> devices, string prefix)
    {
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices.Skip(i + 1).Any(other => SameDevice(devices[i], other)))
            {
                throw new ProviderException(
                    $"{prefix}: one or more vdevs refer to the same device, or one of\n"
                    + "the devices is part of an active md or lvm device");
            }
        }

        foreach (var path in devices)
        {
            var device = _storage.Find(path) ?? throw new ProviderException(
                $"cannot open '{path}': no such device in /dev\nmust be a full path or shorthand device name");
            if (device.Drive.Failing)
            {
                throw new ProviderException($"cannot open '{path}': Input/output error");
            }

            if (InUse(zfs, path, device) is { } reason)
            {
                throw new ProviderException(InvalidSpecification + reason);
            }
        }
    }

    private string? InUse(SimulatedZfsDocument zfs, string path, SimulatedDevice device)
    {
        foreach (var pool in zfs.Pools)
        {
            foreach (var leaf in pool.Vdevs.Concat(pool.Logs).Concat(pool.Cache).SelectMany(v => v.Leaves()))
            {
                if (_storage.Find(leaf.Device) is not { } member || !member.SameDrive(device))
                {
                    continue;
                }

                if (device.Partition == 0)
                {
                    return $"{PartitionPath(path, Math.Max(member.Partition, 1))} is part of active pool '{pool.Name}'";
                }

                if (member.Partition == 0 || member.Partition == device.Partition)
                {
                    return $"{path} is part of active pool '{pool.Name}'";
                }
            }
        }

        return device.Drive.Boot && device.Partition == 0
            ? $"{path} is in use and contains a vfat filesystem."
            : null;
    }

    private static string PartitionPath(string path, int partition) =>
        path.StartsWith("/dev/disk/", StringComparison.Ordinal) ? $"{path}-part{partition}"
        : char.IsAsciiDigit(path[^1]) ? $"{path}p{partition}"
        : $"{path}{partition}";

    private static SimulatedPool Append(SimulatedPool pool, IReadOnlyList<SimulatedVdevLayout> groups)
    {
        var next = pool.NextVdevId;
        var vdevs = pool.Vdevs.ToList();
        var logs = pool.Logs.ToList();
        var cache = pool.Cache.ToList();
        foreach (var group in groups)
        {
            if (group.Class == SimulatedVdevLayout.Cache)
            {
                cache.AddRange(group.Devices.Select(d => new SimulatedVdev { Device = d }));
                continue;
            }

            var vdev = group.Type == SimulatedVdev.Disk
                ? new SimulatedVdev { Device = group.Devices[0], Id = next }
                : new SimulatedVdev
                {
                    Type = group.Type, Id = next,
                    Children = group.Devices.Select(d => new SimulatedVdev { Device = d }).ToList(),
                };
            next++;
            (group.Class == SimulatedVdevLayout.Log ? logs : vdevs).Add(vdev);
        }

        return pool with { Vdevs = vdevs, Logs = logs, Cache = cache, NextVdevId = next };
    }

    private static SimulatedPool ReplaceVdev(SimulatedPool pool, SimulatedVdev old, SimulatedVdev next) =>
        pool with
        {
            Vdevs = pool.Vdevs.Select(v => v == old ? next : v).ToList(),
            Logs = pool.Logs.Select(v => v == old ? next : v).ToList(),
            Cache = pool.Cache.Select(v => v == old ? next : v).ToList(),
        };

    private static SimulatedPool ReplaceLeaf(
        SimulatedPool pool, SimulatedVdev? top, SimulatedVdev leaf, SimulatedVdev next)
    {
        if (top is null || top == leaf)
        {
            return ReplaceVdev(pool, leaf, leaf.IsLeaf && top is not null ? next with { Id = leaf.Id } : next);
        }

        return ReplaceVdev(pool, top, top with { Children = top.Children.Select(c => c == leaf ? next : c).ToList() });
    }

    private void WriteLabels(SimulatedPool pool, IReadOnlyList<SimulatedVdevLayout> groups)
    {
        foreach (var device in groups.SelectMany(g => g.Devices))
        {
            WriteLabel(device, pool.Name);
        }
    }

    // A recognisable first block, so that a wipe of a former member visibly removes pool data.
    private void WriteLabel(string path, string pool)
    {
        if (_storage.Find(path) is not { Partition: 0 } device)
        {
            return;
        }

        var label = new byte[4096];
        Encoding.ASCII.GetBytes($"simulated ZFS label: pool {pool}\n").CopyTo(label, 0);
        using var stream = new FileStream(_storage.BackingFile(device.Drive), FileMode.Open, FileAccess.Write);
        stream.Write(label);
    }
}
