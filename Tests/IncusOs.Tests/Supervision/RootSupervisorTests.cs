using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Supervision;

namespace IncusOs.Tests.Supervision;

public sealed class RootSupervisorTests : TestKit
{
    [Fact]
    public async Task Child_ProviderThrows_RestartedAndNextRequestSucceeds()
    {
        var provider = new FlakyProvider();
        var registry = new ActorRegistry();
        var spec = new AreaActorSpec(typeof(AreaProbe), "probe", _ => Props.Create(() => new AreaProbe(provider)));
        Sys.ActorOf(Props.Create(() => new RootSupervisor(new[] { spec }, registry)), "root");
        var child = await WaitForAsync(registry);

        child.Tell("fail");
        child.Tell("work");

        var reply = await ExpectMsgAsync<string>();
        Assert.Equal("worked 2", reply);
        Assert.Equal(2, provider.Starts);
    }

    [Fact]
    public async Task RestartAreas_EveryChildStartsAgainAtTheSameAddress()
    {
        var provider = new FlakyProvider();
        var registry = new ActorRegistry();
        var spec = new AreaActorSpec(typeof(AreaProbe), "probe", _ => Props.Create(() => new AreaProbe(provider)));
        var root = Sys.ActorOf(Props.Create(() => new RootSupervisor(new[] { spec }, registry)), "root2");
        var child = await WaitForAsync(registry);

        root.Tell(RootSupervisor.RestartAreas.Instance);
        await AwaitAssertAsync(() => Assert.Equal(2, provider.Starts));
        child.Tell("work");

        Assert.Equal("worked 2", await ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Child_FailsWhileStarting_IsStopped()
    {
        var registry = new ActorRegistry();
        var spec = new AreaActorSpec(typeof(BrokenArea), "broken", _ => Props.Create(() => new BrokenArea()));
        Sys.ActorOf(Props.Create(() => new RootSupervisor(new[] { spec }, registry)), "root3");
        var child = await AwaitRegisteredAsync(registry, typeof(BrokenArea));
        Watch(child);

        await ExpectTerminatedAsync(child);
    }

    private async Task<IActorRef> WaitForAsync(ActorRegistry registry) =>
        await AwaitRegisteredAsync(registry, typeof(AreaProbe));

    private async Task<IActorRef> AwaitRegisteredAsync(ActorRegistry registry, Type key)
    {
        IActorRef? found = null;
        await AwaitConditionAsync(() => Task.FromResult(registry.TryGet(key, out found)));

        return found!;
    }

    private sealed class FlakyProvider
    {
        private int _starts;

        public int Starts => Volatile.Read(ref _starts);

        public int Start() => Interlocked.Increment(ref _starts);
    }

    private sealed class AreaProbe : ReceiveActor
    {
        private readonly FlakyProvider _provider;
        private int _generation;

        public AreaProbe(FlakyProvider provider)
        {
            _provider = provider;
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("provider failed"));
            Receive<string>(s => s == "work", _ => Sender.Tell($"worked {_generation}"));
        }

        protected override void PreStart() => _generation = _provider.Start();
    }

    private sealed class BrokenArea : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }
}
