using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Support;

/// <summary>
/// The real <c>incus-osd --simulate</c> as a child process on a temporary socket and state directory,
/// with a client over the socket. Restart keeps the state directory, as a service restart would.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly object _outputGate = new();
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    private DaemonProcess(
        string directory, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string>? environment)
    {
        Directory = directory;
        _extraArgs = extraArgs;
        _environment = environment ?? new Dictionary<string, string>();
        Client = UnixSocketHttp.CreateClient(SocketPath);
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "run", "unix.socket");

    public string StateDirectory => Path.Combine(Directory, "state");

    public HttpClient Client { get; private set; }

    /// <summary>The daemon's process id (the <c>dotnet</c> host runs the daemon in-process).</summary>
    public int Pid => _process!.Id;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a daemon on a new temporary directory; <paramref name="prepare"/> may seed the state first.
    /// </summary>
    public static async Task<DaemonProcess> StartAsync(
        Action<string>? prepare = null,
        IReadOnlyList<string>? extraArgs = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("incus-osd-e2e-").FullName;
        var daemon = new DaemonProcess(directory, extraArgs ?? [], environment);
        System.IO.Directory.CreateDirectory(daemon.StateDirectory);
        prepare?.Invoke(daemon.StateDirectory);
        await daemon.LaunchAsync();

        return daemon;
    }

    public static string DaemonDll
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "incus-osd.dll");
            var runtimeConfig = Path.Combine(AppContext.BaseDirectory, "incus-osd.runtimeconfig.json");
            if (File.Exists(local) && File.Exists(runtimeConfig))
            {
                return local;
            }

            var release = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal);
            var configuration = release ? "Release" : "Debug";

            return Path.Combine(TestPaths.RepositoryRoot, "Daemon", "bin", configuration, "net10.0", "incus-osd.dll");
        }
    }

    /// <summary>Stops with SIGTERM (as systemd does) and starts again on the same state.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process!;
        if (!process.HasExited)
        {
            kill(process.Id, 15);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        return process.ExitCode;
    }

    /// <summary>Waits for the process to end on its own (e.g. after a power-off).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);

        return _process.ExitCode;
    }

    /// <summary>Starts the process again after it exited by itself.</summary>
    public Task StartAgainAsync() => LaunchAsync();

    /// <summary>SIGKILL: the crash case.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }
    }

    public async Task<(int Status, JObject Body)> GetAsync(string path) => await SendAsync(HttpMethod.Get, path, null);

    public async Task<(int Status, JObject Body)> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        return ((int)response.StatusCode, JObject.Parse(text));
    }

    /// <summary>The metadata of a GET that must succeed.</summary>
    public async Task<JToken> GetMetadataAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        if (status != 200)
        {
            throw new InvalidOperationException($"GET {path} answered {status}: {body}");
        }

        return body["metadata"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child of the daemon may still hold a file; the temp directory is cleaned later.
        }
    }

    private async Task LaunchAsync()
    {
        // INCUS_OSD_EXECUTABLE runs a published daemon instead (the benches measure the deployed form).
        var executable = Environment.GetEnvironmentVariable("INCUS_OSD_EXECUTABLE");
        var info = new ProcessStartInfo(string.IsNullOrEmpty(executable) ? "dotnet" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(executable))
        {
            info.ArgumentList.Add(DaemonDll);
        }

        foreach (var arg in new[] { "--simulate", "--socket", SocketPath, "--state-dir", StateDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        if (!_extraArgs.Contains("--log-level"))
        {
            info.ArgumentList.Add("--log-level");
            info.ArgumentList.Add("debug");
        }

        foreach (var arg in _extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process?.Dispose();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Client.Dispose();
        Client = UnixSocketHttp.CreateClient(SocketPath);
        await WaitReadyAsync();
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"incus-osd exited with {_process.ExitCode}:\n{Output}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var response = await Client.GetAsync("/1.0");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"incus-osd did not answer within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
