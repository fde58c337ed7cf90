using System.Collections;
using System.CommandLine;

namespace IncusOs.Daemon;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        var root = CommandLine.Build(DaemonHost.RunAsync, environment);
        var configuration = new InvocationConfiguration
        {
            // The host handles SIGTERM and Ctrl-C itself and shuts down in order.
            ProcessTerminationTimeout = null,
        };

        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
