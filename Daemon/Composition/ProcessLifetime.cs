using IncusOs.Providers.Machine;
using Microsoft.Extensions.Hosting;

namespace IncusOs.Daemon.Composition;

/// <summary>Ends the daemon through the host's own shutdown, so it exits 0 and removes its socket.</summary>
public sealed class ProcessLifetime : IProcessLifetime
{
    private readonly IHostApplicationLifetime _lifetime;

    public ProcessLifetime(IHostApplicationLifetime lifetime)
    {
        _lifetime = lifetime;
    }

    public void StopProcess() => _lifetime.StopApplication();
}
