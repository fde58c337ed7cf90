using Akka.Event;

namespace IncusOs.Actors.Storage;

/// <summary>
/// PUT on an existing pool: each device list is compared position by position with the pool's
/// current sorted list; <c>""</c> removes the device at that position, another path replaces it,
/// entries past the end are added.
/// </summary>
public sealed partial class StorageOperations
{
    private const string Mirror = "mirror";

    private async Task UpdateAsync(SystemStoragePool request, CancellationToken cancellationToken)
    {
        var name = request.Name;
        if (name == LocalPool)
        {
            throw new StorageRefusal($"cannot update special zpool '{LocalPool}'");
        }

        var current = await ReadPoolAsync(name, cancellationToken).ConfigureAwait(false);
        RefuseTooFew(request.Devices, current.Devices, "devices");
        RefuseTooFew(request.Log, current.Log, "log devices");
        RefuseTooFew(request.Cache, current.Cache, "cache devices");
        var keyword = PoolTypes.UpdateKeyword(request.Type);
        RefuseListedTwice(request);
        var entering = new[] { request.Devices, request.Log, request.Cache }.SelectMany(list => list ?? [])
            .Where(device => device.Length > 0)
            .Except(current.AllDevices);
        await RefuseBootDriveAsync(entering, cancellationToken).ConfigureAwait(false);

        await ApplyListAsync(name, keyword, current.Devices ?? [], request.Devices ?? [], cancellationToken)
            .ConfigureAwait(false);
        await ApplyListAsync(name, "log", current.Log ?? [], request.Log ?? [], cancellationToken)
            .ConfigureAwait(false);
        await ApplyListAsync(name, "cache", current.Cache ?? [], request.Cache ?? [], cancellationToken)
            .ConfigureAwait(false);
        _log.Info("Updated pool {Pool}", name);
    }

    private static void RefuseTooFew(IReadOnlyList<string>? requested, IReadOnlyList<string>? current, string what)
    {
        var have = requested?.Count ?? 0;
        var online = current?.Count ?? 0;
        if (have < online)
        {
            throw new StorageRefusal($"only {have} {what} provided in update, expected at least {online}");
        }
    }

    private async Task ApplyListAsync(
        string pool,
        string keyword,
        IReadOnlyList<string> current,
        IReadOnlyList<string> requested,
        CancellationToken cancellationToken)
    {
        var redundant = keyword == Mirror || keyword.StartsWith("raidz", StringComparison.Ordinal);
        for (var i = 0; i < current.Count; i++)
        {
            if (requested[i].Length == 0)
            {
                var id = await DeviceIdAsync(current[i], cancellationToken).ConfigureAwait(false);
                if (redundant)
                {
                    await _zpools.OfflineAsync(pool, id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _zpools.RemoveAsync(pool, id, cancellationToken).ConfigureAwait(false);
                    await _wiper.WipeAsync(id, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (requested[i] != current[i])
            {
                await RefuseRemoteAsync(requested[i], cancellationToken).ConfigureAwait(false);
                var oldId = await DeviceIdAsync(current[i], cancellationToken).ConfigureAwait(false);
                var newId = await DeviceIdAsync(requested[i], cancellationToken).ConfigureAwait(false);
                await _zpools.ReplaceAsync(pool, oldId, newId, cancellationToken).ConfigureAwait(false);
                await _wiper.WipeAsync(oldId, cancellationToken).ConfigureAwait(false);
            }
        }

        var extra = requested.Skip(current.Count).Where(device => device.Length > 0).ToList();
        if (extra.Count > 0)
        {
            await AddAsync(pool, keyword, extra, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddAsync(string pool, string keyword, List<string> extra, CancellationToken cancellationToken)
    {
        if (keyword == Mirror && extra.Count == 1)
        {
            // One device for a mirror can only be a member that was taken offline coming back.
            var id = await DeviceIdAsync(extra[0], cancellationToken).ConfigureAwait(false);
            try
            {
                await _zpools.OnlineAsync(pool, id, cancellationToken).ConfigureAwait(false);
            }
            catch (Providers.ProviderException)
            {
                throw new StorageRefusal("adding to a mirror requires at least two devices");
            }

            return;
        }

        if (keyword == Mirror)
        {
            var ids = await DeviceIdsAsync(extra, cancellationToken).ConfigureAwait(false);
            await _zpools.AddAsync(pool, [Mirror, .. ids], cancellationToken).ConfigureAwait(false);
            return;
        }

        var raidz = keyword.StartsWith("raidz", StringComparison.Ordinal);
        if (raidz && extra.Count > 1)
        {
            throw new StorageRefusal(
                "expanding a pool by more than one device at a time isn't supported, due to necessary array resync");
        }

        foreach (var device in extra)
        {
            await RefuseRemoteAsync(device, cancellationToken).ConfigureAwait(false);
            var id = await DeviceIdAsync(device, cancellationToken).ConfigureAwait(false);
            if (raidz)
            {
                await AttachAsync(pool, keyword, id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                IReadOnlyList<string> args = keyword.Length == 0 ? [id] : [keyword, id];
                await _zpools.AddAsync(pool, args, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AttachAsync(string pool, string vdev, string id, CancellationToken cancellationToken)
    {
        try
        {
            await _zpools.AttachAsync(pool, vdev, id, cancellationToken).ConfigureAwait(false);
        }
        catch (Providers.ProviderException ex)
            when (ex.Message.Contains($"{id}-part1 is part of active pool '{pool}'", StringComparison.Ordinal))
        {
            // The device is a member that was taken offline: bring it back instead.
            if (!await TryOnlineAsync(pool, id, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private async Task<bool> TryOnlineAsync(string pool, string id, CancellationToken cancellationToken)
    {
        try
        {
            await _zpools.OnlineAsync(pool, id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Providers.ProviderException)
        {
            return false;
        }
    }
}
