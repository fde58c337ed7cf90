using IncusOs.Actors.Debug;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The debug area: the journal (journalctl on a host; the simulated machine's own journal, fed by
/// the daemon's log, in simulate mode) and the <see cref="DebugActor"/>.
/// </summary>
public static class DebugComposition
{
    public static IServiceCollection AddDebug(this IServiceCollection services, DaemonOptions options)
    {
        if (options.Simulate)
        {
            services.AddSingleton(sp => new SimulatedJournal(
                sp.GetRequiredService<SimulatedMachine>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IJournal>(sp => sp.GetRequiredService<SimulatedJournal>());
            services.AddSingleton<ILoggerProvider, SimulatedJournalLoggerProvider>();
        }
        else
        {
            // Spooled on the state disk, not /tmp, which may be memory.
            var spool = Path.Combine(options.StateDirectory, "spool");
            services.AddSingleton<IJournal>(sp => new HostJournal(sp.GetRequiredService<IProcessRunner>(), spool));
        }

        services.AddSingleton(AreaActorSpec.For<DebugActor>("debug"));

        return services;
    }
}
