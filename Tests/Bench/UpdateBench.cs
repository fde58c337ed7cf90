using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using IncusOs.Providers.Update;
using IncusOs.Tests.Support;
using IncusOs.Tests.Update;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Bench;

/// <summary>
/// Issue 4's suite: one large update file (default 1 GiB) served over HTTPS on loopback with a signed index.
/// Verify: the update path's SHA-256 stream against <c>sha256sum</c> on the same file. Download: the simulated
/// daemon's <c>images</c> source fetching, verifying and installing it (POST to done) against <c>curl</c>
/// fetching the same URL. Memory: the daemon's peak RSS growth while it downloads.
/// </summary>
public static class UpdateBench
{
    private const int Rounds = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var work = Directory.CreateTempSubdirectory("incus-osd-update-bench-").FullName;
        try
        {
            return await RunInAsync(work, mib);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string work, int mib)
    {
        using var pki = TestPki.Create();
        var caFile = Path.Combine(work, "ca.pem");
        await File.WriteAllTextAsync(caFile, pki.CaPem);
        var file = Path.Combine(work, "incus.raw");
        WriteRandom(file, mib);
        var bytes = new FileInfo(file).Length;
        Console.WriteLine($"update file: {bytes / 1048576} MiB of random data, {file}");

        var sha256sum = await TimeAsync(() => Measure.RunAsync("sha256sum", file));
        var ours = await TimeAsync(() => HashLikeTheDownloaderAsync(file));
        Console.WriteLine(
            $"verify: sha256sum {Rate(bytes, sha256sum.Seconds)}, update path {Rate(bytes, ours.Seconds)}, " +
            $"ratio {sha256sum.Seconds / ours.Seconds:F2} (target >= 0.9)");
        var sha = sha256sum.Result.Split(' ')[0];
        if (ours.Result != sha)
        {
            throw new InvalidOperationException($"hash disagrees: sha256sum {sha}, ours {ours.Result}");
        }

        await using var server = await IndexServer.StartAsync(pki, file, sha, bytes, work);
        await using var daemon = await DaemonProcess.StartAsync(
            prepare: state => File.WriteAllText(Path.Combine(state, "update.json"), JsonConvert.SerializeObject(new
            {
                provider = new { name = "images", config = new Dictionary<string, string>
                {
                    ["server_url"] = server.ServerUrl, ["update_ca"] = pki.CaPem,
                } },
            })),
            extraArgs: ["--log-level", "warn"],
            environment: new Dictionary<string, string> { ["SSL_CERT_FILE"] = caFile });
        await WaitForIdleAsync(daemon, previousCheck: null);

        for (var round = 1; round <= Rounds; round++)
        {
            var version = $"2027010{round}0000";
            var url = await server.PublishAsync(version);
            var curlOut = Path.Combine(work, "curl.out");

            // HTTP/1.1 as the daemon's client speaks; the order alternates so neither side always runs first.
            Func<Task<string>> fetch = () => Measure.RunAsync(
                "curl", "-sS", "--fail", "--http1.1", "--cacert", caFile, "-o", curlOut, url);
            (string Result, double Seconds) curl = default;
            if (round % 2 == 1)
            {
                curl = await TimeAsync(fetch);
            }

            var (download, rssGrowth) = await DaemonDownloadAsync(daemon, version);
            if (round % 2 == 0)
            {
                curl = await TimeAsync(fetch);
            }

            File.Delete(curlOut);
            Console.WriteLine(
                $"round {round}: curl {Rate(bytes, curl.Seconds)} ({curl.Seconds:F2} s), " +
                $"daemon check+download+verify+install {Rate(bytes, download)} ({download:F2} s), " +
                $"ratio {curl.Seconds / download:F2} (target >= 0.9), " +
                $"daemon peak RSS growth {rssGrowth / 1048576.0:F1} MiB (target < 32)");
        }

        return 0;
    }

