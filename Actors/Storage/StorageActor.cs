using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.Logging;

namespace IncusOs.Actors.Storage;

/// <summary>
/// Owns the machine's pools, their key files and drive wipes, and runs one hardware operation at a
/// time (pool create/update/destroy, wipe, the start-up import). While one runs it is Busy: a
/// <see cref="GetStorage"/> is answered at once from a fresh scan (never queued behind the
/// operation), and further mutations are stashed and run in arrival order, each answered when its
/// own turn completes. An operation is bounded by <see cref="ActorTimeouts.HardwareOperation"/> and
/// never by the client: one whose client went away still completes and is logged. Destructive
/// progress is saved to <c>storage.json</c> step by step, and reloaded on restart.
/// </summary>
public sealed class StorageActor : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StorageOperations _operations;
    private readonly JsonStateStore<StorageState> _store;
    private readonly ActorTimeouts _timeouts;
    private readonly CancellationTokenSource _lifetime = new();
    private StorageState _state = StorageState.Empty;
    private Guid _running;

    public StorageActor(
        IBlockDevices blocks,
        IZpools zpools,
        IDriveWiper wiper,
        IPoolKeyStore keys,
        StorageSettings settings,
        ActorTimeouts timeouts,
        ILoggerFactory loggers)
    {
        _timeouts = timeouts;
        _store = new JsonStateStore<StorageState>(settings.StateFile, loggers.CreateLogger<StorageActor>());
        var events = Context.System.EventStream;
        _operations = new StorageOperations(blocks, zpools, wiper, keys, _log, message => events.Publish(message));
        Idle();
    }

    /// <summary>Query: the drives and pools as they are now. Answered with <see cref="SystemStorage"/>.</summary>
    public sealed record GetStorage
    {
        public static readonly GetStorage Instance = new();
    }

    /// <summary>Command (PUT): create or update each pool in order. Answered with <see cref="Done"/>.</summary>
    public sealed record ApplyPools(IReadOnlyList<SystemStoragePool> Pools);

    /// <summary>Command (DELETE): destroy each named pool in order. Answered with <see cref="Done"/>.</summary>
    public sealed record DestroyPools(IReadOnlyList<string> Names);

    /// <summary>Command: discard a free drive (its kernel path from GET). Answered with <see cref="Done"/>.</summary>
    public sealed record WipeDrive(string Id);

    /// <summary>A hardware operation finished (or failed); its state was saved before this was sent.</summary>
    private sealed record OperationCompleted(
        Guid Id, string Operation, IActorRef ReplyTo, object Reply, StorageState State, TimeSpan Elapsed);

    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        _state = _store.Load() ?? StorageState.Empty;
        var operations = _operations;
        Start("start-up", ActorRefs.Nobody, (state, persist, token) => operations.StartAsync(state, persist, token));
    }

    protected override void PostStop()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void Idle()
    {
        Receive<GetStorage>(HandleGetStorage);
        Receive<ApplyPools>(HandleApplyPools);
        Receive<DestroyPools>(HandleDestroyPools);
        Receive<WipeDrive>(HandleWipeDrive);
        Receive<OperationCompleted>(HandleOperationCompleted);
    }

    private void Busy()
    {
        Receive<GetStorage>(HandleGetStorage);
        Receive<OperationCompleted>(HandleOperationCompleted);
        ReceiveAny(_ => Stash.Stash());
    }

    private void HandleGetStorage(GetStorage message)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        cancellation.CancelAfter(_timeouts.Ask);
        ScanAsync(_operations, cancellation).PipeTo(Sender);
    }

    private void HandleApplyPools(ApplyPools message)
    {
        var operations = _operations;
        Start("pool update", Sender, (state, persist, token) =>
            operations.ApplyAsync(message.Pools, state, persist, token));
    }

    private void HandleDestroyPools(DestroyPools message)
    {
        var operations = _operations;
        Start("pool destroy", Sender, (state, persist, token) =>
            operations.DestroyAsync(message.Names, state, persist, token));
    }

    private void HandleWipeDrive(WipeDrive message)
    {
        var operations = _operations;
        Start($"wipe of {message.Id}", Sender, async (state, _, token) =>
        {
            await operations.WipeAsync(message.Id, token).ConfigureAwait(false);
            return state;
        });
    }

    private void HandleOperationCompleted(OperationCompleted message)
    {
        if (message.Id != _running)
        {
            // Started by this actor before a restart (a simulated reboot cancels it): answer, keep the mode.
            _log.Warning(
                "Storage {Operation} of an earlier start ended after {Elapsed}", message.Operation, message.Elapsed);
            message.ReplyTo.Tell(message.Reply);
            return;
        }

        _state = message.State;
        if (message.Reply is Rejection failure && message.ReplyTo.IsNobody())
        {
            // Start-up has no client to tell: the pools may be unusable until the cause is fixed.
            _log.Error("Storage {Operation} failed: {Reason}", message.Operation, failure.Message);
        }
        else if (message.Reply is Rejection rejection)
        {
            _log.Warning(
                "Storage {Operation} failed after {Elapsed}: {Reason}",
                message.Operation,
                message.Elapsed,
                rejection.Message);
        }
        else
        {
            _log.Info("Storage {Operation} completed in {Elapsed}", message.Operation, message.Elapsed);
        }

        message.ReplyTo.Tell(message.Reply);
        Become(Idle);
        Stash.UnstashAll();
    }

    private void Start(
        string operation,
        IActorRef replyTo,
        Func<StorageState, Action<StorageState>, CancellationToken, Task<StorageState>> work)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        cancellation.CancelAfter(_timeouts.HardwareOperation);
        _log.Info("Storage {Operation} started", operation);
        _running = Guid.NewGuid();
        var limits = (_timeouts.HardwareOperation, _lifetime.Token);
        RunAsync(_running, operation, replyTo, work, _state, _store, limits, cancellation).PipeTo(Self);
        Become(Busy);
    }

    private static async Task<OperationCompleted> RunAsync(
        Guid id,
        string operation,
        IActorRef replyTo,
        Func<StorageState, Action<StorageState>, CancellationToken, Task<StorageState>> work,
        StorageState state,
        JsonStateStore<StorageState> store,
        (TimeSpan Timeout, CancellationToken Lifetime) limits,
        CancellationTokenSource cancellation)
    {
        var clock = Stopwatch.StartNew();
        var latest = state;
        void Persist(StorageState next)
        {
            store.Save(next);
            latest = next;
        }

        try
        {
            var final = await work(state, Persist, cancellation.Token).ConfigureAwait(false);
            return new OperationCompleted(id, operation, replyTo, Done.Instance, final, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            var rejection = Rejection.Unavailable(limits.Lifetime.IsCancellationRequested
                ? $"storage {operation} was interrupted by a restart of the storage subsystem"
                : $"storage {operation} did not finish within {limits.Timeout}");
            return new OperationCompleted(id, operation, replyTo, rejection, latest, clock.Elapsed);
        }
        catch (Exception ex)
        {
            return new OperationCompleted(id, operation, replyTo, ToRejection(ex), latest, clock.Elapsed);
        }
        finally
        {
            cancellation.Dispose();
        }
    }

    private static async Task<object> ScanAsync(StorageOperations operations, CancellationTokenSource cancellation)
    {
        try
        {
            return await operations.ScanAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Rejection.Unavailable("the storage scan did not finish in time");
        }
        catch (Exception ex)
        {
            return ToRejection(ex);
        }
        finally
        {
            cancellation.Dispose();
        }
    }

    // Every storage failure is a 400 in the reference, commands and file errors included.
    private static Rejection ToRejection(Exception exception) => exception switch
    {
        StorageRefusal or ProviderException or IOException or UnauthorizedAccessException =>
            Rejection.BadRequest(exception.Message),
        _ => Rejection.Internal(exception.Message),
    };
}
