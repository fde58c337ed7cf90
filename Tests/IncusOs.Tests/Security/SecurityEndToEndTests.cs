using System.Net.Http.Headers;
using System.Text;
using IncusOs.Providers.Security;
using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Security;

/// <summary>
/// <c>/1.0/system/security</c> and <c>reset_encryption_bindings</c> against a real <c>incus-osd --simulate</c>.
/// </summary>
public sealed class SecurityEndToEndTests
{
    private const string Path = "/1.0/system/security";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task FirstStart_KeyGeneratedNotRetrieved_GetShowsItAndMarksItRetrieved()
    {
        await using var daemon = await DaemonProcess.StartAsync(
            prepare: state => File.WriteAllBytes(System.IO.Path.Combine(state, "zpool.local.key"), [1, 2, 3, 250]));
        var stored = await WaitForStateAsync(daemon, s => s["encryption_recovery_keys"]!.Any());

        var security = await daemon.GetMetadataAsync(Path);

        var key = (string)Assert.Single(security["config"]!["encryption_recovery_keys"]!)!;
        Assert.Equal(key, (string?)stored["encryption_recovery_keys"]![0]);
        Assert.False((bool)stored["encryption_recovery_keys_retrieved"]!);
        Assert.True((bool)security["state"]!["encryption_recovery_keys_retrieved"]!);
        Assert.True((bool)ReadState(daemon)["encryption_recovery_keys_retrieved"]!);
        Assert.Equal("ok", (string?)security["state"]!["tpm_status"]);
        Assert.Equal("{\"local\":\"AQID+g==\"}", security["state"]!["pool_recovery_keys"]!.ToString(Formatting.None));
        Assert.Equal(
            "[{\"volume\":\"root\",\"state\":\"unlocked (TPM)\"},{\"volume\":\"swap\",\"state\":\"unlocked (TPM)\"}]",
            security["state"]!["encrypted_volumes"]!.ToString(Formatting.None));
        Assert.Equal(
            ["config", "state"], ((JObject)security).Properties().Select(p => p.Name));
    }

    [Fact]
    public async Task AddThenRemove_LastKeyRefused_ListFollowsTheVolumes()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var auto = (string)(await daemon.GetMetadataAsync(Path))["config"]!["encryption_recovery_keys"]![0]!;

        var added = await SendRawAsync(daemon, HttpMethod.Put, "my passphrase\n");
        var removedAuto = await SendRawAsync(daemon, HttpMethod.Delete, auto);
        var refused = await SendRawAsync(daemon, HttpMethod.Delete, "my passphrase\n");

