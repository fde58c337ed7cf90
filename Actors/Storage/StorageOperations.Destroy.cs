using Akka.Event;

namespace IncusOs.Actors.Storage;

/// <summary>
/// DELETE: the members are recorded (and saved) before <c>zpool destroy</c>, then the key file is
/// removed and each member discarded, the record shrinking as each one is done. A failure half-way
/// leaves the record, and the next DELETE of the same name finishes the work.
/// </summary>
public sealed partial class StorageOperations
{
    public async Task<StorageState> DestroyAsync(
        IReadOnlyList<string> names,
        StorageState state,
        Action<StorageState> persist,
        CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            state = await DestroyAsync(name, state, persist, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    private async Task<StorageState> DestroyAsync(
        string name, StorageState state, Action<StorageState> persist, CancellationToken cancellationToken)
    {
        if (name == LocalPool)
        {
            throw new StorageRefusal($"cannot destroy special zpool '{LocalPool}'");
        }

        RefuseInvalidName(name);
        var pending = state.FindDestroy(name);
        if (pending is null || await _zpools.ExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var pool = await ReadPoolAsync(name, cancellationToken).ConfigureAwait(false);
            var members = pool.AllDevices.Concat(pending?.Members ?? []).Distinct().ToList();
            pending = new PendingDestroy { Pool = name, Members = members };
            state = state.WithDestroy(pending);
            persist(state);
            await _zpools.DestroyAsync(name, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _log.Info("Finishing the destroy of pool {Pool}: {Count} members left", name, pending.Members.Count);
        }

        _keys.Delete(name);
        var status = await _zpools.GetStatusAsync(null, cancellationToken).ConfigureAwait(false);
        var inUse = status.Select(Resolve).SelectMany(pool => pool.AllDevices).ToHashSet(StringComparer.Ordinal);
        foreach (var member in pending.Members.ToList())
        {
            // A drive put into another pool since the destroy began keeps its new data.
            if (inUse.Contains(member))
            {
                _log.Warning(
                    "Not discarding {Member} of destroyed pool {Pool}: it now belongs to a pool", member, name);
            }
            else
            {
                await _wiper.WipeAsync(member, cancellationToken).ConfigureAwait(false);
            }

            pending = pending with { Members = pending.Members.Where(m => m != member).ToList() };
            state = state.WithDestroy(pending);
            persist(state);
        }

        state = state.WithoutDestroy(name);
        persist(state);
        _log.Info("Destroyed pool {Pool}", name);

        return state;
    }
}
