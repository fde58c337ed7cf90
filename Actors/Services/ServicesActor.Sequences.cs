using Akka.Actor;
using Akka.Event;
using IncusOs.Actors.Machine;

namespace IncusOs.Actors.Services;

/// <summary>The start-up and shutdown sequences and the per-operation <see cref="ServiceHost"/>.</summary>
public sealed partial class ServicesActor
{
    /// <summary>Starts or stops, in <paramref name="order"/>, each service whose condition holds.</summary>
    private void RunSequence(IReadOnlyList<string> order, bool starting, IActorRef? replyTo)
    {
        Become(Busy);
        var state = _state;
        var host = Host();
        var procedures = order.Select(n => _procedures[n]).Where(p => p.ShouldStart(state)).ToList();
        var log = _log;
        var token = _stopping.Token;
        RunAsync().PipeTo(Self, success: () => new SequenceFinished(replyTo));

        async Task RunAsync()
        {
            foreach (var procedure in procedures)
            {
                try
                {
                    if (starting)
                    {
                        await procedure.StartAsync(state, host, token).ConfigureAwait(false);
                    }
                    else
                    {
                        await procedure.StopAsync(state, host, token).ConfigureAwait(false);
                    }

                    log.Info("{Action} service {Service}", starting ? "Started" : "Stopped", procedure.Name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    var template = starting ? "Failed starting service {Service}" : "Failed stopping service {Service}";
                    log.Error(ex, template, procedure.Name);
                }
            }
        }
    }

    private ServiceHost Host()
    {
        var dns = _dnsName;
        var identity = _identity;

        return new ServiceHost(_tools.Runner, _units, _options, _log, async cancellationToken =>
            PreferredHostname.Of(
                dns?.Hostname, dns?.Domain, await identity.ReadAsync(cancellationToken).ConfigureAwait(false)));
    }
}
