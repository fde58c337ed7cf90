using IncusOs.Providers;
using IncusOs.Providers.Network;

namespace IncusOs.Tests.Network;

/// <summary>
/// A controllable applier and state reader for actor tests: each apply is recorded and can be held
/// open or made to fail; state reports every link as routable with its configured static addresses.
/// </summary>
internal sealed class FakeNetwork : INetworkApplier, INetworkStateReader, IHostIdentity, INicInventory
{
    private readonly object _gate = new();
    private readonly List<NetworkApplyPlan> _applied = [];
    private NetworkApplyPlan? _inForce;

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Applies whose host name is in this set fail.</summary>
    public HashSet<string> FailingHostnames { get; } = [];

    /// <summary>When set, reading the state fails with this message.</summary>
    public string? ReadFailure { get; set; }

    public IReadOnlyList<NicInfo> Nics { get; set; } = [new NicInfo("enp5s0", "10:66:6a:00:00:01")];

    public IReadOnlyList<NetworkApplyPlan> Applied
    {
        get
        {
            lock (_gate)
            {
                return [.. _applied];
            }
        }
    }

    public async Task ApplyAsync(NetworkApplyPlan plan, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _applied.Add(plan);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailingHostnames.Contains(plan.Hostname))
        {
            throw new ProviderException("timed out waiting for network to come online");
        }

        lock (_gate)
        {
            _inForce = plan;
        }
    }

    public Task<IReadOnlyDictionary<string, LinkObservation>> ReadAsync(
        IReadOnlyList<LinkQuery> links, CancellationToken cancellationToken)
    {
        if (ReadFailure is { } failure)
        {
            throw new ProviderException(failure);
        }

        NetworkApplyPlan? plan;
        lock (_gate)
        {
            plan = _inForce;
        }

        var result = links.ToDictionary(
            l => l.Key,
            l => new LinkObservation
            {
                State = "routable",
                Mtu = 1500,
                Addresses = plan?.Links.FirstOrDefault(p => p.Device == l.Device)?.Addresses
                    .Where(a => a.Contains('/')).Select(a => a.Split('/')[0]).ToList() ?? [],
            });

        return Task.FromResult<IReadOnlyDictionary<string, LinkObservation>>(result);
    }

    public string FallbackHostname() => "fallback-host";

    public Task<IReadOnlyList<NicInfo>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Nics);
}
