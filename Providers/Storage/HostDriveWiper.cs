using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>Wipes a drive with <c>blkdiscard -f</c> (forced: no check for a mounted filesystem).</summary>
public sealed class HostDriveWiper : IDriveWiper
{
    private readonly IProcessRunner _runner;

    public HostDriveWiper(IProcessRunner runner)
    {
        _runner = runner;
    }

    public Task WipeAsync(string device, CancellationToken cancellationToken) =>
        _runner.RunAsync("blkdiscard", ["-f", device], null, cancellationToken);
}
