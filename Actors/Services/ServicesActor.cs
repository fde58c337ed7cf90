using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Services;
using IncusOs.Providers.Systemd;
using Microsoft.Extensions.Logging;

namespace IncusOs.Actors.Services;

/// <summary>
/// Owns the six services' configs and state (services.md). At start it loads its state file and
/// starts, in the order of §2, every service whose condition holds. Updates run one at a time as a
/// task: while one (or the start-up or shutdown sequence) runs the actor is <c>Busy</c>, answers every
/// <see cref="GetService"/> at once and stashes further updates. The state is saved before the reply.
/// </summary>
public sealed partial class ServicesActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IReadOnlyDictionary<string, ServiceProcedure> _procedures = ServiceCatalog.Procedures();
    private readonly ServiceTools _tools;
    private readonly ISystemdUnits _units;
    private readonly ServicesOptions _options;
    private readonly IOsIdentitySource _identity;
    private readonly JsonStateStore<ServicesState> _store;
    private readonly CancellationTokenSource _stopping = new();
    private ServicesState _state = new();
    private DnsNameChanged? _dnsName;

    public ServicesActor(
        ServiceTools tools,
        ISystemdUnits units,
        ServicesOptions options,
        IOsIdentitySource identity,
        ILoggerFactory loggers)
    {
        _tools = tools;
        _units = units;
        _options = options;
        _identity = identity;
        _store = new JsonStateStore<ServicesState>(options.StateFile, loggers.CreateLogger<ServicesActor>());
        Busy();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>Query for one service's document; answered with it, or a 404 / 500 rejection.</summary>
    public sealed record GetService(string Name);

    /// <summary>
    /// Replace a service's config (its <c>...Config</c> record) and run its update procedure; answered
    /// with <see cref="Done"/> or a 500 rejection carrying the failure.
    /// </summary>
    public sealed record UpdateService(string Name, object Config);

    /// <summary>
    /// Stop the services in the reverse start-up order (the shutdown sequence); failures are logged.
    /// Answered with <see cref="ServicesStopped"/>.
    /// </summary>
    public sealed record StopServices
    {
        public static readonly StopServices Instance = new();
    }

    /// <summary>The answer to <see cref="StopServices"/>.</summary>
    public sealed record ServicesStopped
    {
        public static readonly ServicesStopped Instance = new();
    }

    private sealed record Refreshed(string Name, ServicesState? State, Exception? Failure, IActorRef ReplyTo);

    private sealed record UpdateFinished(string Name, ServiceUpdateResult Result, IActorRef ReplyTo);

    private sealed record SequenceFinished(IActorRef? ReplyTo);

    protected override void PreStart()
    {
        _state = _store.Load() ?? new ServicesState();
        Context.System.EventStream.Subscribe(Self, typeof(DnsNameChanged));
        Context.System.EventStream.Publish(DnsNameRequested.Instance);
        RunSequence(ServiceCatalog.StartOrder, starting: true, replyTo: null);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Idle()
    {
        Receive<GetService>(HandleGetService);
        Receive<Refreshed>(HandleRefreshed);
        Receive<DnsNameChanged>(HandleDnsNameChanged);
        Receive<UpdateService>(HandleUpdateService);
        Receive<StopServices>(HandleStopServices);
    }

    private void Busy()
    {
        Receive<GetService>(HandleGetService);
        Receive<Refreshed>(HandleRefreshed);
        Receive<DnsNameChanged>(HandleDnsNameChanged);
        Receive<UpdateFinished>(HandleUpdateFinished);
        Receive<SequenceFinished>(HandleSequenceFinished);
        ReceiveAny(_ => Stash.Stash());
    }

    private void HandleDnsNameChanged(DnsNameChanged message) => _dnsName = message;

    private void HandleGetService(GetService message)
    {
        if (!_procedures.TryGetValue(message.Name, out var procedure))
        {
            Sender.Tell(Rejection.NotFound());
            return;
        }

        var replyTo = Sender;
        var name = message.Name;
        procedure.RefreshAsync(_state, Host(), _stopping.Token).PipeTo(
            Self,
            success: state => new Refreshed(name, state, null, replyTo),
            failure: ex => new Refreshed(name, null, ex, replyTo));
    }

    private void HandleRefreshed(Refreshed message)
    {
        if (message.Failure is not null)
        {
            message.ReplyTo.Tell(Rejection.Internal(message.Failure.GetBaseException().Message));
            return;
        }

        // Refreshed run-time fields are kept in memory and saved with the next change (services.md §1.2).
        var procedure = _procedures[message.Name];
        _state = procedure.KeepState(_state, message.State!);
        message.ReplyTo.Tell(procedure.Show(_state));
    }

    private void HandleUpdateService(UpdateService message)
    {
        if (!_procedures.TryGetValue(message.Name, out var procedure))
        {
            Sender.Tell(Rejection.NotFound());
            return;
        }

        var replyTo = Sender;
        var name = message.Name;
        var snapshot = _state;
        _log.Info("Updating service {Service}", name);
        Become(Busy);
        procedure.UpdateAsync(snapshot, message.Config, Host(), _stopping.Token).PipeTo(
            Self,
            success: result => new UpdateFinished(name, result, replyTo),
            failure: ex => new UpdateFinished(name, new ServiceUpdateResult(snapshot, ex), replyTo));
    }

    private void HandleUpdateFinished(UpdateFinished message)
    {
        var procedure = _procedures[message.Name];
        var next = procedure.KeepDocument(_state, message.Result.Stored);
        Become(Idle);
        Stash.UnstashAll();
        try
        {
            _store.Save(next);
            _state = next;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Cannot save the services state to {Path}", _store.Path);
            message.ReplyTo.Tell(Rejection.Internal($"cannot save the services state: {ex.Message}"));
            return;
        }

        if (message.Result.Failure is { } failure)
        {
            _log.Error(failure, "Updating service {Service} failed", message.Name);
            message.ReplyTo.Tell(Rejection.Internal(failure.GetBaseException().Message));
            return;
        }

        _log.Info("Updated service {Service}", message.Name);
        message.ReplyTo.Tell(Done.Instance);
    }

    private void HandleStopServices(StopServices message) =>
        RunSequence([.. ServiceCatalog.StartOrder.Reverse()], starting: false, replyTo: Sender);

    private void HandleSequenceFinished(SequenceFinished message)
    {
        message.ReplyTo?.Tell(ServicesStopped.Instance);
        Become(Idle);
        Stash.UnstashAll();
    }
}
