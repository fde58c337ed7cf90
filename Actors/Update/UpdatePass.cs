using Akka.Event;
using IncusOs.Providers;
using IncusOs.Providers.Update;

namespace IncusOs.Actors.Update;

/// <summary>
/// One update check, step by step as spec update.md §4.2: Secure Boot keys, applications, system
/// extension refresh, the OS. Expected failures (a refused download, a failed command) end in the step's
/// status; anything else is raised as <see cref="UpdatePassFailedException"/>. Runs off the actor thread
/// and only returns values.
/// </summary>
public sealed partial class UpdatePass
{
    private readonly IUpdateSource _source;
    private readonly IUpdateTarget _target;
    private readonly UpdateDownloader _downloader;
    private readonly ILoggingAdapter _log;
    private readonly CancellationToken _cancellation;

    private readonly Dictionary<string, string> _applications;
    private readonly List<string> _installedApplications = [];
    private bool _needsReboot;
    private string _nextRelease;
    private SecureBootKeyState _secureBoot;
    private string? _installedOs;

    private UpdatePass(
        IUpdateSource source,
        IUpdateTarget target,
        UpdateDownloader downloader,
        ILoggingAdapter log,
        UpdateActorState state,
        CancellationToken cancellation)
    {
        _source = source;
        _target = target;
        _downloader = downloader;
        _log = log;
        _cancellation = cancellation;
        _applications = new Dictionary<string, string>(state.Applications, StringComparer.Ordinal);
        _needsReboot = state.NeedsReboot;
        _nextRelease = state.NextRelease;
        _secureBoot = state.SecureBoot;
    }

    /// <summary>The staging directory beside <paramref name="directory"/>, swept at start-up.</summary>
    public static string StagingOf(string directory) => directory.TrimEnd('/') + UpdateDownloader.PartialSuffix;

    public static Task<UpdatePassOutcome> RunAsync(
        IUpdateSource source,
        IUpdateTarget target,
        UpdateDownloader downloader,
        ILoggingAdapter log,
        UpdatePassInput input,
        CancellationToken cancellation) =>
        new UpdatePass(source, target, downloader, log, input.State, cancellation).RunAsync(input);

    private async Task<UpdatePassOutcome> RunAsync(UpdatePassInput input)
    {
        var config = input.State.Config;
        if (input.Kind == UpdateCheckKind.Periodic
            && !MaintenanceWindows.InAnyWindow(config.MaintenanceWindows, input.Now))
        {
            return UpdatePassOutcome.Unchanged(input.State, UpdateStatus.OutsideWindow);
        }

        if (input.Kind == UpdateCheckKind.User
            && await GuardAsync(UpdateStatus.ClearCacheFailed, ClearCacheAsync) is { } clearFailed)
        {
            return Outcome(clearFailed);
        }

        if (!_needsReboot && await GuardAsync(UpdateStatus.SecureBootFailed, UpdateSecureBootKeysAsync) is { } sbFailed)
        {
            return Outcome(sbFailed);
        }

        var names = _applications.Count > 0 || input.Kind == UpdateCheckKind.Periodic
            ? _applications.Keys.Order(StringComparer.Ordinal).ToList()
            : DefaultApplications;
        foreach (var name in names)
        {
            if (await GuardAsync(UpdateStatus.ApplicationsFailed, () => UpdateApplicationAsync(name)) is not null)
            {
                // The reference stops checking applications but carries on; the final status overwrites this.
                break;
            }
        }

        if (_installedApplications.Count > 0
            && await GuardAsync(UpdateStatus.RefreshFailed, () => _target.RefreshExtensionsAsync(_cancellation))
                is { } refreshFailed)
        {
            return Outcome(refreshFailed);
        }

        if (await GuardAsync(UpdateStatus.OsFailed, UpdateOsAsync) is { } osFailed)
        {
            return Outcome(osFailed);
        }

        if (_installedOs is { } version)
        {
            _needsReboot = true;
            return Outcome(UpdateStatus.Updated(_target.OsName, version));
        }

        return Outcome(UpdateStatus.Completed);
    }

    /// <summary>Applications checked on a system that has none yet (the seed file is not read; see README).</summary>
    private static IReadOnlyList<string> DefaultApplications => ["incus"];

    private Task ClearCacheAsync()
    {
        _source.ClearCache();

        return Task.CompletedTask;
    }

    private UpdatePassOutcome Outcome(string status) =>
        new(status, _needsReboot, _nextRelease, _applications, _secureBoot, _installedOs, _installedApplications);

    private async Task<string?> GuardAsync(string failure, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);

            return null;
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is ProviderException or IOException or UnauthorizedAccessException
                                       or HttpRequestException or InvalidDataException)
        {
            _log.Warning("{Status}: {Reason}", failure, ex.Message);

            return failure;
        }
        catch (Exception ex)
        {
            throw new UpdatePassFailedException(failure, ex);
        }
    }
}
