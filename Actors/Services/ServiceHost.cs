using Akka.Event;
using IncusOs.Providers.Files;
using IncusOs.Providers.Process;
using IncusOs.Providers.Systemd;

namespace IncusOs.Actors.Services;

/// <summary>
/// What a service procedure may touch: the tools (argv through the one process runner), systemd
/// units, files under <see cref="ServicesOptions.Root"/>, and the preferred hostname. Built per
/// operation from values the actor captured, so a procedure never reads actor fields.
/// </summary>
internal sealed class ServiceHost
{
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Func<CancellationToken, Task<string>> _hostname;

    public ServiceHost(
        IProcessRunner tools,
        ISystemdUnits units,
        ServicesOptions options,
        ILoggingAdapter log,
        Func<CancellationToken, Task<string>> hostname)
    {
        Tools = tools;
        Units = units;
        Options = options;
        Log = log;
        _hostname = hostname;
    }

    public IProcessRunner Tools { get; }

    public ISystemdUnits Units { get; }

    public ServicesOptions Options { get; }

    public ILoggingAdapter Log { get; }

    public Task<string> HostnameAsync(CancellationToken cancellationToken) => _hostname(cancellationToken);

    /// <summary>Where an absolute host path lives under the configured root.</summary>
    public string PathOf(string absolute) => Path.Combine(Options.Root, absolute.TrimStart('/'));

    public async Task<string> RunAsync(CancellationToken cancellationToken, string command, params string[] args) =>
        (await Tools.RunAsync(command, args, null, cancellationToken).ConfigureAwait(false)).Stdout;

    public async Task StartUnitsAsync(CancellationToken cancellationToken, params string[] units)
    {
        foreach (var unit in units)
        {
            await Units.StartAsync(unit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopUnitsAsync(CancellationToken cancellationToken, params string[] units)
    {
        foreach (var unit in units)
        {
            await Units.StopAsync(unit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a directory (and its parents) with mode 0700 when missing.</summary>
    public void EnsureDirectory(string absolute) => Directory.CreateDirectory(PathOf(absolute), DirectoryMode);

    public bool Exists(string absolute) => File.Exists(PathOf(absolute));

    /// <summary>Writes a file with mode 0600, atomically.</summary>
    public void WriteFile(string absolute, string text) =>
        AtomicFile.WriteText(PathOf(absolute), text, AtomicFile.OwnerOnly);

    public string ReadFile(string absolute)
    {
        try
        {
            return File.ReadAllText(PathOf(absolute));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Providers.ProviderException($"open {absolute}: {Reason(ex)}", ex);
        }
    }

    public void DeleteFile(string absolute) => File.Delete(PathOf(absolute));

    public void DeleteDirectory(string absolute)
    {
        var path = PathOf(absolute);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };
}
