using IncusOs.Providers.Update;

namespace IncusOs.Tests.Update;

/// <summary>
/// A source the test steers: each pass starts with <see cref="GetSecureBootKeyUpdateAsync"/>, which counts
/// passes, tracks how many run at once and can be held on a gate; <see cref="Failure"/> makes release
/// discovery throw. Offers no update otherwise, or <see cref="Inner"/>'s.
/// </summary>
public sealed class ScriptedUpdateSource : IUpdateSource
{
    private int _passes;
    private int _running;
    private int _maxRunning;

    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    public Exception? Failure { get; set; }

    public IUpdateSource? Inner { get; set; }

    public int Passes => Volatile.Read(ref _passes);

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public string Name => "scripted";

    public static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();

        return gate;
    }

    public async Task<SecureBootKeyUpdate?> GetSecureBootKeyUpdateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passes);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        return null;
    }

    public Task<UpdateRelease?> GetReleaseAsync(CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        return Inner?.GetReleaseAsync(cancellationToken) ?? Task.FromResult<UpdateRelease?>(null);
    }

    public void ClearCache() => Inner?.ClearCache();

    public Task<Stream> OpenAsync(UpdateAsset asset, CancellationToken cancellationToken) =>
        Inner?.OpenAsync(asset, cancellationToken) ?? throw new InvalidOperationException("no assets");

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value
               && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
