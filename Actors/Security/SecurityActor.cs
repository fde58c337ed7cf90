using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Security;
using Microsoft.Extensions.Logging;

namespace IncusOs.Actors.Security;

/// <summary>
/// Owns the LUKS recovery keys, their retrieved flag and the cached volume states, and runs every
/// operation on key slots or the TPM one at a time. <c>Starting</c> (first-start key, volume states)
/// queues every request, as DECISIONS.md asks for start-up. <c>Busy</c> while an operation runs:
/// <see cref="GetSecurity"/> is still answered at once; <see cref="AddRecoveryKey"/>,
/// <see cref="RemoveRecoveryKey"/> and <see cref="ResetEncryptionBindings"/> are stashed and run in
/// order afterwards. At first start it enrols a generated recovery key (security.md §5); a failure
/// there fails the actor, which the supervisor restarts.
/// </summary>
public sealed partial class SecurityActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly KeySlotOperations _operations;
    private readonly ActorTimeouts _timeouts;
    private readonly JsonStateStore<SecurityState> _store;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _incarnation = new();
    private SecurityState _state = SecurityState.Empty;
    private IReadOnlyList<EncryptedVolume> _volumes = [];

    public SecurityActor(
        ISecureBoot secureBoot,
        ITpm tpm,
        IEncryptedVolumes volumes,
        IPoolKeySource poolKeys,
        ActorTimeouts timeouts,
        SecurityActorSettings settings,
        ILoggerFactory loggerFactory)
    {
        _operations = new KeySlotOperations(secureBoot, tpm, volumes, poolKeys);
        _timeouts = timeouts;
        _store = new JsonStateStore<SecurityState>(settings.StateFile, loggerFactory.CreateLogger<SecurityActor>());
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>
    /// <c>GET /1.0/system/security</c>: marks the keys retrieved (saved before anything can fail) and answers
    /// a <see cref="SystemSecurity"/> or a 400 <see cref="Rejection"/>.
    /// </summary>
    public sealed record GetSecurity
    {
        public static readonly GetSecurity Instance = new();
    }

    /// <summary><c>PUT</c>: enrols the passphrase on both volumes; <see cref="Done"/> or a 400 rejection.</summary>
    public sealed record AddRecoveryKey(string Passphrase)
    {
        public override string ToString() => "AddRecoveryKey { Passphrase = (hidden) }";
    }

    /// <summary><c>DELETE</c>: removes it from the volumes; <see cref="Done"/> or a 400 rejection.</summary>
    public sealed record RemoveRecoveryKey(string Passphrase)
    {
        public override string ToString() => "RemoveRecoveryKey { Passphrase = (hidden) }";
    }

    /// <summary>
    /// <c>reset_encryption_bindings</c>: re-seals the TPM slots to the present PCR7 under the guards of
    /// security.md §6, then asks the system actor to reboot; <see cref="Done"/> or a 500 rejection.
    /// </summary>
    public sealed record ResetEncryptionBindings
    {
        public static readonly ResetEncryptionBindings Instance = new();
    }

    private sealed record StartupCompleted(
        string? GeneratedKey, IReadOnlyList<EncryptedVolume>? Volumes, Exception? Failure)
    {
        /// <summary>The outcome of finishing <see cref="SecurityState.Pending"/>, when there was one.</summary>
        public KeySlotOperations.Outcome? Finished { get; init; }

        public override string ToString() => $"StartupCompleted {{ Generated = {GeneratedKey is not null} }}";
    }

    // Each completion names the incarnation that started its operation: a simulated reboot restarts the
    // actor and keeps its mailbox, so a completion can reach a later incarnation (see HandleLate*).
    private sealed record KeysChangeCompleted(
        string Operation, IActorRef ReplyTo, KeySlotOperations.Outcome Outcome, long Started, object Incarnation);

    private sealed record BindingsReset(IActorRef ReplyTo, object Reply, long Started, object Incarnation);

    private sealed record RebootAnswered(IActorRef ReplyTo, object Reply, object Incarnation);

    protected override void PreStart()
    {
        _state = _store.Load() ?? SecurityState.Empty;
        Context.System.EventStream.Subscribe(Self, typeof(PoolEncryptionKeyCreated));
        var state = _state;
        var token = OperationToken();
        var operations = _operations;
        if (state.Pending is { } pending)
        {
            _log.Warning("Finishing a recovery key {Operation} that was cut short", pending.Operation);
        }
        else if (state.RecoveryKeys.Count == 0)
        {
            _log.Info("Generating the first recovery key");
        }

        StartupAsync(operations, state, token).PipeTo(
            Self, success: r => r, failure: ex => new StartupCompleted(null, null, ex));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Starting()
    {
        ReceiveLate();
        Receive<StartupCompleted>(HandleStartupCompleted);
        Receive<PoolEncryptionKeyCreated>(HandlePoolEncryptionKeyCreated);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Idle()
    {
        ReceiveLate();
        Receive<GetSecurity>(HandleGetSecurity);
        Receive<PoolEncryptionKeyCreated>(HandlePoolEncryptionKeyCreated);
        Receive<AddRecoveryKey>(HandleAddRecoveryKey);
        Receive<RemoveRecoveryKey>(HandleRemoveRecoveryKey);
        Receive<ResetEncryptionBindings>(HandleResetEncryptionBindings);
    }

    private void Busy()
    {
        ReceiveLate();
        Receive<GetSecurity>(HandleGetSecurity);
        Receive<PoolEncryptionKeyCreated>(HandlePoolEncryptionKeyCreated);
        Receive<KeysChangeCompleted>(HandleKeysChangeCompleted);
        Receive<BindingsReset>(HandleBindingsReset);
        Receive<RebootAnswered>(HandleRebootAnswered);
        Receive<AddRecoveryKey>(_ => Stash.Stash());
        Receive<RemoveRecoveryKey>(_ => Stash.Stash());
        Receive<ResetEncryptionBindings>(_ => Stash.Stash());
    }

    private static async Task<StartupCompleted> StartupAsync(
        KeySlotOperations operations, SecurityState state, CancellationToken token)
    {
        // An add is finished by enrolling the key again (an extra slot for a listed key does no harm);
        // a removal by running the rebuild again, which leaves exactly the remaining keys' new slots.
        KeySlotOperations.Outcome? finished = state.Pending switch
        {
            { Operation: PendingKeyChange.Remove } pending =>
                await operations.RemoveAsync(state.RecoveryKeys, pending.Key, token).ConfigureAwait(false),
            { } pending => await operations.AddAsync(state.RecoveryKeys, pending.Key, token).ConfigureAwait(false),
            null => null,
        };
        var keys = finished?.Keys ?? state.RecoveryKeys;
        var key = keys.Count == 0 ? await operations.GenerateRecoveryKeyAsync(token).ConfigureAwait(false) : null;
        IReadOnlyList<EncryptedVolume> volumes;
        try
        {
            volumes = await operations.GetVolumeStatesAsync(token).ConfigureAwait(false);
        }
        catch (Providers.ProviderException)
        {
            // Volume states are informational; a machine whose volumes cannot be found still serves the rest.
            volumes = [];
        }

        return new StartupCompleted(key, volumes, null) { Finished = finished };
    }

    private void HandleStartupCompleted(StartupCompleted message)
    {
        if (message.Failure is not null)
        {
            throw new SecurityStartupException(message.Failure.GetBaseException().Message, message.Failure);
        }

        if (message.Finished is { } finished && _state.Pending is { } pending)
        {
            if (finished.Reply is Rejection rejection)
            {
                // Kept pending: the next start tries again; the listed keys are those of before.
                _log.Error(
                    "Could not finish the recovery key {Operation} that was cut short: {Reason}",
                    pending.Operation,
                    rejection.Message);
            }
            else
            {
                _state = _state.WithKeys(finished.Keys ?? _state.RecoveryKeys).WithPending(null);
                _store.Save(_state);
                _log.Info("Finished the recovery key {Operation} that was cut short", pending.Operation);
            }
        }

        if (message.GeneratedKey is { } key)
        {
            _state = _state.WithGeneratedKey(key);
            _store.Save(_state);
            _log.Info("Generated and enrolled the first recovery key");
        }

        _volumes = message.Volumes ?? [];
        BecomeIdle();
    }

    private void HandleGetSecurity(GetSecurity message)
    {
        var retrieved = _state.MarkRetrieved();
        if (!ReferenceEquals(retrieved, _state))
        {
            _state = retrieved;
            _store.Save(_state);
        }

        var state = _state;
        var volumes = _volumes;
        var operations = _operations;
        var token = _stopping.Token;
        operations.DescribeAsync(state, volumes, token).PipeTo(
            Sender, failure: ex => Rejection.BadRequest(ex.GetBaseException().Message));
    }

    private void HandlePoolEncryptionKeyCreated(PoolEncryptionKeyCreated message)
    {
        var unretrieved = _state.MarkUnretrieved();
        if (!ReferenceEquals(unretrieved, _state))
        {
            _state = unretrieved;
            _store.Save(_state);
        }
    }

    private void BecomeIdle()
    {
        Become(Idle);
        Stash.UnstashAll();
    }

    private CancellationToken OperationToken()
    {
        var operation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        operation.CancelAfter(_timeouts.HardwareOperation);

        return operation.Token;
    }

    private static long Now() => Stopwatch.GetTimestamp();

    private static double Seconds(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;

    private static PowerAction Reboot => PowerAction.Reboot;

    private static IActorRef? SystemActorRef(ActorSystem system) =>
        ActorRegistry.For(system).TryGet<SystemActor>(out var actor) ? actor : null;
}
