using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>OpenZFS through the <c>zpool</c> and <c>zfs</c> commands, argument vectors as the reference.</summary>
public sealed class HostZpools : IZpools
{
    private readonly IProcessRunner _runner;

    public HostZpools(IProcessRunner runner)
    {
        _runner = runner;
    }

    public async Task<bool> ExistsAsync(string pool, CancellationToken cancellationToken)
    {
        try
        {
            await Zpool(cancellationToken, "status", pool).ConfigureAwait(false);
            return true;
        }
        catch (CommandFailedException ex) when (ex.ExitCode > 0)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ZpoolInfo>> GetStatusAsync(string? pool, CancellationToken cancellationToken)
    {
        // glibc's getopt permutes arguments, so the reference's "status NAME -j" order works.
        var result = pool is null
            ? await Zpool(cancellationToken, "status", "-j").ConfigureAwait(false)
            : await Zpool(cancellationToken, "status", pool, "-j").ConfigureAwait(false);

        return ZpoolStatusParser.Parse(result.Stdout);
    }

    public Task CreateAsync(
        string pool, string keyFile, IReadOnlyList<string> layout, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "create", "-o", "ashift=12", "-O", "mountpoint=none", "-O", "encryption=aes-256-gcm",
            "-O", "keyformat=raw", "-O", "keylocation=file://" + keyFile, pool, .. layout,
        ];

        return Zpool(cancellationToken, args);
    }

    public Task DestroyAsync(string pool, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "destroy", pool);

    public Task OfflineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "offline", pool, device);

    public Task OnlineAsync(string pool, string device, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "online", pool, device);

    public Task RemoveAsync(string pool, string device, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "remove", pool, device);

    public Task ReplaceAsync(string pool, string oldDevice, string newDevice, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "replace", pool, oldDevice, newDevice);

    public Task AddAsync(string pool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, ["add", pool, .. args]);

    public Task AttachAsync(string pool, string vdev, string device, CancellationToken cancellationToken) =>
        Zpool(cancellationToken, "attach", pool, vdev, device);

    public Task ImportAllAsync(CancellationToken cancellationToken) => Zpool(cancellationToken, "import", "-a");

    public Task LoadAllKeysAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync("zfs", ["load-key", "-a"], null, cancellationToken);

    private Task<ProcessResult> Zpool(CancellationToken cancellationToken, params string[] args) =>
        _runner.RunAsync("zpool", args, null, cancellationToken);
}