        Assert.Equal(200, added.Status);
        Assert.Equal(200, removedAuto.Status);
        AssertError(refused, "cannot remove only existing recovery key");
        var keys = (await daemon.GetMetadataAsync(Path))["config"]!["encryption_recovery_keys"]!.Values<string>();
        Assert.Equal(["my passphrase\n"], keys);
        var machine = SimulatedSecurity(daemon);
        Assert.All(Volumes(machine), v => Assert.True(machine.Opens(v, "my passphrase\n")));
        Assert.All(Volumes(machine), v => Assert.False(machine.Opens(v, auto)));
    }

    [Fact]
    public async Task BadInput_EmptyChunkedDuplicateUnknown_400WithExactMessagesAndSlotsUnchanged()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var auto = (string)(await daemon.GetMetadataAsync(Path))["config"]!["encryption_recovery_keys"]![0]!;
        var slotsBefore = SlotsJson(daemon);

        var empty = await SendRawAsync(daemon, HttpMethod.Put, string.Empty);
        var emptyChunked = await SendRawAsync(daemon, HttpMethod.Delete, string.Empty, chunked: true);
        var duplicate = await SendRawAsync(daemon, HttpMethod.Put, auto);
        var unknown = await SendRawAsync(daemon, HttpMethod.Delete, "never enrolled");

        AssertError(empty, "no encryption key provided");
        AssertError(emptyChunked, "no encryption key provided");
        AssertError(duplicate, "provided encryption key is already enrolled");
        AssertError(unknown, "provided encryption key is not enrolled");
        Assert.Equal(slotsBefore, SlotsJson(daemon));
        var chunked = await SendRawAsync(daemon, HttpMethod.Put, "sent chunked", chunked: true);
        Assert.Equal(200, chunked.Status);
        var machine = SimulatedSecurity(daemon);
        Assert.All(Volumes(machine), v => Assert.True(machine.Opens(v, "sent chunked")));
    }

    [Fact]
    public async Task ResetEncryptionBindings_AfterPcr7ChangedOutsideTheDaemon_TpmUnlocksAgainAfterReboot()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var early = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reset_encryption_bindings\"}");
        AppendToDbx(daemon);
        var pending = (string?)(await daemon.GetMetadataAsync(Path))["state"]!["tpm_status"];
        await RebootAsync(daemon, "{\"action\":\"reboot\"}");

        var recovered = await WaitForVolumesAsync(daemon, "unlocked (recovery passphrase)");
        var reset = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reset_encryption_bindings\"}");
        var afterReset = await WaitForVolumesAsync(daemon, "unlocked (TPM)");

        Assert.Equal(500, early.Status);
        Assert.Equal(
            "refusing to reset TPM encryption bindings because current state can unlock all volumes",
            (string?)early.Body["error"]);
        Assert.Equal("pending PCR7 update", pending);
        Assert.Equal("ok", (string?)recovered["tpm_status"]);
        Assert.Equal(200, reset.Status);
        Assert.Equal("ok", (string?)afterReset["tpm_status"]);
        Assert.Equal(3, ReadMachine(daemon).Boots.Count);
    }

    [Fact]
    public async Task WholeFlowAtDebugLevel_NoPassphraseOrKeyInTheLogs()
    {
        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "debug"]);
        var auto = (string)(await daemon.GetMetadataAsync(Path))["config"]!["encryption_recovery_keys"]![0]!;
        string[] secrets = ["correct horse battery", "second secret words", "never enrolled secret"];

        await SendRawAsync(daemon, HttpMethod.Put, secrets[0]);
        await SendRawAsync(daemon, HttpMethod.Put, secrets[1]);
        await SendRawAsync(daemon, HttpMethod.Put, secrets[1]);
        await SendRawAsync(daemon, HttpMethod.Delete, secrets[2]);
        await SendRawAsync(daemon, HttpMethod.Delete, secrets[0]);
        await SendRawAsync(daemon, HttpMethod.Delete, auto);
        await daemon.GetMetadataAsync(Path);
        AppendToDbx(daemon);
        await RebootAsync(daemon, "{\"action\":\"reboot\"}");
        await WaitForVolumesAsync(daemon, "unlocked (recovery passphrase)");
        await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reset_encryption_bindings\"}");
        await WaitForVolumesAsync(daemon, "unlocked (TPM)");
        await daemon.StopAsync();

        var output = daemon.Output;
        Assert.Contains("DEBUG", output);
        Assert.Contains("Recovery key remove finished", output);
        Assert.All(secrets.Append(auto), s => Assert.DoesNotContain(s, output));
        Assert.All(secrets.Append(auto), s => Assert.DoesNotContain(s, ReadMachineFile(daemon)));
    }

    private static async Task<(int Status, JObject Body)> SendRawAsync(
        DaemonProcess daemon, HttpMethod method, string body, bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await daemon.Client.SendAsync(request);

        return ((int)response.StatusCode, JObject.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static void AssertError((int Status, JObject Body) response, string message)
    {
        Assert.Equal(400, response.Status);
        Assert.Equal(400, (int)response.Body["error_code"]!);
        Assert.Equal(message, (string?)response.Body["error"]);
    }

    private static async Task RebootAsync(DaemonProcess daemon, string body)
    {
        var boots = ReadMachine(daemon).Boots.Count;
        var (status, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", body);
        Assert.Equal(200, status);
        using var timeout = new CancellationTokenSource(Wait);
        while (ReadMachine(daemon).Boots.Count <= boots)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<JToken> WaitForVolumesAsync(DaemonProcess daemon, string state)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            try
            {
                var (status, body) = await daemon.GetAsync(Path);
                var current = body["metadata"]?["state"];
                if (status == 200 && current!["encrypted_volumes"]!.All(v => (string?)v["state"] == state))
                {
                    return current;
                }
            }
            catch (HttpRequestException)
            {
                // The areas restart at a simulated boot; a kept-alive connection may be dropped meanwhile.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<JObject> WaitForStateAsync(DaemonProcess daemon, Func<JObject, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (File.Exists(StatePath(daemon)) && ReadState(daemon) is { } state && condition(state))
            {
                return state;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static string StatePath(DaemonProcess daemon) =>
        System.IO.Path.Combine(daemon.StateDirectory, "security.json");

    private static JObject ReadState(DaemonProcess daemon) => JObject.Parse(File.ReadAllText(StatePath(daemon)));

    private static MachineDocument ReadMachine(DaemonProcess daemon) =>
        JsonConvert.DeserializeObject<MachineDocument>(
            File.ReadAllText(System.IO.Path.Combine(daemon.StateDirectory, "machine", SimulatedMachine.DocumentFile)))!;

    private static string ReadMachineFile(DaemonProcess daemon) =>
        File.ReadAllText(System.IO.Path.Combine(daemon.StateDirectory, "machine", SimulatedSecurityMachine.FileName));

    private static string SlotsJson(DaemonProcess daemon) =>
        JObject.Parse(ReadMachineFile(daemon))["volumes"]!.ToString(Formatting.None);

    /// <summary>Reads the simulated volumes as the daemon left them (a second reader of the same files).</summary>
    private static SimulatedSecurityMachine SimulatedSecurity(DaemonProcess daemon) =>
        new(SimulatedMachine.OpenOrCreate(daemon.StateDirectory));

    private static IReadOnlyList<LuksVolume> Volumes(SimulatedSecurityMachine machine) =>
        machine.DiscoverAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>A firmware change made outside the daemon: one more hash in dbx, measured at the next boot.</summary>
    private static void AppendToDbx(DaemonProcess daemon)
    {
        var path = System.IO.Path.Combine(daemon.StateDirectory, "machine", SimulatedSecurityMachine.FileName);
        var document = JObject.Parse(File.ReadAllText(path));
        var owner = Guid.Parse((string)document["owner"]!);
        var dbx = Convert.FromBase64String((string)document["variables"]!["dbx"]!);
        var extra = EfiSignatureListWriter.Write(EfiSignature.Sha256, owner, [new byte[32]]);
        document["variables"]!["dbx"] = Convert.ToBase64String([.. dbx, .. extra]);
        var temp = path + ".test";
        File.WriteAllText(temp, document.ToString());
        File.Move(temp, path, overwrite: true);
    }
}
