using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>A provider whose collections the test releases one by one, counting them.</summary>
internal sealed class ScriptedResourcesProvider : IResourcesProvider
{
    private TaskCompletionSource<ResourcesDocument> _next = NewSource();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>While true, each collection waits for <see cref="Complete"/> or <see cref="Fail"/>.</summary>
    public bool Gate { get; set; }

    public async Task<ResourcesDocument> CollectAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (!Gate)
        {
            return Document(call);
        }

        return await _next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Complete(ResourcesDocument document) =>
        Interlocked.Exchange(ref _next, NewSource()).SetResult(document);

    public void Fail(string message) =>
        Interlocked.Exchange(ref _next, NewSource()).SetException(new ProviderException(message));

    public static ResourcesDocument Document(int marker) =>
        new() { Load = new ResourcesLoad { Processes = marker } };

    private static TaskCompletionSource<ResourcesDocument> NewSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
