using IncusOs.Providers.Security;

namespace IncusOs.Tests.Security;

/// <summary>
/// Wraps a volume provider: enrolments wait on a gate the test opens, and the wrapper records how many
/// slot changes ran at the same time.
/// </summary>
internal sealed class GatedVolumes : IEncryptedVolumes
{
    private readonly IEncryptedVolumes _inner;
    private readonly object _gate = new();
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public GatedVolumes(IEncryptedVolumes inner)
    {
        _inner = inner;
        _open.SetResult();
    }

    public int MaxConcurrent { get; private set; }

    public int EnrolmentsStarted { get; private set; }

    public void Open() => _open.TrySetResult();

    /// <summary>Makes the next enrolments wait until <see cref="Open"/>; counters start again.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            EnrolmentsStarted = 0;
            MaxConcurrent = 0;
        }
    }

    public Task<IReadOnlyList<LuksVolume>> DiscoverAsync(CancellationToken cancellationToken) =>
        _inner.DiscoverAsync(cancellationToken);

    public Task<IReadOnlyList<LuksSlot>> ListSlotsAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        _inner.ListSlotsAsync(volume, cancellationToken);

    public Task<string> EnrollRecoveryKeyAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        _inner.EnrollRecoveryKeyAsync(volume, cancellationToken);

    public async Task EnrollPassphraseAsync(LuksVolume volume, string passphrase, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EnrolmentsStarted++;
            _running++;
            MaxConcurrent = Math.Max(MaxConcurrent, _running);
        }

        try
        {
            await _open.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            await _inner.EnrollPassphraseAsync(volume, passphrase, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
            }
        }
    }

    public Task WipeSlotsAsync(
        LuksVolume volume, IReadOnlyCollection<int> slots, CancellationToken cancellationToken) =>
        _inner.WipeSlotsAsync(volume, slots, cancellationToken);

    public Task<bool> IsActiveAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        _inner.IsActiveAsync(volume, cancellationToken);

    public Task<bool> CanUnlockWithTpmAsync(LuksVolume volume, CancellationToken cancellationToken) =>
        _inner.CanUnlockWithTpmAsync(volume, cancellationToken);

    public Task ResealTpmAsync(
        LuksVolume volume, string pcr7Hex, string passphrase, CancellationToken cancellationToken) =>
        _inner.ResealTpmAsync(volume, pcr7Hex, passphrase, cancellationToken);
}
