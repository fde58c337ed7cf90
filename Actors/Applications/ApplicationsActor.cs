using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using Microsoft.Extensions.Logging;

namespace IncusOs.Actors.Applications;

/// <summary>
/// Owns the installed applications (name, version, initialized) and runs their lifecycle hooks
/// (applications.md §5): at start every installed application is started and initialised once; an
/// <see cref="ApplicationUpdated"/> from the event stream records the version and runs the update hook
/// (or start and initialise); <see cref="StopApplications"/> runs every stop hook for the shutdown.
/// Hooks run one at a time as a task (<c>Busy</c>); reads are answered meanwhile, the rest is stashed.
/// </summary>
public sealed class ApplicationsActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Func<string, IApplicationHooks> _hooks;
    private readonly JsonStateStore<ApplicationsState> _store;
    private readonly CancellationTokenSource _stopping = new();
    private ApplicationsState _state = new();

    public ApplicationsActor(IApplicationHookSet hooks, ApplicationsOptions options, ILoggerFactory loggers)
    {
        _hooks = hooks.For;
        _store = new JsonStateStore<ApplicationsState>(options.StateFile, loggers.CreateLogger<ApplicationsActor>());
        Busy();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>Query for the URLs of every installed application, sorted by name (a list of strings).</summary>
    public sealed record GetApplications
    {
        public static readonly GetApplications Instance = new();
    }

    /// <summary>Query for one installed application; answered with its document or a 404 rejection.</summary>
    public sealed record GetApplication(string Name);

    /// <summary>Run every stop hook (shutdown sequence); answered with <see cref="ApplicationsStopped"/>.</summary>
    public sealed record StopApplications
    {
        public static readonly StopApplications Instance = new();
    }

    /// <summary>The answer to <see cref="StopApplications"/>.</summary>
    public sealed record ApplicationsStopped
    {
        public static readonly ApplicationsStopped Instance = new();
    }

    private sealed record HooksFinished(IReadOnlyDictionary<string, bool> Initialized, IActorRef? ReplyTo);

    protected override void PreStart()
    {
        _state = _store.Load() ?? new ApplicationsState();
        Context.System.EventStream.Subscribe(Self, typeof(ApplicationUpdated));
        var names = _state.Applications.ToDictionary(a => a.Key, a => a.Value.State.Initialized);
        Run(names, start: true, update: false, replyTo: null);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Idle()
    {
        Receive<GetApplications>(HandleGetApplications);
        Receive<GetApplication>(HandleGetApplication);
        Receive<ApplicationUpdated>(HandleApplicationUpdated);
        Receive<StopApplications>(HandleStopApplications);
    }

    private void Busy()
    {
        Receive<GetApplications>(HandleGetApplications);
        Receive<GetApplication>(HandleGetApplication);
        Receive<HooksFinished>(HandleHooksFinished);
        ReceiveAny(_ => Stash.Stash());
    }

    private void HandleGetApplications(GetApplications message) =>
        Sender.Tell(
            _state.Applications.Keys.Order(StringComparer.Ordinal).Select(n => "/1.0/applications/" + n).ToList());

    private void HandleGetApplication(GetApplication message) =>
        Sender.Tell(_state.Applications.TryGetValue(message.Name, out var app) ? app : Rejection.NotFound());

    private void HandleApplicationUpdated(ApplicationUpdated message)
    {
        var current = _state.Applications.GetValueOrDefault(message.Name) ?? new ApplicationDocument();
        Save(_state.With(message.Name, current with { State = current.State with { Version = message.Version } }));
        _log.Info("Application {Application} is at version {Version}", message.Name, message.Version);
        Run(
            new Dictionary<string, bool> { [message.Name] = current.State.Initialized },
            start: true,
            update: true,
            replyTo: null);
    }

    private void HandleStopApplications(StopApplications message) =>
        Run(_state.Applications.ToDictionary(a => a.Key, _ => true), start: false, update: false, replyTo: Sender);

    private void HandleHooksFinished(HooksFinished message)
    {
        var next = _state;
        foreach (var (name, initialized) in message.Initialized)
        {
            if (initialized && next.Applications.TryGetValue(name, out var app) && !app.State.Initialized)
            {
                next = next.With(name, app with { State = app.State with { Initialized = true } });
            }
        }

        Save(next);
        message.ReplyTo?.Tell(ApplicationsStopped.Instance);
        Become(Idle);
        Stash.UnstashAll();
    }

    private void Save(ApplicationsState next)
    {
        try
        {
            _store.Save(next);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Cannot save the applications state to {Path}", _store.Path);
        }

        _state = next;
    }

    /// <summary>
    /// Runs hooks for <paramref name="applications"/> (name → already initialised) as one task: stop
    /// hooks, or (when <paramref name="update"/> and running) the update hook, or start then initialise.
    /// </summary>
    private void Run(IReadOnlyDictionary<string, bool> applications, bool start, bool update, IActorRef? replyTo)
    {
        Become(Busy);
        var hooks = applications.Keys.ToDictionary(n => n, _hooks);
        var log = _log;
        var token = _stopping.Token;
        RunAsync().PipeTo(Self, success: done => new HooksFinished(done, replyTo));

        async Task<IReadOnlyDictionary<string, bool>> RunAsync()
        {
            var initialized = new Dictionary<string, bool>();
            foreach (var (name, wasInitialized) in applications)
            {
                var hook = hooks[name];
                try
                {
                    if (!start)
                    {
                        await hook.StopAsync(token).ConfigureAwait(false);
                        continue;
                    }

                    if (update && await hook.IsRunningAsync(token).ConfigureAwait(false))
                    {
                        await hook.UpdateAsync(token).ConfigureAwait(false);
                        continue;
                    }

                    await hook.StartAsync(token).ConfigureAwait(false);
                    if (!wasInitialized)
                    {
                        await hook.InitializeAsync(token).ConfigureAwait(false);
                        initialized[name] = true;
                    }

                    log.Info("Started application {Application}", name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    var template = start
                        ? "Failed starting application {Application}"
                        : "Failed stopping application {Application}";
                    log.Error(ex, template, name);
                }
            }

            return initialized;
        }
    }
}
