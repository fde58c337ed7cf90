using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Providers;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Update;
using Microsoft.Extensions.Logging;

namespace IncusOs.Actors.Update;

/// <summary>
/// Owns <c>/1.0/system/update</c>: the config, the state and the update checks. A check runs shortly after
/// start, then every <c>update_frequency</c> after the last one (its own timer), and on request. One check
/// at a time: <c>Idle</c>, <c>Checking</c>, <c>CheckingWithRequestQueued</c>; a request during a check is
/// coalesced into one more user check, a timer tick during a check is dropped (the timer is re-armed after
/// it). Reads and config changes are answered at once in every behaviour (they do not touch the check,
/// which works on a snapshot). An OS update with <c>auto_reboot</c> reboots through the
/// <see cref="SystemActor"/> when inside a maintenance window. An unexpected failure of a check records its
/// status and fails the actor, so the supervisor restarts it with a fresh source. Application images it
/// installs are announced with <see cref="ApplicationUpdated"/>. Not done here: Operations Center
/// registration, the seed files (<c>provider</c>, <c>applications</c>), offline recovery (spec update.md §10).
/// </summary>
public sealed class UpdateActor : ReceiveActor, IWithTimers
{
    private const string CheckTimer = "check";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IUpdateSourceFactory _sources;
    private readonly IUpdateTarget _target;
    private readonly UpdateDownloader _downloader;
    private readonly UpdateActorSettings _settings;
    private readonly IActorRegistry _registry;
    private readonly TimeProvider _time;
    private readonly JsonStateStore<UpdateActorState> _store;
    private readonly CancellationTokenSource _stopping = new();
    private UpdateActorState _state = new();
    private IUpdateSource? _source;
    private string? _sourceError;
    private DateTime _lastCheck = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private string? _runningStatus;
    private long _checkStarted;
    private DateTime? _notBefore;

