namespace IncusOs.Providers.Update;

/// <summary>The last discovered release (or "none") and when it was discovered; thread-safe.</summary>
internal sealed class ReleaseCache
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private (UpdateRelease? Release, DateTimeOffset At)? _entry;

    public ReleaseCache(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public bool TryGet(out UpdateRelease? release)
    {
        lock (_gate)
        {
            release = _entry?.Release;

            return _entry is { } entry && _time.GetUtcNow() - entry.At < _lifetime;
        }
    }

    public void Set(UpdateRelease? release)
    {
        lock (_gate)
        {
            _entry = (release, _time.GetUtcNow());
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entry = null;
        }
    }
}
