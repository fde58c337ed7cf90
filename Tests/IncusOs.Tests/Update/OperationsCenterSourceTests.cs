using System.IO.Compression;
using System.Security.Authentication;
using System.Security.Cryptography;
using IncusOs.Providers;
using IncusOs.Providers.Update;
using Microsoft.AspNetCore.Http;

namespace IncusOs.Tests.Update;

/// <summary>
/// The <c>operations-center</c> source (spec update.md §5.4) against a Kestrel server speaking the
/// Operations Center envelope: TLS 1.3 only, the server certificate pinned instead of a CA.
/// </summary>
public sealed class OperationsCenterSourceTests : IDisposable
{
    private const string Version = "202601010000";

    private readonly TestPki _pki = TestPki.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-oc-").FullName;
    private readonly byte[] _efi = RandomNumberGenerator.GetBytes(100_000);
    private bool _failEnvelope;

    [Fact]
    public async Task GetRelease_PinnedCertificate_ReleaseListedAndDownloaded()
    {
        await using var server = await StartAsync(SslProtocols.Tls13);
        var source = Create(server, _pki.Server.ExportCertificatePem());

        var release = await source.GetReleaseAsync(CancellationToken.None);
        var asset = Assert.Single(release!.OsAssets("IncusOS"));
        var path = await new UpdateDownloader(TimeSpan.FromSeconds(5))
            .DownloadAsync(source, asset, _directory, CancellationToken.None);

        Assert.Equal(Version, release.Version);
        Assert.Equal($"{server.BaseUrl}/1.0/provisioning/updates/u-1/files/IncusOS_{Version}.efi.gz", asset.Location);
        Assert.Equal(_efi, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task GetRelease_AnotherCertificatePinned_Refused()
    {
        await using var server = await StartAsync(SslProtocols.Tls13);
        var source = Create(server, _pki.CaPem);

        var error = await Assert.ThrowsAsync<ProviderException>(() => source.GetReleaseAsync(CancellationToken.None));

        Assert.Contains("/1.0/provisioning/updates?recursion=1", error.Message);
    }

    [Fact]
    public async Task GetRelease_ServerOffersOnlyTls12_Refused()
    {
        await using var server = await StartAsync(SslProtocols.Tls12);
        var source = Create(server, _pki.Server.ExportCertificatePem());

        await Assert.ThrowsAsync<ProviderException>(() => source.GetReleaseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetRelease_ErrorEnvelope_BadResponse()
    {
        _failEnvelope = true;
        await using var server = await StartAsync(SslProtocols.Tls13);
        var source = Create(server, _pki.Server.ExportCertificatePem());

        var error = await Assert.ThrowsAsync<ProviderException>(() => source.GetReleaseAsync(CancellationToken.None));

        Assert.Equal("bad response from operations center", error.Message);
    }

    [Theory]
    [InlineData("", "token", "no operations center URL provided")]
    [InlineData("https://oc.example", "", "no operations center token provided")]
    public void Config_MissingKey_ReferenceMessage(string url, string token, string message)
    {
        var config = new Dictionary<string, string> { ["server_url"] = url, ["server_token"] = token };

        var error = Assert.Throws<ProviderException>(() => OperationsCenterConfig.From(config));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Config_UnparsableCertificate_InvalidRemoteCertificate()
    {
        var config = new Dictionary<string, string>
        {
            ["server_url"] = "https://oc.example", ["server_token"] = "t", ["server_certificate"] = "not a PEM",
        };

        var error = Assert.Throws<ProviderException>(() => OperationsCenterConfig.From(config));

        Assert.Equal("invalid remote certificate", error.Message);
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private OperationsCenterSource Create(TestUpdateServer server, string pinned)
    {
        var config = OperationsCenterConfig.From(new Dictionary<string, string>
        {
            ["server_url"] = server.BaseUrl, ["server_token"] = "secret-token", ["server_certificate"] = pinned,
        });
        var options = new UpdateHttpOptions { Attempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) };

        return new OperationsCenterSource(config, options, TimeProvider.System, _directory);
    }

    private async Task<TestUpdateServer> StartAsync(SslProtocols protocols)
    {
        var server = await TestUpdateServer.StartAsync(_pki, https => https.SslProtocols = protocols);
        var gz = Gzip(_efi);
        server.Extra = async context =>
        {
            var path = context.Request.Path.Value;
            var arch = LocalArchitecture.Name;
            switch (path)
            {
                case "/1.0/provisioning/updates" when context.Request.QueryString.Value == "?recursion=1":
                    await WriteEnvelopeAsync(
                        context, $$"""[{"channels":["stable"],"uuid":"u-1","version":"{{Version}}"}]""");
                    return true;
                case "/1.0/provisioning/updates/u-1/files":
                    await WriteEnvelopeAsync(
                        context,
                        $$"""
                        [{"filename":"IncusOS_{{Version}}.efi.gz","size":{{gz.Length}},"component":"os",
                          "type":"update-efi","architecture":"{{arch}}"}]
                        """);
                    return true;
                case $"/1.0/provisioning/updates/u-1/files/IncusOS_{Version}.efi.gz":
                    await context.Response.Body.WriteAsync(gz);
                    return true;
                default:
                    return false;
            }
        };

        return server;
    }

    private async Task WriteEnvelopeAsync(HttpContext context, string metadata)
    {
        var body = _failEnvelope
            ? """
              {"type":"error","status":"","status_code":0,"error_code":403,"error":"not authorized","metadata":null}
              """
            : $$"""
              {"type":"sync","status":"Success","status_code":200,"error_code":0,"error":"","metadata":{{metadata}}}
              """;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
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
}
