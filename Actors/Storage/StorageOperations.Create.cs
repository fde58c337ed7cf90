using System.Text.RegularExpressions;
using Akka.Event;
using IncusOs.Actors.Common;

namespace IncusOs.Actors.Storage;

/// <summary>PUT: pools are created or updated in request order; the first failure stops the rest.</summary>
public sealed partial class StorageOperations
{
    /// <summary>Creates or updates each pool in order; pools before a failure stay changed.</summary>
    public async Task<StorageState> ApplyAsync(
        IReadOnlyList<SystemStoragePool> pools,
        StorageState state,
        Action<StorageState> persist,
        CancellationToken cancellationToken)
    {
        foreach (var pool in pools)
        {
            if (pool.Name.Length > 0 && ValidName(pool.Name)
                && await _zpools.ExistsAsync(pool.Name, cancellationToken).ConfigureAwait(false))
            {
                await UpdateAsync(pool, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                state = await CreateAsync(pool, state, persist, cancellationToken).ConfigureAwait(false);
            }
        }

        return state;
    }

    /// <summary>
    /// The guards of a create, in the reference's order, then the key file and <c>zpool create</c>;
    /// the key file is removed again when the create fails.
    /// </summary>
    public async Task<StorageState> CreateAsync(
        SystemStoragePool pool, StorageState state, Action<StorageState> persist, CancellationToken cancellationToken)
    {
        var name = pool.Name;
        if (name.Length == 0)
        {
            throw new StorageRefusal("a name for the zpool must be provided");
        }

        RefuseInvalidName(name);
        if (await _zpools.ExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageRefusal($"zpool '{name}' already exists");
        }

        if (_keys.Exists(name) && state.FindDestroy(name) is not null)
        {
            // The key of a destroyed pool whose destroy was cut short: it encrypts nothing any more.
            _log.Warning("Removing the key file left by the interrupted destroy of pool {Pool}", name);
            _keys.Delete(name);
        }

        if (_keys.Exists(name))
        {
            throw new StorageRefusal($"encryption key for '{name}' already exists");
        }

        if (!PoolTypes.All.Contains(pool.Type))
        {
            throw new StorageRefusal($"unsupported pool type {pool.Type}");
        }

        var devices = pool.Devices ?? [];
        if (devices.Count == 0)
        {
            throw new StorageRefusal("at least one device must be specified");
        }

        if (pool.Type == PoolTypes.Raid10 && devices.Count < 4)
        {
            throw new StorageRefusal("at least four devices must be specified when creating a raid10 pool");
        }

        if (pool.Type == PoolTypes.Raid10 && devices.Count % 2 != 0)
        {
            throw new StorageRefusal("an even number of devices must be specified when creating a raid10 pool");
        }

        RefuseListedTwice(pool);
        await RefuseBootDriveAsync(devices, cancellationToken).ConfigureAwait(false);
        var ids = await DeviceIdsAsync(devices, cancellationToken).ConfigureAwait(false);
        var cache = await DeviceIdsAsync(pool.Cache ?? [], cancellationToken).ConfigureAwait(false);
        var log = await DeviceIdsAsync(pool.Log ?? [], cancellationToken).ConfigureAwait(false);
        var layout = PoolTypes.CreateLayout(pool.Type, ids, cache, log);

        state = state with { PendingCreate = name };
        persist(state);
        _keys.Create(name);
        try
        {
            await _zpools.CreateAsync(name, _keys.PathOf(name), layout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _keys.Delete(name);
            persist(state with { PendingCreate = null });
            throw;
        }

        state = state with { PendingCreate = null };
        persist(state);
        _log.Info("Created pool {Pool} ({Type}) on {Devices}", name, pool.Type, string.Join(' ', ids));
        _publish(new PoolEncryptionKeyCreated(name));

        return state;
    }

    /// <summary>
    /// ZFS pool names start with a letter and hold letters, digits and <c>_ - . :</c>. Checked before
    /// the name reaches a command line or the key file's path.
    /// </summary>
    private static void RefuseInvalidName(string name)
    {
        if (!ValidName(name))
        {
            throw new StorageRefusal($"invalid pool name '{name}'");
        }
    }

    private static bool ValidName(string name) => PoolName().IsMatch(name);

    private static void RefuseListedTwice(SystemStoragePool pool)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in new[] { pool.Devices, pool.Cache, pool.Log }.SelectMany(list => list ?? []))
        {
            if (device.Length > 0 && !seen.Add(device))
            {
                throw new StorageRefusal($"device {device} is listed more than once");
            }
        }
    }

    private async Task RefuseBootDriveAsync(IEnumerable<string> devices, CancellationToken cancellationToken)
    {
        var boot = await _blocks.GetBootDiskAsync(cancellationToken).ConfigureAwait(false);
        if (devices.Contains(boot))
        {
            throw new StorageRefusal(
                $"list of devices includes the system root drive {boot}, which can't be used in other zpools");
        }
    }

    private async Task<IReadOnlyList<string>> DeviceIdsAsync(
        IReadOnlyList<string> devices, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var device in devices)
        {
            await RefuseRemoteAsync(device, cancellationToken).ConfigureAwait(false);
            ids.Add(await DeviceIdAsync(device, cancellationToken).ConfigureAwait(false));
        }

        return ids;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.:-]*$")]
    private static partial Regex PoolName();
}
