using IncusOs.Providers.Process;

namespace IncusOs.Providers.Network;

/// <summary>Runs <c>ip</c>, <c>networkctl</c> and <c>udevadm</c> with the configured prefix and environment.</summary>
public sealed class NetworkCommands
{
    private readonly IProcessRunner _runner;
    private readonly NetworkOptions _options;

    public NetworkCommands(IProcessRunner runner, NetworkOptions options)
    {
        _runner = runner;
        _options = options;
    }

    public async Task<string> RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new ProcessOptions { Environment = _options.CommandEnvironment };
        if (_options.CommandPrefix.Count == 0)
        {
            return (await _runner.RunAsync(command, args, options, cancellationToken).ConfigureAwait(false)).Stdout;
        }

        var argv = _options.CommandPrefix.Skip(1).Append(command).Concat(args).ToList();
        var result = await _runner.RunAsync(_options.CommandPrefix[0], argv, options, cancellationToken)
            .ConfigureAwait(false);

        return result.Stdout;
    }
}
