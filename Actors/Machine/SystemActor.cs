using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Actors.Supervision;
using IncusOs.Providers;
using IncusOs.Providers.Machine;

namespace IncusOs.Actors.Machine;

/// <summary>
/// Owns what the machine is (OS name and release, the preferred hostname) and its power actions.
/// <c>Starting</c> until the OS identity is read; <c>Ready</c>; <c>ShuttingDown</c> once a power action
/// is under way, where further power actions are answered as done (idempotent) and nothing new starts.
/// </summary>
public sealed class SystemActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IOsIdentitySource _identitySource;
    private readonly IPowerControl _power;
    private readonly CancellationTokenSource _stopping = new();
    private OsIdentity? _identity;
    private DnsNameChanged? _dnsName;

    public SystemActor(IOsIdentitySource identitySource, IPowerControl power)
    {
        _identitySource = identitySource;
        _power = power;
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>Query for the <c>GET /1.0</c> document; answered with a <see cref="RootDocument"/>.</summary>
    public sealed record GetEnvironment
    {
        public static readonly GetEnvironment Instance = new();
    }

    /// <summary>
    /// Shut down, power off or reboot. Answered with <see cref="Done"/> before the sequence starts.
    /// </summary>
    public sealed record PerformPowerAction(PowerAction Action);

    private sealed record IdentityRead(OsIdentity? Identity, Exception? Failure);

    private sealed record PowerActionFinished(PowerAction Action, PowerOutcome? Outcome, Exception? Failure);

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DnsNameChanged));
        Context.System.EventStream.Publish(DnsNameRequested.Instance);
        var token = _stopping.Token;
        _identitySource.ReadAsync(token).PipeTo(
            Self, success: identity => new IdentityRead(identity, null), failure: ex => new IdentityRead(null, ex));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Starting()
    {
        Receive<IdentityRead>(HandleIdentityRead);
        Receive<DnsNameChanged>(HandleDnsNameChanged);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<GetEnvironment>(HandleGetEnvironment);
        Receive<PerformPowerAction>(HandlePerformPowerAction);
        Receive<DnsNameChanged>(HandleDnsNameChanged);
    }

    private void ShuttingDown()
    {
        Receive<GetEnvironment>(HandleGetEnvironment);
        Receive<DnsNameChanged>(HandleDnsNameChanged);
        Receive<PerformPowerAction>(_ => Sender.Tell(Done.Instance));
        Receive<PowerActionFinished>(HandlePowerActionFinished);
    }

    private void HandleIdentityRead(IdentityRead message)
    {
        if (message.Failure is not null)
        {
            // Without its OS identity the daemon cannot answer anything about the machine.
            throw new ProviderException(message.Failure.GetBaseException().Message, message.Failure);
        }

        _identity = message.Identity!;
        _log.Info("System is ready release={Release}", _identity.OsVersion);
        Become(Ready);
        Stash.UnstashAll();
    }

    private void HandleDnsNameChanged(DnsNameChanged message) => _dnsName = message;

    private void HandleGetEnvironment(GetEnvironment message)
    {
        var identity = _identity!;
        var hostname = PreferredHostname.Of(_dnsName?.Hostname, _dnsName?.Domain, identity);
        Sender.Tell(new RootDocument(new RootEnvironment(hostname, identity.OsName, identity.OsVersion)));
    }

    private void HandlePerformPowerAction(PerformPowerAction message)
    {
        Sender.Tell(Done.Instance);
        _log.Info("System is shutting down release={Release} action={Action}", _identity!.OsVersion, message.Action);
        Become(ShuttingDown);
        var action = message.Action;
        _power.PerformAsync(action, CancellationToken.None).PipeTo(
            Self,
            success: outcome => new PowerActionFinished(action, outcome, null),
            failure: ex => new PowerActionFinished(action, null, ex));
    }

    private void HandlePowerActionFinished(PowerActionFinished message)
    {
        if (message.Failure is not null)
        {
            // The reference ignores a failing systemctl; we log it and let the operator retry.
            _log.Error(message.Failure, "Power action {Action} failed", message.Action);
            Become(Ready);
            return;
        }

        if (message.Outcome == PowerOutcome.Rebooted)
        {
            Context.Parent.Tell(RootSupervisor.RestartAreas.Instance);
        }
    }
}
