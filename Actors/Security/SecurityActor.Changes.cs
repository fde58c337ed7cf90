using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;

namespace IncusOs.Actors.Security;

/// <summary>The key slot and TPM operations of the security actor: started when idle, completed when busy.</summary>
public sealed partial class SecurityActor
{
    private void HandleAddRecoveryKey(AddRecoveryKey message)
    {
        if (RecoveryKeyRules.CheckAdd(_state.RecoveryKeys, message.Passphrase) is { } rejection)
        {
            _log.Warning("Refused to add a recovery key: {Reason}", rejection.Message);
            Sender.Tell(rejection);
            return;
        }

        StartKeysChange(
            new PendingKeyChange(PendingKeyChange.Add, message.Passphrase),
            (operations, keys, token) => operations.AddAsync(keys, message.Passphrase, token));
    }

    private void HandleRemoveRecoveryKey(RemoveRecoveryKey message)
    {
        if (RecoveryKeyRules.CheckRemove(_state.RecoveryKeys, message.Passphrase) is { } rejection)
        {
            _log.Warning("Refused to remove a recovery key: {Reason}", rejection.Message);
            Sender.Tell(rejection);
            return;
        }

        StartKeysChange(
            new PendingKeyChange(PendingKeyChange.Remove, message.Passphrase),
            (operations, keys, token) => operations.RemoveAsync(keys, message.Passphrase, token));
    }

    private void StartKeysChange(
        PendingKeyChange change,
        Func<KeySlotOperations, IReadOnlyList<string>, CancellationToken, Task<KeySlotOperations.Outcome>> run)
    {
        // Written down first, so that a start after a crash or reboot in the middle finishes it.
        _state = _state.WithPending(change);
        _store.Save(_state);
        var operation = change.Operation;
        var replyTo = Sender;
        var keys = _state.RecoveryKeys;
        var operations = _operations;
        var token = OperationToken();
        var started = Now();
        _log.Info("Recovery key {Operation} started", operation);
        Become(Busy);
        run(operations, keys, token).PipeTo(
            Self,
            success: outcome => new KeysChangeCompleted(operation, replyTo, outcome, started, _incarnation),
            failure: ex => new KeysChangeCompleted(
                operation,
                replyTo,
                new KeySlotOperations.Outcome(null, Rejection.BadRequest(ex.GetBaseException().Message)),
                started,
                _incarnation));
    }

    private void HandleKeysChangeCompleted(KeysChangeCompleted message)
    {
        // The list follows the volumes: it changes only once the slots have.
        _state = (message.Outcome.Keys is { } keys ? _state.WithKeys(keys) : _state).WithPending(null);
        _store.Save(_state);

        if (message.Outcome.Reply is Rejection rejection)
        {
            _log.Error(
                "Recovery key {Operation} failed after {Seconds:F1}s: {Reason}",
                message.Operation,
                Seconds(message.Started),
                rejection.Message);
        }
        else
        {
            _log.Info(
                "Recovery key {Operation} finished in {Seconds:F1}s", message.Operation, Seconds(message.Started));
        }

        message.ReplyTo.Tell(message.Outcome.Reply);
        BecomeIdle();
    }

    private void HandleResetEncryptionBindings(ResetEncryptionBindings message)
    {
        var replyTo = Sender;
        var keys = _state.RecoveryKeys;
        var operations = _operations;
        var token = OperationToken();
        var started = Now();
        _log.Info("Resetting TPM encryption bindings");
        Become(Busy);
        operations.ResetBindingsAsync(keys, token).PipeTo(
            Self,
            success: reply => new BindingsReset(replyTo, reply, started, _incarnation),
            failure: ex => new BindingsReset(
                replyTo, Rejection.Internal(ex.GetBaseException().Message), started, _incarnation));
    }

    private void HandleBindingsReset(BindingsReset message)
    {
        if (message.Reply is Rejection rejection)
        {
            _log.Warning(
                "TPM encryption bindings not reset after {Seconds:F1}s: {Reason}",
                Seconds(message.Started),
                rejection.Message);
            message.ReplyTo.Tell(rejection);
            BecomeIdle();
            return;
        }

        _log.Info("TPM encryption bindings reset in {Seconds:F1}s; rebooting", Seconds(message.Started));
        var system = SystemActorRef(Context.System);
        if (system is null)
        {
            message.ReplyTo.Tell(
                Rejection.Internal("the system subsystem is not running, so the machine cannot reboot"));
            BecomeIdle();
            return;
        }

        var replyTo = message.ReplyTo;
        system.Ask<object>(new SystemActor.PerformPowerAction(Reboot), _timeouts.Ask).PipeTo(
            Self,
            success: reply => new RebootAnswered(replyTo, reply, _incarnation),
            failure: ex => new RebootAnswered(
                replyTo, Rejection.Internal(ex.GetBaseException().Message), _incarnation));
    }

    private void HandleRebootAnswered(RebootAnswered message)
    {
        message.ReplyTo.Tell(message.Reply is Rejection ? message.Reply : Done.Instance);
        BecomeIdle();
    }

    /// <summary>
    /// Completions of operations an earlier incarnation started (the machine rebooted under them): the
    /// client still gets its answer instead of waiting for its timeout. The state is not touched: the
    /// change was left pending, and this incarnation's start-up finishes it after the old operation
    /// has let go of the volumes. This incarnation's own mode is left alone.
    /// </summary>
    private void ReceiveLate()
    {
        Receive<KeysChangeCompleted>(
            m => IsLate(m.Incarnation),
            m => AnswerLate($"recovery key {m.Operation}", m.ReplyTo, m.Outcome.Reply));
        Receive<BindingsReset>(m => IsLate(m.Incarnation), m => AnswerLate("bindings reset", m.ReplyTo, m.Reply));
        Receive<RebootAnswered>(m => IsLate(m.Incarnation), m => AnswerLate("reboot", m.ReplyTo, m.Reply));
    }

    private bool IsLate(object incarnation) => !ReferenceEquals(incarnation, _incarnation);

    private void AnswerLate(string operation, IActorRef replyTo, object reply)
    {
        _log.Warning("The {Operation} started before a restart ended: answering its client", operation);
        replyTo.Tell(reply is Rejection ? reply : Done.Instance);
    }
}
