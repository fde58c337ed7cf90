using Akka.Actor;
using IncusOs.Actors.Common;
using IncusOs.Actors.Debug;
using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;

namespace IncusOs.Tests.Debug;

/// <summary><see cref="DebugActor"/>: queries run side by side, failures and timeouts become rejections.</summary>
public sealed class DebugActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // The request's token travels in the message, which only works in-process, as in the daemon.
    public DebugActorTests()
        : base("akka.actor.serialize-messages = off")
    {
    }

    [Fact]
    public async Task GetLog_JournalAnswers_RepliesWithEntries()
    {
        var journal = new GatedJournal();
        journal.Release();
        var actor = Create(journal, new ActorTimeouts());

        actor.Tell(new DebugActor.GetLog(new JournalQuery(null, "-1", null), CancellationToken.None));

        using var entries = await ExpectMsgAsync<JournalEntries>(Wait);
        Assert.Equal(1, entries.Count);
    }

    [Fact]
    public async Task GetLog_JournalctlFails_InternalRejectionWithItsText()
    {
        var failure = new CommandFailedException("journalctl -o json -b 5", 1, "Data from the specified boot (+5) ...");
        var journal = new GatedJournal { Failure = failure };
        journal.Release();
        var actor = Create(journal, new ActorTimeouts());

        actor.Tell(new DebugActor.GetLog(new JournalQuery(null, "5", null), CancellationToken.None));

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.Equal(ErrorKind.Internal, rejection.Kind);
        Assert.Equal(failure.Message, rejection.Message);
    }

    [Fact]
    public async Task GetLog_TwoQueries_RunAtTheSameTime()
    {
        var journal = new GatedJournal();
        var actor = Create(journal, new ActorTimeouts());

        actor.Tell(new DebugActor.GetLog(new JournalQuery(null, "0", null), CancellationToken.None));
        actor.Tell(new DebugActor.GetLog(new JournalQuery(null, "-1", null), CancellationToken.None));

        await AwaitAssertAsync(() => Assert.Equal(2, journal.Running), Wait);
        journal.Release();
        using var first = await ExpectMsgAsync<JournalEntries>(Wait);
        using var second = await ExpectMsgAsync<JournalEntries>(Wait);
    }

    [Fact]
    public async Task GetLog_LongerThanDebugLogTimeout_CancelledAndRejected()
    {
        var journal = new GatedJournal();
        var actor = Create(journal, new ActorTimeouts { DebugLog = TimeSpan.FromMilliseconds(100) });

        actor.Tell(new DebugActor.GetLog(JournalQuery.CurrentBoot, CancellationToken.None));

        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        Assert.Equal(ErrorKind.Internal, rejection.Kind);
        Assert.StartsWith("journalctl did not finish within", rejection.Message);
        await journal.Cancelled.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task GetLog_ClientGoesAway_QueryCancelled()
    {
        var journal = new GatedJournal();
        var actor = Create(journal, new ActorTimeouts());
        using var request = new CancellationTokenSource();

        actor.Tell(new DebugActor.GetLog(JournalQuery.CurrentBoot, request.Token));
        await AwaitAssertAsync(() => Assert.Equal(1, journal.Running), Wait);
        await request.CancelAsync();

        await journal.Cancelled.Task.WaitAsync(Wait);
        await ExpectMsgAsync<Rejection>(Wait);
    }

    private IActorRef Create(IJournal journal, ActorTimeouts timeouts) =>
        Sys.ActorOf(Props.Create(() => new DebugActor(journal, timeouts)));
}
