namespace IncusOs.Tests.Storage;

/// <summary>Counts hardware operations in flight and remembers the most ever seen at once, with a log.</summary>
public sealed class OverlapDetector
{
    private readonly object _gate = new();
    private readonly List<string> _log = [];
    private int _active;

    public int MaxConcurrent { get; private set; }

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return _log.ToList();
            }
        }
    }

    public IDisposable Enter(string what)
    {
        lock (_gate)
        {
            _active++;
            MaxConcurrent = Math.Max(MaxConcurrent, _active);
            _log.Add(what);
        }

        return new Exit(this);
    }

    private sealed class Exit(OverlapDetector owner) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._active--;
            }
        }
    }
}
