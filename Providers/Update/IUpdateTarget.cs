namespace IncusOs.Providers.Update;

/// <summary>
/// The machine side of updates: what runs, where downloads are staged, and how a verified release is
/// installed (host: <c>systemd-sysupdate</c>; simulated: the simulated machine's next boot).
/// </summary>
public interface IUpdateTarget
{
    /// <summary>The OS image name, e.g. <c>IncusOS</c>; OS assets start with it.</summary>
    string OsName { get; }

    /// <summary>The running OS release (<c>YYYYMMDDhhmm</c>).</summary>
    string RunningRelease { get; }

    /// <summary>Identifies the current boot; a change means the machine rebooted since the state was saved.</summary>
    string BootId { get; }

    /// <summary>Where OS files are staged for installation (emptied before each OS download).</summary>
    string UpdatesDirectory { get; }

    /// <summary>Where application images (<c>NAME.raw</c>) live.</summary>
    string ExtensionsDirectory { get; }

    /// <summary>Where Secure Boot key archives wait until they are fully applied.</summary>
    string SecureBootArchiveDirectory { get; }

    /// <summary>Installs the OS release staged in <see cref="UpdatesDirectory"/> into the inactive slot.</summary>
    Task InstallOsAsync(string version, CancellationToken cancellationToken);

    /// <summary>Checks a downloaded application image before it is recorded as installed.</summary>
    Task ValidateApplicationAsync(string imagePath, CancellationToken cancellationToken);

    /// <summary>Activates downloaded application images (<c>systemd-sysext refresh</c>).</summary>
    Task RefreshExtensionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies the next EFI variable update of a Secure Boot key archive; true when one was appended and a
    /// reboot is needed before the rest.
    /// </summary>
    Task<bool> ApplySecureBootKeysAsync(string archivePath, CancellationToken cancellationToken);
}
