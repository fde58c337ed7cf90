using Akka.Actor;
using Akka.Hosting;
using IncusOs.Actors.Common;

namespace IncusOs.Daemon.Http;

/// <summary>
/// Finds area actors in the registry and asks them with a bound. An area that is not registered yet
/// (the daemon is starting) is waited for up to <see cref="ActorTimeouts.Startup"/>.
/// </summary>
public sealed class ActorGateway
{
    private readonly IActorRegistry _registry;
    private readonly ActorTimeouts _timeouts;
    private readonly TimeProvider _time;

    public ActorGateway(IActorRegistry registry, ActorTimeouts timeouts, TimeProvider time)
    {
        _registry = registry;
        _timeouts = timeouts;
        _time = time;
    }

    public ActorTimeouts Timeouts => _timeouts;

    /// <summary>Asks the actor registered under <paramref name="key"/>; throws on timeout.</summary>
    public async Task<object> AskAsync(Type key, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var actor = await ResolveAsync(key, cancellationToken).ConfigureAwait(false);

        return await actor.Ask<object>(message, timeout ?? _timeouts.Ask, cancellationToken).ConfigureAwait(false);
    }

    public void Tell(Type key, object message)
    {
        if (_registry.TryGet(key, out var actor))
        {
            actor.Tell(message);
        }
    }

    private async Task<IActorRef> ResolveAsync(Type key, CancellationToken cancellationToken)
    {
        if (_registry.TryGet(key, out var actor))
        {
            return actor;
        }

        // Polling: a registration made while GetAsync is waiting was seen to be missed.
        var deadline = _time.GetUtcNow() + _timeouts.Startup;
        while (_time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
            if (_registry.TryGet(key, out actor))
            {
                return actor;
            }
        }

        throw new AskTimeoutException($"the {AreaName(key)} subsystem did not start in time");
    }

    public static string AreaName(Type key) =>
        key.Name.EndsWith("Actor", StringComparison.Ordinal) ? key.Name[..^5].ToLowerInvariant() : key.Name;
}