    private static async Task<(double Seconds, long RssGrowth)> DaemonDownloadAsync(
        DaemonProcess daemon, string version)
    {
        var before = (await daemon.GetMetadataAsync("/1.0/system/update"))["state"]!;
        var baseline = Measure.RssBytes(daemon.Pid);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Measure.RssBytes(daemon.Pid));
                await Task.Delay(10);
            }
        });

        var watch = Stopwatch.StartNew();
        await daemon.SendAsync(HttpMethod.Post, "/1.0/system/update", null);
        await WaitForIdleAsync(daemon, (string?)before["last_check"]);
        var seconds = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;

        var state = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(daemon.StateDirectory, "update.json")));
        if ((string?)state["applications"]?["incus"] != version)
        {
            throw new InvalidOperationException($"the daemon did not install {version}: {state["update_status"]}");
        }

        return (seconds, peak - baseline);
    }

    private static async Task WaitForIdleAsync(DaemonProcess daemon, string? previousCheck)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            var state = (await daemon.GetMetadataAsync("/1.0/system/update"))["state"]!;
            var status = (string?)state["update_status"];
            var check = (string?)state["last_check"];
            if (status is { Length: > 0 } and not "Running update check" && check != previousCheck
                && check != "0001-01-01T00:00:00Z")
            {
                return;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The downloader's verifying stream over the file, read in the downloader's buffer size.</summary>
    private static async Task<string> HashLikeTheDownloaderAsync(string file)
    {
        var stream = new FileStream(
            file, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        await using var verifying = new VerifyingReadStream(stream, "bench", null, TimeSpan.FromMinutes(1));
        await verifying.CopyToAsync(Stream.Null, 1 << 20);

        return verifying.FinishHash();
    }

    private static void WriteRandom(string path, int mib)
    {
        using var output = File.Create(path);
        var chunk = new byte[1 << 20];
        for (var i = 0; i < mib; i++)
        {
            RandomNumberGenerator.Fill(chunk);
            output.Write(chunk);
        }
    }

    private static async Task<(T Result, double Seconds)> TimeAsync<T>(Func<Task<T>> run)
    {
        var watch = Stopwatch.StartNew();
        var result = await run();

        return (result, watch.Elapsed.TotalSeconds);
    }

    private static string Rate(long bytes, double seconds) => $"{bytes / 1048576.0 / seconds:F0} MiB/s";

    /// <summary>Kestrel over TLS on loopback: a signed index (404 until published), the file sent from disk.</summary>
    private sealed class IndexServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TestPki _pki;
        private readonly string _file;
        private readonly string _sha;
        private readonly long _size;
        private readonly string _work;
        private byte[]? _index;

        private IndexServer(WebApplication app, TestPki pki, string file, string sha, long size, string work)
        {
            _app = app;
            _pki = pki;
            _file = file;
            _sha = sha;
            _size = size;
            _work = work;
        }

        public string ServerUrl { get; private set; } = string.Empty;

        public static async Task<IndexServer> StartAsync(TestPki pki, string file, string sha, long size, string work)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
                k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(pki.Server)));
            var app = builder.Build();
            var server = new IndexServer(app, pki, file, sha, size, work);
            app.Run(server.HandleAsync);
            await app.StartAsync();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            server.ServerUrl = addresses.Addresses.First() + "/os";

            return server;
        }

        /// <summary>Signs an index offering the file as <c>incus</c> at <paramref name="version"/>.</summary>
        public async Task<string> PublishAsync(string version)
        {
            var index = new
            {
                format = "1.0",
                updates = new[]
                {
                    new
                    {
                        format = "1.0",
                        channels = new[] { "stable" },
                        origin = "bench",
                        published_at = "2027-01-01T00:00:00Z",
                        severity = "none",
                        version,
                        url = "/" + version,
                        files = new[]
                        {
                            new
                            {
                                architecture = LocalArchitecture.Name,
                                component = "incus",
                                filename = "x86_64/incus.raw",
                                sha256 = _sha,
                                size = _size,
                                type = "application",
                            },
                        },
                    },
                },
            };
            var json = Path.Combine(_work, "index.json");
            var signed = Path.Combine(_work, "index.sjson");
            await File.WriteAllTextAsync(json, JsonConvert.SerializeObject(index));
            await Measure.RunAsync(
                "openssl", "smime", "-sign", "-text", "-signer", _pki.SignerCertificateFile,
                "-inkey", _pki.SignerKeyFile, "-in", json, "-out", signed);
            _index = await File.ReadAllBytesAsync(signed);

            return $"{ServerUrl}//{version}/x86_64/incus.raw";
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (path == "/os/index.sjson" && _index is { } index)
            {
                await context.Response.Body.WriteAsync(index);
            }
            else if (path.EndsWith("/x86_64/incus.raw", StringComparison.Ordinal) && _index is not null)
            {
                context.Response.ContentLength = _size;
                await context.Response.SendFileAsync(_file);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        }
    }
}
