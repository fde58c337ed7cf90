using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Providers.Network;
using IncusOs.Providers;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace IncusOs.Actors.Network;

/// <summary>
/// Owns the network configuration of <c>/1.0/system/network</c> and applies it, one apply at a time.
/// <para>Starting (only when no config is stored): stashes everything until the default config is made.</para>
/// <para>Idle: answers <see cref="GetNetwork"/> (config and fresh state), starts applies for
/// <see cref="ReplaceNetwork"/> and <see cref="PatchNetwork"/>.</para>
/// <para>Applying: still answers <see cref="GetNetwork"/> with the last good config and fresh state;
/// stashes every other mutation until the apply is over.</para>
/// The config is stored only after a successful apply; a failed apply re-applies the previous config
/// and answers 400 with the error (DECISIONS.md). At start the stored config (or the default of
/// network.md §7) is applied. Publishes <see cref="DnsNameChanged"/> at start, after each successful
/// apply and in answer to <see cref="DnsNameRequested"/>.
/// </summary>
public sealed partial class NetworkActor : ReceiveActor, IWithStash
{
    private const string NoDevices = "network configuration has no devices defined";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly INetworkApplier _applier;
    private readonly INetworkStateReader _reader;
    private readonly IHostIdentity _identity;
    private readonly INicInventory _nics;
    private readonly ActorTimeouts _timeouts;
    private readonly JsonStateStore<SystemNetworkConfig> _store;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _incarnation = new();
    private SystemNetworkConfig _current = new();

