using Akka.Actor;
using Akka.DependencyInjection;

namespace IncusOs.Actors.Supervision;

/// <summary>
/// One area actor the root supervisor creates and registers: its registry key (the actor's type),
/// its name under <c>/user/root</c>, and how to make its props. Each area adds one to the service
/// collection; the supervisor needs no edit when an area is added.
/// </summary>
public sealed record AreaActorSpec(Type Key, string Name, Func<IDependencyResolver?, Props> CreateProps)
{
    /// <summary>An actor whose constructor arguments all come from dependency injection.</summary>
    public static AreaActorSpec For<TActor>(string name)
        where TActor : ActorBase =>
        new(
            typeof(TActor),
            name,
            resolver => (resolver ?? throw new InvalidOperationException("dependency injection is not set up"))
                .Props<TActor>());
}
