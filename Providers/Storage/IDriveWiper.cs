namespace IncusOs.Providers.Storage;

/// <summary>Discards every block of a drive (<c>blkdiscard -f</c>), so that its data is gone.</summary>
public interface IDriveWiper
{
    Task WipeAsync(string device, CancellationToken cancellationToken);
}
