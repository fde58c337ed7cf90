namespace IncusOs.Actors.Services;

/// <summary>The discovery retry loop of services.md §3 and §6: a fixed number of tries, a fixed pause.</summary>
internal static class Retry
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds; rethrows the last failure.</summary>
    public static async Task RunAsync(
        int attempts, TimeSpan delay, Func<Task> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt().ConfigureAwait(false);
                return;
            }
            catch (Providers.ProviderException) when (i < attempts)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
