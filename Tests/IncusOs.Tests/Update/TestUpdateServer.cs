using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace IncusOs.Tests.Update;

/// <summary>
/// A real HTTPS update server on 127.0.0.1 (Kestrel, TLS certificate from a <see cref="TestPki"/>) serving
/// an <c>index.sjson</c> signed with <c>openssl smime</c> and gzip-compressed release files, with
/// <see cref="Fault"/> to make it misbehave.
/// </summary>
public sealed class TestUpdateServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestPki _pki;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private byte[] _signedIndex = [];
    private byte[] _badlySignedIndex = [];
    private int _indexRequests;
    private int _assetRequests;

    private TestUpdateServer(WebApplication app, TestPki pki)
    {
        _app = app;
        _pki = pki;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The images provider's <c>server_url</c>.</summary>
    public string ServerUrl => BaseUrl + "/os";

    public UpdateServerFault Fault { get; set; }

    /// <summary>How long <see cref="UpdateServerFault.AssetStall"/> stalls.</summary>
    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(5);

    public int IndexRequests => Volatile.Read(ref _indexRequests);

    public int AssetRequests => Volatile.Read(ref _assetRequests);

    /// <summary>Extra routes for other kinds of server (the Operations Center API).</summary>
    public Func<HttpContext, Task<bool>>? Extra { get; set; }

    public static async Task<TestUpdateServer> StartAsync(
        TestPki pki, Action<HttpsConnectionAdapterOptions>? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = pki.Server;
            tls?.Invoke(https);
        })));
        var app = builder.Build();
        var server = new TestUpdateServer(app, pki);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.First();
        server.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);

        return server;
    }

    /// <summary>
    /// Publishes a release: each file gzip-compressed under <c>/os/VERSION/x86_64/NAME.gz</c>, listed (newest
    /// first) in an index signed by the test CA's signer and, for <see cref="UpdateServerFault.WrongSignature"/>,
    /// by a stranger's.
    /// </summary>
    public async Task PublishAsync(string version, IReadOnlyDictionary<string, byte[]> files, string[]? channels = null)
    {
        var entries = new List<object>();
        lock (_gate)
        {
            foreach (var (name, content) in files)
            {
                var gz = Gzip(content);
                var filename = $"x86_64/{name}.gz";
                _files[$"/os/{version}/{filename}"] = gz;
                entries.Add(new
                {
                    architecture = Providers.Update.LocalArchitecture.Name,
                    component = name.StartsWith("IncusOS", StringComparison.Ordinal) ? "os" : "incus",
                    filename,
                    sha256 = Convert.ToHexStringLower(SHA256.HashData(gz)),
                    size = (long)gz.Length,
                    type = name.EndsWith(".efi", StringComparison.Ordinal) ? "update-efi" : "application",
                });
            }
        }

        var index = new
        {
            format = "1.0",
            updates = new[]
            {
                new
                {
                    format = "1.0",
                    channels = channels ?? ["stable"],
                    origin = "test",
                    published_at = "2026-01-01T00:00:00Z",
                    severity = "none",
                    version,
                    url = "/" + version,
                    files = entries,
                },
            },
        };
        var json = JsonConvert.SerializeObject(index);
        var signed = await SignAsync(json, _pki.SignerCertificateFile, _pki.SignerKeyFile);
        using var stranger = TestPki.Create("Stranger CA");
        var badlySigned = await SignAsync(json, stranger.SignerCertificateFile, stranger.SignerKeyFile);
        lock (_gate)
        {
            _signedIndex = signed;
            _badlySignedIndex = badlySigned;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> SignAsync(string json, string certificate, string key)
    {
        var directory = Directory.CreateTempSubdirectory("incus-osd-sign-").FullName;
        try
        {
            var input = Path.Combine(directory, "index.json");
            var output = Path.Combine(directory, "index.sjson");
            await File.WriteAllTextAsync(input, json);
            var info = new ProcessStartInfo("openssl")
            {
                ArgumentList =
                {
                    "smime", "-sign", "-text", "-signer", certificate, "-inkey", key, "-in", input, "-out", output,
                },
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("openssl smime -sign failed: " + stderr);
            }

            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Extra is { } extra && await extra(context))
        {
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        if (Fault == UpdateServerFault.ServerError)
        {
            context.Response.StatusCode = 500;
            return;
        }

        if (path == "/os/index.sjson")
        {
            await ServeIndexAsync(context);
            return;
        }

        byte[]? file;
        lock (_gate)
        {
            file = _files.GetValueOrDefault(path);
        }

        if (file is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        Interlocked.Increment(ref _assetRequests);
        await ServeAssetAsync(context, file);
    }

    private async Task ServeIndexAsync(HttpContext context)
    {
        var count = Interlocked.Increment(ref _indexRequests);
        if (Fault == UpdateServerFault.IndexResetTwice && count <= 2)
        {
            context.Abort();
            return;
        }

        byte[] body;
        lock (_gate)
        {
            body = Fault == UpdateServerFault.WrongSignature ? _badlySignedIndex : _signedIndex;
        }

        if (Fault == UpdateServerFault.WrongSha256)
        {
            body = await ResignWithWrongShaAsync(body);
        }

        await context.Response.Body.WriteAsync(body);
    }

    private async Task<byte[]> ResignWithWrongShaAsync(byte[] signed)
    {
        var text = System.Text.Encoding.UTF8.GetString(signed);
        var start = text.IndexOf("{\"format\"", StringComparison.Ordinal);
        var end = text.LastIndexOf('}') + 1;
        var json = System.Text.RegularExpressions.Regex.Replace(
            text[start..end], "\"sha256\":\"[0-9a-f]{64}\"", "\"sha256\":\"" + new string('0', 64) + "\"");

        return await SignAsync(json, _pki.SignerCertificateFile, _pki.SignerKeyFile);
    }

    private async Task ServeAssetAsync(HttpContext context, byte[] file)
    {
        var response = context.Response;
        switch (Fault)
        {
            case UpdateServerFault.AssetServerError:
                response.StatusCode = 500;
                return;
            case UpdateServerFault.AssetReset:
                response.ContentLength = file.Length;
                await response.Body.WriteAsync(file.AsMemory(0, file.Length / 2));
                await response.Body.FlushAsync();
                context.Abort();
                return;
            case UpdateServerFault.AssetTruncated:
                await response.Body.WriteAsync(file.AsMemory(0, file.Length / 2));
                return;
            case UpdateServerFault.AssetStall:
                response.ContentLength = file.Length;
                await response.Body.WriteAsync(file.AsMemory(0, 16));
                await response.Body.FlushAsync();
                await Task.Delay(StallFor, context.RequestAborted).ContinueWith(_ => { });
                context.Abort();
                return;
            default:
                response.ContentLength = file.Length;
                await response.Body.WriteAsync(file);
                return;
        }
    }
}
