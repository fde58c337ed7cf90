using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

/// <summary>Passes every pool change to the simulated pools and tells the overlap detector about it.</summary>
public sealed class RecordingZpools : IZpools
{
    private readonly IZpools _inner;
    private readonly OverlapDetector _detector;

    public RecordingZpools(IZpools inner, OverlapDetector detector)
    {
        _inner = inner;
        _detector = detector;
    }

    public Task<bool> ExistsAsync(string pool, CancellationToken cancellationToken) =>
        _inner.ExistsAsync(pool, cancellationToken);

    public Task<IReadOnlyList<ZpoolInfo>> GetStatusAsync(string? pool, CancellationToken cancellationToken) =>
        _inner.GetStatusAsync(pool, cancellationToken);

    public async Task CreateAsync(
        string pool, string keyFile, IReadOnlyList<string> layout, CancellationToken cancellationToken)
    {
        using var _ = _detector.Enter("create " + pool);
        await Task.Yield();
        await _inner.CreateAsync(pool, keyFile, layout, cancellationToken);
    }

    public Task DestroyAsync(string pool, CancellationToken cancellationToken) =>
        Record("destroy " + pool, () => _inner.DestroyAsync(pool, cancellationToken));

    public Task OfflineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Record("offline " + device, () => _inner.OfflineAsync(pool, device, cancellationToken));

    public Task OnlineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Record("online " + device, () => _inner.OnlineAsync(pool, device, cancellationToken));

    public Task RemoveAsync(string pool, string device, CancellationToken cancellationToken) =>
        Record("remove " + device, () => _inner.RemoveAsync(pool, device, cancellationToken));

    public Task ReplaceAsync(string pool, string oldDevice, string newDevice, CancellationToken cancellationToken) =>
        Record("replace " + oldDevice, () => _inner.ReplaceAsync(pool, oldDevice, newDevice, cancellationToken));

    public Task AddAsync(string pool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        Record("add " + pool, () => _inner.AddAsync(pool, args, cancellationToken));

    public Task AttachAsync(string pool, string vdev, string device, CancellationToken cancellationToken) =>
        Record("attach " + device, () => _inner.AttachAsync(pool, vdev, device, cancellationToken));

    public Task ImportAllAsync(CancellationToken cancellationToken) =>
        Record("import", () => _inner.ImportAllAsync(cancellationToken));

    public Task LoadAllKeysAsync(CancellationToken cancellationToken) => _inner.LoadAllKeysAsync(cancellationToken);

    private async Task Record(string what, Func<Task> action)
    {
        using var _ = _detector.Enter(what);
        await Task.Yield();
        await action();
    }
}
