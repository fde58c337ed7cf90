using Akka.Actor;
using Akka.Configuration;
using Akka.DependencyInjection;
using Akka.Event;
using Akka.Hosting;

namespace IncusOs.Actors.Supervision;

/// <summary>
/// Parent of every area actor. Creates them from the registered <see cref="AreaActorSpec"/>s, puts
/// them in the <see cref="ActorRegistry"/>, and restarts them when they fail: a restarted actor
/// reloads its state file and keeps its mailbox and its address. A failure while an actor starts
/// stops it (restarting would fail again), and every decision is logged.
/// </summary>
public sealed class RootSupervisor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IReadOnlyList<AreaActorSpec> _areas;
    private readonly IActorRegistry _registry;
    private readonly List<IActorRef> _children = [];

    public RootSupervisor(IEnumerable<AreaActorSpec> areas, IActorRegistry registry)
    {
        _areas = areas.ToList();
        _registry = registry;
        Receive<RestartAreas>(HandleRestartAreas);
    }

    /// <summary>
    /// Restart every area actor as a machine boot would: each reloads its state from disk. Used by the
    /// simulated reboot.
    /// </summary>
    public sealed record RestartAreas
    {
        public static readonly RestartAreas Instance = new();
    }

    protected override void PreStart()
    {
        var resolver = ResolverOrNull();
        foreach (var area in _areas)
        {
            var child = Context.ActorOf(area.CreateProps(resolver), area.Name);
            _children.Add(child);
            _registry.TryRegister(area.Key, child, overwrite: true);
        }
    }

    // An actor system without dependency injection (TestKit) can still host areas whose props need none.
    private IDependencyResolver? ResolverOrNull()
    {
        try
        {
            return DependencyResolver.For(Context.System).Resolver;
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        // Ten failures a minute at most; the decider logs each decision itself.
        new OneForOneStrategy(
            maxNrOfRetries: 10,
            withinTimeMilliseconds: 60_000,
            localOnlyDecider: Decide,
            loggingEnabled: false);

    private Directive Decide(Exception exception)
    {
        switch (exception)
        {
            case ActorInitializationException:
                _log.Error(exception, "An area actor failed to start and is stopped: {Reason}", exception.Message);
                return Directive.Stop;
            case ActorKilledException:
                _log.Info("Restarting an area actor for a machine boot");
                return Directive.Restart;
            default:
                _log.Error(exception, "An area actor failed and is restarted: {Reason}", exception.Message);
                return Directive.Restart;
        }
    }

    private void HandleRestartAreas(RestartAreas message)
    {
        foreach (var child in _children)
        {
            child.Tell(Kill.Instance);
        }
    }
}
