using Akka.Event;
using IncusOs.Providers;
using IncusOs.Providers.Update;

namespace IncusOs.Actors.Update;

/// <summary>The three kinds of update a pass looks for.</summary>
public sealed partial class UpdatePass
{
    /// <summary>Spec update.md §7, with its quirk fixed: a newer key version is applied, not only recorded.</summary>
    private async Task UpdateSecureBootKeysAsync()
    {
        var update = await _source.GetSecureBootKeyUpdateAsync(_cancellation).ConfigureAwait(false);
        if (update is null)
        {
            return;
        }

        var current = _secureBoot.Version;
        if (current.Length > 0 && current != update.Version && !UpdateVersions.IsNewer(update.Version, current))
        {
            throw new ProviderException(
                $"installed Secure Boot keys version ({current}) is newer than available update " +
                $"({update.Version}); skipping");
        }

        if (current == update.Version && _secureBoot.FullyApplied)
        {
            return;
        }

        _secureBoot = _secureBoot with { FullyApplied = false };
        var directory = _target.SecureBootArchiveDirectory;
        var archiveName = $"{_target.OsName}_SecureBootKeys_{update.Version}.tar.gz";
        var archive = Path.Combine(directory, archiveName);
        if (!File.Exists(archive))
        {
            var asset = update.Archive with { Name = archiveName, Compressed = false };
            await _downloader.DownloadAsync(_source, asset, directory, _cancellation).ConfigureAwait(false);
        }

        if (await _target.ApplySecureBootKeysAsync(archive, _cancellation).ConfigureAwait(false))
        {
            // One EFI variable append per boot; the version is recorded once every entry is in.
            _needsReboot = true;
            _log.Info("A Secure Boot key update was applied; a reboot is required to continue");
            return;
        }

        _secureBoot = new SecureBootKeyState { Version = update.Version, FullyApplied = true };
        File.Delete(archive);
    }

    /// <summary>Spec update.md §6: download, verify, validate, then record the version.</summary>
    private async Task UpdateApplicationAsync(string name)
    {
        var release = await _source.GetReleaseAsync(_cancellation).ConfigureAwait(false);
        if (release?.ApplicationAsset(name) is not { } asset)
        {
            return;
        }

        var current = _applications.GetValueOrDefault(name, string.Empty);
        if (release.Version == current)
        {
            return;
        }

        if (current.Length > 0 && !UpdateVersions.IsNewer(release.Version, current))
        {
            throw new ProviderException(
                $"local application {name} version ({current}) is newer than available update " +
                $"({release.Version}); skipping");
        }

        _log.Info("Downloading application {Name} version {Version}", name, release.Version);
        var staging = StagingOf(_target.ExtensionsDirectory);
        try
        {
            var image = await _downloader.DownloadAsync(_source, asset, staging, _cancellation).ConfigureAwait(false);
            await _target.ValidateApplicationAsync(image, _cancellation).ConfigureAwait(false);

            Directory.CreateDirectory(_target.ExtensionsDirectory);
            File.Move(image, Path.Combine(_target.ExtensionsDirectory, name + ".raw"), overwrite: true);
            Providers.Files.AtomicFile.FsyncDirectory(_target.ExtensionsDirectory);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        _applications[name] = release.Version;
        _installedApplications.Add(name);
    }

    /// <summary>Spec update.md §8: every OS file verified into a staging directory, swapped in, installed.</summary>
    private async Task UpdateOsAsync()
    {
        var release = await _source.GetReleaseAsync(_cancellation).ConfigureAwait(false);
        var os = _target.OsName;
        var assets = release?.OsAssets(os) ?? [];
        if (release is null || assets.Count == 0)
        {
            return;
        }

        var offered = release.Version;
        var running = _target.RunningRelease;
        if (!_needsReboot && _nextRelease.Length > 0 && _nextRelease != running && _nextRelease == offered)
        {
            _log.Warning(
                "Latest {Os} image version {Version} has been identified as problematic, skipping update", os, offered);
            return;
        }

        if (offered != running && !UpdateVersions.IsNewer(offered, running))
        {
            throw new ProviderException(
                $"local {os} version ({running}) is newer than available update ({offered}); skipping");
        }

        if (offered == running || offered == _nextRelease)
        {
            return;
        }

        _log.Info("Downloading OS update {Version}", offered);
        await StageAsync(assets).ConfigureAwait(false);

        var previous = _nextRelease;
        _nextRelease = offered;
        try
        {
            _log.Info("Applying OS update {Version}", offered);
            await _target.InstallOsAsync(offered, _cancellation).ConfigureAwait(false);
        }
        catch
        {
            _nextRelease = previous;
            throw;
        }

        _installedOs = offered;
    }

    /// <summary>
    /// Downloads every OS file into a fresh staging directory; only a complete, verified set replaces the staged one.
    /// </summary>
    private async Task StageAsync(IReadOnlyList<UpdateAsset> assets)
    {
        var target = _target.UpdatesDirectory;
        var staging = StagingOf(target);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            foreach (var asset in assets)
            {
                await _downloader.DownloadAsync(_source, asset, staging, _cancellation).ConfigureAwait(false);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            Providers.Files.AtomicFile.FsyncDirectory(Path.GetDirectoryName(target)!);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
