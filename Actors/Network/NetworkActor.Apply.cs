using Akka.Actor;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// The long work of <see cref="NetworkActor"/>: tasks that capture what they need and never touch fields.
/// </summary>
public sealed partial class NetworkActor
{
    private Func<SystemNetworkConfig, SystemNetworkConfig?, IActorRef?, Task<ApplyCompleted>> ApplyTask()
    {
        var applier = _applier;
        var identity = _identity;
        var limit = _timeouts.NetworkApply;
        var stopping = _stopping.Token;

        return async (config, previous, replyTo) =>
        {
            var planned = NetworkPlanBuilder.Build(config, identity.FallbackHostname());
            if (planned.Error is { } invalid)
            {
                return new ApplyCompleted(null, invalid, replyTo);
            }

            var failure = await TryApplyAsync(applier, planned.Plan!, limit, stopping).ConfigureAwait(false);
            if (failure is null)
            {
                return new ApplyCompleted(planned.Config, null, replyTo);
            }

            var restore = previous is null
                ? null
                : NetworkPlanBuilder.Build(previous, identity.FallbackHostname()).Plan;
            if (restore is { } back)
            {
                if (await TryApplyAsync(applier, back, limit, stopping).ConfigureAwait(false) is { } restoreFailure)
                {
                    failure += " (restoring the previous configuration also failed: " + restoreFailure + ")";
                }
            }

            return new ApplyCompleted(null, failure, replyTo);
        };
    }

    private static async Task<string?> TryApplyAsync(
        INetworkApplier applier, NetworkApplyPlan plan, TimeSpan limit, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(limit);
        try
        {
            await applier.ApplyAsync(plan, timeout.Token).ConfigureAwait(false);

            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"timed out applying the network configuration after {limit.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is ProviderException or IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
        catch (Exception ex)
        {
            // Anything else is a bug, but the actor must still leave Applying and answer the request.
            return "unexpected failure applying the network configuration: " + ex.Message;
        }
    }

    private static async Task<object> ReadAsync(
        INetworkStateReader reader, SystemNetworkConfig config, CancellationToken cancellationToken)
    {
        try
        {
            var seen = await reader.ReadAsync(NetworkStateBuilder.Queries(config), cancellationToken)
                .ConfigureAwait(false);

            return new SystemNetwork { Config = config, State = NetworkStateBuilder.Build(config, seen) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any state collection failure is a 400 with its reason (network.md §2), including the
            // output parse failures the reference panics on.
            return Rejection.BadRequest(ex.Message);
        }
    }
}