    public NetworkActor(
        INetworkApplier applier,
        INetworkStateReader reader,
        IHostIdentity identity,
        INicInventory nics,
        ActorTimeouts timeouts,
        NetworkSettings settings,
        ILoggerFactory loggers)
    {
        _applier = applier;
        _reader = reader;
        _identity = identity;
        _nics = nics;
        _timeouts = timeouts;
        _store = new JsonStateStore<SystemNetworkConfig>(settings.StateFile, loggers.CreateLogger<NetworkActor>());
        Idle();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>
    /// Query: the config and the live state; answered with <see cref="SystemNetwork"/> or a rejection.
    /// </summary>
    public sealed record GetNetwork
    {
        public static readonly GetNetwork Instance = new();
    }

    /// <summary>
    /// PUT: the parsed request body, decoded onto an empty document. Answered with <see cref="Done"/>.
    /// </summary>
    public sealed record ReplaceNetwork(JToken Body);

    /// <summary>
    /// PATCH: the parsed request body, decoded onto the current document. Answered with <see cref="Done"/>.
    /// </summary>
    public sealed record PatchNetwork(JToken Body);

    /// <summary>Start-up found no stored config and made the default one; the apply follows.</summary>
    internal sealed record DefaultConfigMade(SystemNetworkConfig Config);

    /// <summary>An apply finished: the applied config (null on failure) or the error.</summary>
    internal sealed record ApplyCompleted(SystemNetworkConfig? Applied, string? Error, IActorRef? ReplyTo)
    {
        /// <summary>
        /// The actor instance that started the apply: a simulated reboot restarts the actor and keeps its
        /// mailbox, so a completion can reach a later incarnation (<see cref="HandleLateApply"/>).
        /// </summary>
        public object? Incarnation { get; init; }
    }

    private void Idle()
    {
        Receive<ApplyCompleted>(IsLate, HandleLateApply);
        Receive<GetNetwork>(HandleGetNetwork);
        Receive<ReplaceNetwork>(HandleReplaceNetwork);
        Receive<PatchNetwork>(HandlePatchNetwork);
        Receive<DnsNameRequested>(HandleDnsNameRequested);
    }

    /// <summary>Before the first config is known (no stored one): everything waits, as for any area starting.</summary>
    private void Starting()
    {
        Receive<ApplyCompleted>(IsLate, HandleLateApply);
        Receive<DnsNameRequested>(HandleDnsNameRequested);
        Receive<DefaultConfigMade>(HandleDefaultConfigMade);
        Receive<ApplyCompleted>(HandleApplyCompleted);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Applying()
    {
        Receive<ApplyCompleted>(IsLate, HandleLateApply);
        Receive<GetNetwork>(HandleGetNetwork);
        Receive<DnsNameRequested>(HandleDnsNameRequested);
        Receive<ApplyCompleted>(HandleApplyCompleted);
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DnsNameRequested));
        var stored = _store.Load();
        if (stored is not null)
        {
            _current = stored;
        }

        PublishDnsName();
        Become(stored is null ? Starting : Applying);
        PipeToSelf(StartupAsync(stored), null);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void HandleGetNetwork(GetNetwork message)
    {
        ReadAsync(_reader, _current, _stopping.Token).PipeTo(Sender);
    }

    private void HandleReplaceNetwork(ReplaceNetwork message) =>
        StartApply(NetworkBodyDecoder.Decode(message.Body, null));

    private void HandlePatchNetwork(PatchNetwork message) =>
        StartApply(NetworkBodyDecoder.Decode(message.Body, new SystemNetwork { Config = _current }));

    private void HandleDnsNameRequested(DnsNameRequested message) => PublishDnsName();

    private void HandleDefaultConfigMade(DefaultConfigMade message)
    {
        _current = message.Config;
        Become(Applying);
        Stash.UnstashAll();
    }

    private void StartApply(DecodedNetwork decoded)
    {
        if (decoded.Error is { } error)
        {
            Sender.Tell(Rejection.BadRequest(error));
            return;
        }

        var config = decoded.Value!.Config;
        if (config is null || config.HasNoDevices)
        {
            Sender.Tell(Rejection.BadRequest(NoDevices));
            return;
        }

        if (NetworkValidator.Validate(config) is { } invalid)
        {
            Sender.Tell(Rejection.BadRequest(invalid));
            return;
        }

        _log.Info("Applying a new network configuration");
        Become(Applying);
        PipeToSelf(ApplyAsync(config, _current, Sender), Sender);
    }

    private void HandleApplyCompleted(ApplyCompleted completed)
    {
        if (completed.Applied is { } applied)
        {
            _store.Save(applied);
            _current = applied;
            PublishDnsName();
            _log.Info("Network configuration applied");
            completed.ReplyTo?.Tell(Done.Instance);
        }
        else
        {
            _log.Error("Network apply failed: {Reason}", completed.Error);
            completed.ReplyTo?.Tell(Rejection.BadRequest(completed.Error ?? "network apply failed"));
        }

        Become(Idle);
        Stash.UnstashAll();
    }

    /// <summary>
    /// An apply this actor started before a restart (a simulated reboot) ended. The new incarnation's
    /// start-up applies the stored configuration, so that is what is in force, not the late one: the
    /// client hears that, and the new incarnation's own mode and apply are left alone.
    /// </summary>
    private void HandleLateApply(ApplyCompleted completed)
    {
        _log.Warning("A network apply started before a restart ended: {Outcome}", completed.Error ?? "applied");
        completed.ReplyTo?.Tell(Rejection.Unavailable(
            "the machine restarted during the network apply; the stored configuration is in force, "
            + "send the request again"));
    }

    private bool IsLate(ApplyCompleted completed) => !ReferenceEquals(completed.Incarnation, _incarnation);

    private void PipeToSelf(Task<ApplyCompleted> apply, IActorRef? replyTo)
    {
        var incarnation = _incarnation;
        apply.PipeTo(
            Self,
            success: completed => completed with { Incarnation = incarnation },
            failure: ex => new ApplyCompleted(null, ex.GetBaseException().Message, replyTo)
            {
                Incarnation = incarnation,
            });
    }

    private void PublishDnsName()
    {
        var dns = _current.Dns;
        var name = new DnsNameChanged(dns?.Hostname ?? string.Empty, dns?.Domain ?? string.Empty);
        Context.System.EventStream.Publish(name);
    }

    private Task<ApplyCompleted> StartupAsync(SystemNetworkConfig? stored)
    {
        var nics = _nics;
        var self = Self;
        var apply = ApplyTask();
        var token = _stopping.Token;

        return Run();

        async Task<ApplyCompleted> Run()
        {
            var config = stored;
            if (config is null)
            {
                try
                {
                    config = NetworkDefaults.From(await nics.ListAsync(token).ConfigureAwait(false));
                    self.Tell(new DefaultConfigMade(config));
                }
                catch (ProviderException ex)
                {
                    return new ApplyCompleted(null, "listing network interfaces: " + ex.Message, null);
                }
            }

            return await apply(config, null, null).ConfigureAwait(false);
        }
    }

    private Task<ApplyCompleted> ApplyAsync(
        SystemNetworkConfig config, SystemNetworkConfig previous, IActorRef replyTo) =>
        ApplyTask()(config, previous.HasNoDevices ? null : previous, replyTo);
}