    public UpdateActor(
        IUpdateSourceFactory sources,
        IUpdateTarget target,
        UpdateDownloader downloader,
        UpdateActorSettings settings,
        IActorRegistry registry,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        _sources = sources;
        _target = target;
        _downloader = downloader;
        _settings = settings;
        _registry = registry;
        _time = time;
        _store = new JsonStateStore<UpdateActorState>(settings.StateFile, loggers.CreateLogger<UpdateActor>());
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Query for the <c>GET</c> document; answered with a <see cref="SystemUpdate"/>.</summary>
    public sealed record GetUpdate
    {
        public static readonly GetUpdate Instance = new();
    }

    /// <summary>
    /// Replaces the whole config (<c>PUT</c>); answered with <see cref="Done"/> or a 400 <see cref="Rejection"/>.
    /// </summary>
    public sealed record ReplaceConfig(SystemUpdateConfig Config);

    /// <summary>
    /// Runs a user check now, or once after the running one (<c>POST</c>); answered with <see cref="Done"/>.
    /// </summary>
    public sealed record CheckNow
    {
        public static readonly CheckNow Instance = new();
    }

    private sealed record CheckDue(UpdateCheckKind Kind);

    private sealed record CheckCompleted(UpdateCheckKind Kind, UpdatePassOutcome Outcome);

    private sealed record CheckCrashed(string Status, Exception Cause);

    protected override void PreStart() => Initialize(startupCheck: true);

    /// <summary>
    /// A restart for a machine boot (the supervisor's <see cref="Kill"/>) checks as a start does; a restart after
    /// a failure waits one frequency, so a persistent fault cannot spin the actor into being stopped.
    /// </summary>
    protected override void PostRestart(Exception reason) => Initialize(startupCheck: reason is ActorKilledException);

    private void Initialize(bool startupCheck)
    {
        var loaded = _store.Load() ?? new UpdateActorState();
        _state = loaded.AtStart(_target.BootId);
        var selection = _state.Provider ?? _sources.Default;
        if (selection.Name == "github")
        {
            selection = selection with { Name = "images" };
        }

        try
        {
            _source = _sources.Create(selection);
        }
        catch (ProviderException ex)
        {
            _sourceError = ex.Message;
            _log.Error("Update provider {Provider} cannot be loaded: {Reason}", selection.Name, ex.Message);
        }

        _state = _state with { Provider = selection };
        _store.Save(_state);
        RemovePartials();
        if (startupCheck)
        {
            Timers.StartSingleTimer(CheckTimer, new CheckDue(UpdateCheckKind.Startup), _settings.StartupCheckDelay);
            return;
        }

        _notBefore = Later(_time.GetUtcNow().UtcDateTime, _state.Config.Frequency);
        ArmPeriodicTimer();
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Idle()
    {
        Receive<GetUpdate>(HandleGetUpdate);
        Receive<ReplaceConfig>(HandleReplaceConfig);
        Receive<CheckNow>(_ =>
        {
            Sender.Tell(Done.Instance);
            StartCheck(UpdateCheckKind.User);
        });
        Receive<CheckDue>(HandleCheckDue);
    }

    private void Checking()
    {
        Receive<GetUpdate>(HandleGetUpdate);
        Receive<ReplaceConfig>(HandleReplaceConfig);
        Receive<CheckNow>(_ =>
        {
            Sender.Tell(Done.Instance);
            Become(CheckingWithRequestQueued);
        });
        Receive<CheckDue>(_ => { });
        Receive<CheckCompleted>(message => HandleCheckCompleted(message, queued: false));
        Receive<CheckCrashed>(HandleCheckCrashed);
    }

    private void CheckingWithRequestQueued()
    {
        Receive<GetUpdate>(HandleGetUpdate);
        Receive<ReplaceConfig>(HandleReplaceConfig);
        Receive<CheckNow>(_ => Sender.Tell(Done.Instance));
        Receive<CheckDue>(_ => { });
        Receive<CheckCompleted>(message => HandleCheckCompleted(message, queued: true));
        Receive<CheckCrashed>(HandleCheckCrashed);
    }

    private void HandleGetUpdate(GetUpdate message) =>
        Sender.Tell(new SystemUpdate
        {
            Config = _state.Config,
            State = new SystemUpdateState
            {
                LastCheck = _lastCheck,
                UpdateStatus = _runningStatus ?? _state.UpdateStatus,
                NeedsReboot = _state.NeedsReboot,
            },
        });

    private void HandleReplaceConfig(ReplaceConfig message)
    {
        var (config, error) = UpdateConfigRules.Accept(message.Config);
        if (config is null)
        {
            Sender.Tell(Rejection.BadRequest(error!));
            return;
        }

        _state = _state with { Config = config };
        _store.Save(_state);
        Sender.Tell(Done.Instance);
        if (_runningStatus is null && _lastCheck != DateTime.MinValue)
        {
            // Idle after a first check: the new frequency counts from the last check.
            ArmPeriodicTimer();
        }
    }

    private void HandleCheckDue(CheckDue message)
    {
        if (message.Kind == UpdateCheckKind.Periodic && NextPeriodicCheck() > _time.GetUtcNow().UtcDateTime)
        {
            ArmPeriodicTimer();
            return;
        }

        StartCheck(message.Kind);
    }

    private void StartCheck(UpdateCheckKind kind)
    {
        Timers.Cancel(CheckTimer);
        _lastCheck = _time.GetUtcNow().UtcDateTime;
        _checkStarted = Stopwatch.GetTimestamp();
        _runningStatus = UpdateStatus.Running;
        Become(Checking);
        _log.Info("Starting {Kind} update check", kind);

        var input = new UpdatePassInput(kind, _lastCheck, _state);
        if (_source is null)
        {
            var status = UpdateStatus.OsFailed;
            _log.Warning("{Status}: {Reason}", status, _sourceError ?? "no update provider");
            Self.Tell(new CheckCompleted(kind, UpdatePassOutcome.Unchanged(_state, status)));
            return;
        }

        UpdatePass.RunAsync(_source, _target, _downloader, _log, input, _stopping.Token).PipeTo(
            Self,
            success: outcome => new CheckCompleted(kind, outcome),
            failure: ex => (ex is AggregateException { InnerException: { } inner } ? inner : ex) switch
            {
                UpdatePassFailedException failed => new CheckCrashed(failed.Status, failed.InnerException ?? failed),
                var other => new CheckCrashed(UpdateStatus.OsFailed, other),
            });
    }

    private void HandleCheckCompleted(CheckCompleted message, bool queued)
    {
        var outcome = message.Outcome;
        _runningStatus = null;
        _state = outcome.ApplyTo(_state);
        _store.Save(_state);
        _log.Info(
            "Update check finished in {Elapsed}: {Status}", Stopwatch.GetElapsedTime(_checkStarted), outcome.Status);
        foreach (var name in outcome.InstalledApplications)
        {
            Context.System.EventStream.Publish(new ApplicationUpdated(name, outcome.Applications[name]));
        }

        if (outcome.InstalledOsVersion is not null)
        {
            RebootIfAllowed();
        }

        if (queued)
        {
            StartCheck(UpdateCheckKind.User);
            return;
        }

        Become(Idle);
        ArmPeriodicTimer();
    }

    private void HandleCheckCrashed(CheckCrashed message)
    {
        _runningStatus = null;
        _state = _state with { UpdateStatus = message.Status };
        _store.Save(_state);

        // Let the supervisor restart the actor (and make a new source); the status stays recorded.
        throw new UpdatePassFailedException(message.Status, message.Cause);
    }

    private void RebootIfAllowed()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (!_state.Config.AutoReboot || !MaintenanceWindows.InAnyWindow(_state.Config.MaintenanceWindows, now))
        {
            _log.Info("Please reboot the system to finalize update");
            return;
        }

        if (!_registry.TryGet<SystemActor>(out var system))
        {
            _log.Error("Automatic reboot skipped: the system actor is not available");
            return;
        }

        _log.Info("Rebooting automatically to finalize the update");
        system.Tell(new SystemActor.PerformPowerAction(PowerAction.Reboot));
    }

    private DateTime NextPeriodicCheck()
    {
        return _lastCheck == DateTime.MinValue
            ? _notBefore ?? _time.GetUtcNow().UtcDateTime
            : Later(_lastCheck, _state.Config.Frequency);
    }

    private static DateTime Later(DateTime from, TimeSpan by) =>
        DateTime.MaxValue - from < by ? DateTime.MaxValue : from + by;

    private void ArmPeriodicTimer()
    {
        var delay = NextPeriodicCheck() - _time.GetUtcNow().UtcDateTime;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (delay > _settings.MaxTimerDelay)
        {
            delay = _settings.MaxTimerDelay;
        }

        Timers.StartSingleTimer(CheckTimer, new CheckDue(UpdateCheckKind.Periodic), delay);
    }

    private void RemovePartials()
    {
        try
        {
            RemovePartialsIn();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Partial downloads could not be removed: {Reason}", ex.Message);
        }
    }

    private void RemovePartialsIn()
    {
        foreach (var directory in new[] { _target.UpdatesDirectory, _target.ExtensionsDirectory })
        {
            var staging = UpdatePass.StagingOf(directory);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
                _log.Warning("Removed the partial download of an interrupted update in {Path}", staging);
            }
        }

        var removed = UpdateDownloader.RemovePartials(_target.SecureBootArchiveDirectory);
        if (removed > 0)
        {
            _log.Warning("Removed {Count} partial download(s) in {Path}", removed, _target.SecureBootArchiveDirectory);
        }
    }
}
