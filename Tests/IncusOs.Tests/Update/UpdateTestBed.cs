using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using IncusOs.Actors.Update;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Update;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Update;

/// <summary>
/// A test CA, the HTTPS update server with one published release, a simulated machine in a temporary
/// directory and an images source trusting the test CA: everything a pass needs, torn down at the end.
/// </summary>
public sealed class UpdateTestBed : IAsyncDisposable
{
    public const string NewVersion = "202601010000";

    private UpdateTestBed(TestPki pki, TestUpdateServer server, string directory)
    {
        Pki = pki;
        Server = server;
        Directory = directory;
        Machine = SimulatedMachine.OpenOrCreate(Path.Combine(directory, "state"));
        Target = new SimulatedUpdateTarget(Machine);
        Http = new UpdateHttpOptions
        {
            TrustedRoots = [X509CertificateLoader.LoadCertificate(pki.Ca.RawData)],
            RetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReadIdleTimeout = TimeSpan.FromMilliseconds(500),
        };
        Downloader = new UpdateDownloader(Http.ReadIdleTimeout);
    }

    public TestPki Pki { get; }

    public TestUpdateServer Server { get; }

    public string Directory { get; }

    public SimulatedMachine Machine { get; }

    public SimulatedUpdateTarget Target { get; }

    public UpdateHttpOptions Http { get; }

    public UpdateDownloader Downloader { get; }

    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero));

    /// <summary>The files of the published release, uncompressed, by name.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public static async Task<UpdateTestBed> StartAsync(bool withApplication = false)
    {
        var pki = TestPki.Create();
        var server = await TestUpdateServer.StartAsync(pki);
        var directory = System.IO.Directory.CreateTempSubdirectory("incus-osd-update-").FullName;
        var bed = new UpdateTestBed(pki, server, directory);
        bed.Files[$"IncusOS_{NewVersion}.efi"] = RandomNumberGenerator.GetBytes(300_000);
        bed.Files[$"IncusOS_{NewVersion}.usr-x86-64.8a2f5c1e-1111-2222-3333-444455556666.raw"] =
            RandomNumberGenerator.GetBytes(700_000);
        bed.Files[$"IncusOS_{NewVersion}.img"] = RandomNumberGenerator.GetBytes(1000);
        if (withApplication)
        {
            bed.Files["incus.raw"] = RandomNumberGenerator.GetBytes(50_000);
        }

        await server.PublishAsync(NewVersion, bed.Files);

        return bed;
    }

    public ImagesSource CreateSource(string? caPem = null, string? channel = null) =>
        new(
            new ImagesSourceConfig(Server.ServerUrl, caPem ?? Pki.CaPem, channel, LocalArchitecture.Name),
            UpdateHttp.CreateClient(Http, null),
            new SmimeVerifier(new ProcessRunner(NullLogger<ProcessRunner>.Instance)),
            Http,
            Time);

    public Task<UpdatePassOutcome> RunPassAsync(IUpdateSource source, UpdateCheckKind kind, UpdateActorState state) =>
        UpdatePass.RunAsync(
            source,
            Target,
            Downloader,
            NoLogger.Instance,
            new UpdatePassInput(kind, Time.GetUtcNow().UtcDateTime, state),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
