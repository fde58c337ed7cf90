using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Actors.Resources;

/// <summary>
/// Serves the host resources document (<c>GET /1.0/system/resources</c>) from a short result cache
/// (DECISIONS.md: reused while younger than <see cref="ActorTimeouts.ResourcesCache"/>, then collected again).
/// One collection runs at a time: every request that arrives while it runs waits for that same result.
/// A failed collection answers its waiters with an internal rejection and is not cached. Idle while no
/// collection runs, Collecting while one does; it has no mutations, so nothing is stashed.
/// </summary>
public sealed class ResourcesActor : ReceiveActor
{
    private readonly IResourcesProvider _provider;
    private readonly ActorTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private CachedDocument? _cache;
    private CancellationTokenSource? _collection;

    public ResourcesActor(IResourcesProvider provider, ActorTimeouts timeouts, TimeProvider time)
    {
        _provider = provider;
        _timeouts = timeouts;
        _time = time;
        Idle();
    }

    protected override void PostStop()
    {
        _collection?.Cancel();
        _collection?.Dispose();
        base.PostStop();
    }

    private void Idle()
    {
        Receive<GetResources>(HandleGetResourcesIdle);
    }

    private void Collecting()
    {
        Receive<GetResources>(HandleGetResourcesCollecting);
        Receive<CollectionCompleted>(HandleCollectionCompleted);
        Receive<CollectionFailed>(HandleCollectionFailed);
    }

    private void HandleGetResourcesIdle(GetResources message)
    {
        if (_cache is { } cache && _time.GetUtcNow() - cache.CollectedAt < _timeouts.ResourcesCache)
        {
            Sender.Tell(cache.Document);
            return;
        }

        _waiting.Add(Sender);
        StartCollection();
        Become(Collecting);
    }

    private void HandleGetResourcesCollecting(GetResources message) => _waiting.Add(Sender);

    private void HandleCollectionCompleted(CollectionCompleted message)
    {
        _log.Info("Collected host resources in {ElapsedMs} ms", message.Elapsed.TotalMilliseconds);
        _cache = new CachedDocument(message.Document, _time.GetUtcNow());
        ReplyToWaiting(message.Document);
    }

    private void HandleCollectionFailed(CollectionFailed message)
    {
        _log.Error("Host resources collection failed: {Error}", message.Error);
        ReplyToWaiting(Rejection.Internal(message.Error));
    }

    private void ReplyToWaiting(object reply)
    {
        foreach (var waiter in _waiting)
        {
            waiter.Tell(reply);
        }

        _waiting.Clear();
        _collection?.Dispose();
        _collection = null;
        Become(Idle);
    }

    private void StartCollection()
    {
        _collection = new CancellationTokenSource();

        // Bounded like the requests waiting for it, so a hung helper command cannot wedge the actor.
        _collection.CancelAfter(_timeouts.Ask);
        var token = _collection.Token;
        var provider = _provider;
        var started = _time.GetTimestamp();
        var time = _time;

        // The task only produces a message: it never touches the actor's fields.
        Task.Run(
            async () =>
            {
                try
                {
                    var document = await provider.CollectAsync(token).ConfigureAwait(false);

                    return (object)new CollectionCompleted(document, time.GetElapsedTime(started));
                }
                catch (ProviderException ex)
                {
                    return new CollectionFailed(ex.Message);
                }
                catch (OperationCanceledException)
                {
                    return new CollectionFailed("Host resources collection was cancelled");
                }
                catch (Exception ex)
                {
                    // Any other failure still has to answer the waiting requests.
                    return new CollectionFailed("Failed to retrieve resources: " + ex.Message);
                }
            },
            CancellationToken.None).PipeTo(Self);
    }

    /// <summary>Query: answered with the <see cref="ResourcesDocument"/> or a <see cref="Rejection"/>.</summary>
    public sealed record GetResources
    {
        public static readonly GetResources Instance = new();

        private GetResources()
        {
        }
    }

    private sealed record CollectionCompleted(ResourcesDocument Document, TimeSpan Elapsed);

    private sealed record CollectionFailed(string Error);

    private sealed record CachedDocument(ResourcesDocument Document, DateTimeOffset CollectedAt);
}
