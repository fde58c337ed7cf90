using Akka.Actor;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Common;
using IncusOs.Actors.Resources;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

public sealed class ResourcesActorTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ActorTimeouts _timeouts = new() { ResourcesCache = TimeSpan.FromSeconds(10) };
    private readonly ManualTime _time = new();

    [Fact]
    public async Task GetResources_WithinCacheTime_ServedWithoutCollecting()
    {
        var provider = new ScriptedResourcesProvider();
        var actor = Start(provider);

        var first = await actor.Ask<ResourcesDocument>(ResourcesActor.GetResources.Instance, Wait);
        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await actor.Ask<ResourcesDocument>(ResourcesActor.GetResources.Instance, Wait);

        Assert.Same(first, second);
        Assert.Equal(1, provider.Calls);
    }

    [Fact]
    public async Task GetResources_AfterCacheTime_CollectsAgain()
    {
        var provider = new ScriptedResourcesProvider();
        var actor = Start(provider);

        await actor.Ask<ResourcesDocument>(ResourcesActor.GetResources.Instance, Wait);
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = await actor.Ask<ResourcesDocument>(ResourcesActor.GetResources.Instance, Wait);
        _time.Advance(TimeSpan.FromSeconds(30));
        var third = await actor.Ask<ResourcesDocument>(ResourcesActor.GetResources.Instance, Wait);

        Assert.Equal((2L, 3L), (second.Load.Processes, third.Load.Processes));
        Assert.Equal(3, provider.Calls);
    }

    [Fact]
    public async Task GetResources_ConcurrentRequests_ShareOneCollection()
    {
        var provider = new ScriptedResourcesProvider { Gate = true };
        var actor = Start(provider);
        var probes = Enumerable.Range(0, 3).Select(_ => CreateTestProbe()).ToList();

        probes.ForEach(p => actor.Tell(ResourcesActor.GetResources.Instance, p.Ref));
        await AwaitConditionAsync(() => Task.FromResult(provider.Calls == 1), Wait);
        var document = ScriptedResourcesProvider.Document(42);
        provider.Complete(document);

        foreach (var probe in probes)
        {
            Assert.Same(document, await probe.ExpectMsgAsync<ResourcesDocument>(Wait));
        }

        Assert.Equal(1, provider.Calls);
    }

    [Fact]
    public async Task GetResources_CollectionFails_InternalRejectionNotCached()
    {
        var provider = new ScriptedResourcesProvider { Gate = true };
        var actor = Start(provider);

        var failing = actor.Ask<object>(ResourcesActor.GetResources.Instance, Wait);
        await AwaitConditionAsync(() => Task.FromResult(provider.Calls == 1), Wait);
        provider.Fail("Failed to retrieve load information: Failed to read \"/proc/loadavg\": permission denied");
        var rejection = Assert.IsType<Rejection>(await failing);
        var retry = actor.Ask<object>(ResourcesActor.GetResources.Instance, Wait);
        await AwaitConditionAsync(() => Task.FromResult(provider.Calls == 2), Wait);
        provider.Complete(ScriptedResourcesProvider.Document(7));

        Assert.Equal(ErrorKind.Internal, rejection.Kind);
        Assert.StartsWith("Failed to retrieve load information: ", rejection.Message);
        Assert.Equal(7L, Assert.IsType<ResourcesDocument>(await retry).Load.Processes);
    }

    [Fact]
    public async Task GetResources_CollectionHangs_CancelledAfterAskBoundAndRetried()
    {
        var provider = new ScriptedResourcesProvider { Gate = true };
        var timeouts = _timeouts with { Ask = TimeSpan.FromMilliseconds(200) };
        var actor = Sys.ActorOf(Props.Create(() => new ResourcesActor(provider, timeouts, _time)));

        var reply = await actor.Ask<object>(ResourcesActor.GetResources.Instance, Wait);
        provider.Gate = false;
        var retry = await actor.Ask<object>(ResourcesActor.GetResources.Instance, Wait);

        Assert.Equal(ErrorKind.Internal, Assert.IsType<Rejection>(reply).Kind);
        Assert.Equal(2L, Assert.IsType<ResourcesDocument>(retry).Load.Processes);
    }

    private IActorRef Start(ScriptedResourcesProvider provider) =>
        Sys.ActorOf(Props.Create(() => new ResourcesActor(provider, _timeouts, _time)));
}
