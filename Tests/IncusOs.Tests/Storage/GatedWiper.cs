using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

/// <summary>A wiper that holds each wipe until the test lets it go, then wipes for real.</summary>
public sealed class GatedWiper : IDriveWiper
{
    private readonly IDriveWiper _inner;
    private readonly OverlapDetector _detector;
    private readonly SemaphoreSlim _permits = new(0);
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedWiper(IDriveWiper inner, OverlapDetector detector)
    {
        _inner = inner;
        _detector = detector;
    }

    /// <summary>Completes when a wipe has started and is waiting at the gate.</summary>
    public Task Entered => _entered.Task;

    public void Release(int count = 1) => _permits.Release(count);

    public async Task WipeAsync(string device, CancellationToken cancellationToken)
    {
        using var _ = _detector.Enter("wipe " + device);
        _entered.TrySetResult();
        await _permits.WaitAsync(cancellationToken);
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inner.WipeAsync(device, cancellationToken);
    }
}
