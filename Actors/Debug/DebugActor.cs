using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Journal;

namespace IncusOs.Actors.Debug;

/// <summary>
/// Answers journal queries for <c>GET /1.0/debug/log</c>. Queries are reads of an outside log, so
/// several run at once, each as a task piped back to the actor, bounded by
/// <see cref="ActorTimeouts.DebugLog"/>, cancelled when the client goes away or the actor stops.
/// Replies with <see cref="JournalEntries"/> (the receiver streams and disposes them) or a
/// <see cref="Rejection"/> (journalctl's failure text, as a 500).
/// </summary>
public sealed class DebugActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IJournal _journal;
    private readonly ActorTimeouts _timeouts;
    private readonly CancellationTokenSource _stopping = new();

    public DebugActor(IJournal journal, ActorTimeouts timeouts)
    {
        _journal = journal;
        _timeouts = timeouts;
        Receive<GetLog>(HandleGetLog);
        Receive<LogRead>(HandleLogRead);
    }

    /// <summary>
    /// Reads the journal as <paramref name="Query"/> says; <paramref name="Cancellation"/> is the request's.
    /// </summary>
    public sealed record GetLog(JournalQuery Query, CancellationToken Cancellation);

    /// <summary>
    /// A query finished: <paramref name="Reply"/> is entries or a rejection for <paramref name="ReplyTo"/>.
    /// </summary>
    public sealed record LogRead(IActorRef ReplyTo, JournalQuery Query, object Reply);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void HandleGetLog(GetLog message)
    {
        var replyTo = Sender;
        ReadAsync(_journal, message, _timeouts.DebugLog, _stopping.Token)
            .PipeTo(Self, success: reply => new LogRead(replyTo, message.Query, reply));
    }

    private void HandleLogRead(LogRead message)
    {
        if (message.Reply is Rejection rejection)
        {
            var arguments = string.Join(' ', message.Query.Arguments);
            _log.Warning("Journal query {Arguments} failed: {Reason}", arguments, rejection.Message);
        }

        message.ReplyTo.Tell(message.Reply);
    }

    private static async Task<object> ReadAsync(
        IJournal journal, GetLog message, TimeSpan timeout, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(message.Cancellation, stopping);
        cancel.CancelAfter(timeout);
        try
        {
            return await journal.QueryAsync(message.Query, cancel.Token).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            return Rejection.Internal(ex.Message);
        }
        catch (OperationCanceledException) when (message.Cancellation.IsCancellationRequested)
        {
            return Rejection.Internal("the request was cancelled");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return Rejection.Unavailable("the debug subsystem is restarting");
        }
        catch (OperationCanceledException)
        {
            return Rejection.Internal($"journalctl did not finish within {timeout.TotalSeconds:0} seconds");
        }
        catch (IOException ex)
        {
            return Rejection.Internal(ex.Message);
        }
    }
}
