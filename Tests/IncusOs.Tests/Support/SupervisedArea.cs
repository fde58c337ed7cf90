using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using IncusOs.Actors.Supervision;

namespace IncusOs.Tests.Support;

/// <summary>
/// One area actor under the daemon's own <see cref="RootSupervisor"/>, so that a test can reboot it
/// the way the simulated machine does (<see cref="RootSupervisor.RestartAreas"/>).
/// </summary>
internal static class SupervisedArea
{
    public static async Task<(IActorRef Root, IActorRef Area)> StartAsync<TActor>(
        TestKitBase kit, Props props, string name)
        where TActor : ActorBase
    {
        var registry = new ActorRegistry();
        var spec = new AreaActorSpec(typeof(TActor), name, _ => props);
        var root = kit.Sys.ActorOf(Props.Create(() => new RootSupervisor(new[] { spec }, registry)));
        IActorRef? area = null;
        await kit.AwaitConditionAsync(() => Task.FromResult(registry.TryGet(typeof(TActor), out area)));

        return (root, area!);
    }
}
