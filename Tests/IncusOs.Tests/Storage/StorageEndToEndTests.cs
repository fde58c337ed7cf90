using System.Net.Http.Headers;
using System.Text;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Storage;

/// <summary>The storage API of the real <c>incus-osd --simulate</c> over its unix socket.</summary>
public sealed class StorageEndToEndTests
{
    private const string Storage = "/1.0/system/storage";
    private const string Wipe = "/1.0/system/storage/wipe";

    private static async Task<DaemonProcess> StartAsync(long sdgWipeBytesPerSecond = 0)
    {
        var daemon = await DaemonProcess.StartAsync(state =>
        {
            var drives = TestMachine.Drives(7, 0, 64L << 20).ToList();
            drives[^1] = drives[^1] with { Remote = true };
            drives[^2] = drives[^2] with { WipeBytesPerSecond = sdgWipeBytesPerSecond };
            TestMachine.WriteMachine(state, drives);
        });
        await WaitForLocalPoolAsync(daemon);

        return daemon;
    }

    /// <summary>The API answers while the storage start-up still runs; wait (bounded) for its local pool.</summary>
    private static async Task WaitForLocalPoolAsync(DaemonProcess daemon)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var pools = (await daemon.GetMetadataAsync(Storage))["state"]!["pools"];
            if (pools is JArray list && list.Any(p => (string)p["name"]! == "local"))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the local pool was not created:\n" + daemon.Output);
    }

    private static string Pools(string name, string type, params string[] devices) =>
        new JObject
        {
            ["config"] = new JObject
            {
                ["pools"] = new JArray(new JObject
                {
                    ["name"] = name, ["type"] = type, ["devices"] = new JArray(devices.Cast<object>().ToArray()),
                }),
            },
        }.ToString();

    private static async Task<JObject> PoolAsync(DaemonProcess daemon, string name) =>
        (JObject)(await daemon.GetMetadataAsync(Storage))["state"]!["pools"]!.Single(p => (string)p["name"]! == name);

    private static async Task<(int Status, string Error)> SendAsync(
        DaemonProcess daemon, HttpMethod method, string path, string? body, bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)))
                : new StringContent(body, Encoding.UTF8, "application/json");
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = chunked;
        }

        using var response = await daemon.Client.SendAsync(request);
        var envelope = JObject.Parse(await response.Content.ReadAsStringAsync());

        return ((int)response.StatusCode, (string)envelope["error"]!);
    }

    private static async Task OkAsync(DaemonProcess daemon, HttpMethod method, string path, string body)
    {
        Assert.Equal((200, ""), await SendAsync(daemon, method, path, body));
    }

    private static string KeyDirectory(DaemonProcess daemon) =>
        Path.Combine(daemon.StateDirectory, "machine", "var", "lib", "incus-os");

    private static bool IsZero(string file) => File.ReadAllBytes(file).AsSpan().IndexOfAnyExcept((byte)0) < 0;

    [Fact]
    public async Task Pools_EachTypeDegradeReplaceDestroy_StateSurvivesRestart()
    {
        await using var daemon = await StartAsync();
        var local = await PoolAsync(daemon, "local");
        Assert.Equal("{\"name\":\"local\",\"type\":\"zfs-raid0\",\"devices\":[\"/dev/sda11\"],\"state\":\"ONLINE\"}",
            local.ToString(Newtonsoft.Json.Formatting.None));

        var types = new[]
        {
            ("zfs-raid0", 1), ("zfs-raid10", 4), ("zfs-raidz1", 3), ("zfs-raidz2", 4), ("zfs-raidz3", 5),
        };
        foreach (var (type, count) in types)
        {
            var devices = Enumerable.Range(0, count).Select(i => $"/dev/sd{(char)('b' + i)}").ToArray();
            await OkAsync(daemon, HttpMethod.Put, Storage, Pools("p" + count, type, devices));
            var pool = await PoolAsync(daemon, "p" + count);
            Assert.Equal(
                (type, "ONLINE", count), ((string)pool["type"]!, (string)pool["state"]!, pool["devices"]!.Count()));
            await OkAsync(daemon, HttpMethod.Delete, Storage, Pools("p" + count, "", []));
        }

        await OkAsync(daemon, HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "/dev/sdb", "/dev/sdc"));
        await OkAsync(daemon, HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "/dev/sdb", "/dev/sdd"));
        var replaced = await PoolAsync(daemon, "tank");
        await OkAsync(daemon, HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "", "/dev/sdd"));
        var degraded = await PoolAsync(daemon, "tank");
        var drives = (await daemon.GetMetadataAsync(Storage))["state"]!["drives"]!;

        Assert.Equal(["/dev/sdb", "/dev/sdd"], replaced["devices"]!.Values<string>());
        Assert.True(IsZero(Path.Combine(daemon.StateDirectory, "machine", "drives", "sdc.img")));
        Assert.Equal("DEGRADED", (string)degraded["state"]!);
        Assert.Equal(["/dev/sdb"], degraded["devices_degraded"]!.Values<string>());
        Assert.Equal(["/dev/sdd"], degraded["devices"]!.Values<string>());
        Assert.Equal(
            ["", "tank", "", "tank", "", "", "", ""],
            drives.Select(d => (string?)d["member_pool"] ?? ""));

        var keyFile = Path.Combine(KeyDirectory(daemon), "zpool.tank.key");
        var key = File.ReadAllBytes(keyFile);
        var localKey = File.ReadAllBytes(Path.Combine(KeyDirectory(daemon), "zpool.local.key"));
        await daemon.RestartAsync();
        await WaitForLocalPoolAsync(daemon);
        var restarted = await PoolAsync(daemon, "tank");

        Assert.Equal(["/dev/sdd"], restarted["devices"]!.Values<string>());
        Assert.Equal(["/dev/sdb"], restarted["devices_degraded"]!.Values<string>());
        Assert.Equal(key, File.ReadAllBytes(keyFile));
        Assert.Equal(localKey, File.ReadAllBytes(Path.Combine(KeyDirectory(daemon), "zpool.local.key")));

        await OkAsync(daemon, HttpMethod.Delete, Storage, """{"config":{"pools":[{"name":"tank"}]}}""");

        Assert.Single((await daemon.GetMetadataAsync(Storage))["state"]!["pools"]!);
        Assert.False(File.Exists(keyFile));
        var backing = Path.Combine(daemon.StateDirectory, "machine", "drives");
        Assert.True(IsZero(Path.Combine(backing, "sdb.img")) && IsZero(Path.Combine(backing, "sdd.img")));
    }

    [Fact]
    public async Task Refusals_ExactMessages_AndAFreeDriveWipe()
    {
        await using var daemon = await StartAsync();
        await OkAsync(daemon, HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "/dev/sdb", "/dev/sdc"));
        File.WriteAllBytes(Path.Combine(KeyDirectory(daemon), "zpool.stray.key"), new byte[32]);
        var cases = new (HttpMethod Method, string Path, string Body, string Error)[]
        {
            (HttpMethod.Post, Wipe, """{"id":"/dev/sda"}""", "cannot wipe boot drive"),
            (HttpMethod.Post, Wipe, """{"id":"/dev/sdh"}""", "cannot wipe remote drive"),
            (HttpMethod.Post, Wipe, """{"id":"/dev/sdb"}""", "cannot wipe drive belonging to pool 'tank'"),
            (HttpMethod.Post, Wipe, """{"id":"/dev/sdz"}""", "drive '/dev/sdz' doesn't exist"),
            (HttpMethod.Post, Wipe, """{"id":""}""", "no drive specified"),
            (HttpMethod.Post, Wipe, "", "no drive specified"),
            (HttpMethod.Put, Storage, Pools("", "zfs-raid0", "/dev/sdd"), "a name for the zpool must be provided"),
            (HttpMethod.Put, Storage, Pools("stray", "zfs-raid0", "/dev/sdd"),
                "encryption key for 'stray' already exists"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid7", "/dev/sdd"), "unsupported pool type zfs-raid7"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid1"), "at least one device must be specified"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid10", "/dev/sdd", "/dev/sde"),
                "at least four devices must be specified when creating a raid10 pool"),
            (HttpMethod.Put, Storage,
                Pools("new", "zfs-raid10", "/dev/sdd", "/dev/sde", "/dev/sdf", "/dev/sdg", "/dev/sdb"),
                "an even number of devices must be specified when creating a raid10 pool"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid1", "/dev/sda", "/dev/sdd"),
                "list of devices includes the system root drive /dev/sda, which can't be used in other zpools"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid1", "/dev/sdd", "/dev/sdh"),
                "cannot use remote device /dev/sdh as part of local zpool"),
            (HttpMethod.Put, Storage, Pools("new", "zfs-raid1", "/dev/sdd", "/dev/sdd"),
                "device /dev/sdd is listed more than once"),
            (HttpMethod.Put, Storage, Pools("local", "zfs-raid0", "/dev/sda11"), "cannot update special zpool 'local'"),
            (HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "/dev/sdb"),
                "only 1 devices provided in update, expected at least 2"),
            (HttpMethod.Put, Storage, Pools("tank", "zfs-raid1", "/dev/sdb", "/dev/sdc", "/dev/sdd"),
                "adding to a mirror requires at least two devices"),
            (HttpMethod.Delete, Storage, Pools("local", "", []), "cannot destroy special zpool 'local'"),
            (HttpMethod.Delete, Storage, Pools("nope", "", []),
                "Failed to run: zpool status nope -j: exit status 1 (cannot open 'nope': no such pool)"),
        };

        foreach (var (method, path, body, error) in cases)
        {
            Assert.Equal((400, error), await SendAsync(daemon, method, path, body));
        }

        var sde = Path.Combine(daemon.StateDirectory, "machine", "drives", "sde.img");
        File.WriteAllBytes(sde, Enumerable.Repeat((byte)0x77, 1 << 20).ToArray());
        await OkAsync(daemon, HttpMethod.Post, Wipe, """{"id":"/dev/sde"}""");
        Assert.True(IsZero(sde));
        Assert.Equal((501, "not implemented"), await SendAsync(daemon, HttpMethod.Put, Wipe, """{"id":"/dev/sde"}"""));
    }

    [Fact]
    public async Task Wipe_ClientDisconnects_WipeCompletesAndIsLogged()
    {
        await using var daemon = await StartAsync(sdgWipeBytesPerSecond: 32L << 20);
        var sdg = Path.Combine(daemon.StateDirectory, "machine", "drives", "sdg.img");
        File.WriteAllBytes(sdg, Enumerable.Repeat((byte)0x66, 1 << 20).ToArray());
        using var disconnect = new CancellationTokenSource();
        using var content = new StringContent("""{"id":"/dev/sdg"}""", Encoding.UTF8, "application/json");

        var request = daemon.Client.PostAsync(Wipe, content, disconnect.Token);
        await WaitForLogAsync(daemon, "Storage wipe of /dev/sdg started");
        await disconnect.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await WaitForLogAsync(daemon, "Storage wipe of /dev/sdg completed");

        Assert.True(IsZero(sdg));
        Assert.Equal(8, (await daemon.GetMetadataAsync(Storage))["state"]!["drives"]!.Count());
    }

    private static async Task WaitForLogAsync(DaemonProcess daemon, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!daemon.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no log line \"{text}\":\n{daemon.Output}");
            }

            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task BadInput_Rejected400_NothingChangedOnDisk()
    {
        await using var daemon = await StartAsync();
        var zfsJson = Path.Combine(daemon.StateDirectory, "machine", "zfs.json");
        var before = File.ReadAllText(zfsJson);
        var keysBefore = Directory.GetFiles(KeyDirectory(daemon), "zpool.*.key");
        var cases = new (HttpMethod Method, string Body, bool Chunked, string Error)[]
        {
            (HttpMethod.Put, "", false, "no ZFS pool configuration provided"),
            (HttpMethod.Delete, "", false, "no ZFS pool configuration provided"),
            (HttpMethod.Put, "", true, "no ZFS pool configuration provided"),
            (HttpMethod.Put, """{"config":{}}""", false, "no ZFS pool configuration provided"),
            (HttpMethod.Put, """{"config":{"pools":[]}}""", true, "no ZFS pool configuration provided"),
            (HttpMethod.Put, Pools("new", "zfs-raid9", "/dev/sdd"), false, "unsupported pool type zfs-raid9"),
            (HttpMethod.Put, Pools("", "zfs-raid1", "/dev/sdd", "/dev/sde"), true,
                "a name for the zpool must be provided"),
        };

        foreach (var (method, body, chunked, error) in cases)
        {
            Assert.Equal((400, error), await SendAsync(daemon, method, Storage, body, chunked));
        }

        foreach (var body in new[]
                 {
                     """{"config":""", """{"config":{"pools":[]}} x""", """{"config":{"pools":"tank"}}""",
                     """{"config":{"pools":[{"name":5,"type":"zfs-raid0","devices":["/dev/sdd"]}]}}""",
                     """{"config":{"pools":[{"name":"n","type":"zfs-raid0","devices":"/dev/sdd"}]}}""", "[]",
                 })
        {
            var (status, error) = await SendAsync(daemon, HttpMethod.Put, Storage, body);
            Assert.True(status == 400 && error.Length > 0, $"{body} -> {status} {error}");
        }

        Assert.Equal(before, File.ReadAllText(zfsJson));
        Assert.Equal(keysBefore, Directory.GetFiles(KeyDirectory(daemon), "zpool.*.key"));

        await OkAsync(daemon, HttpMethod.Put, Storage, Pools("chunky", "zfs-raid0", "/dev/sdd"));
        Assert.Equal((200, ""), await SendAsync(
            daemon, HttpMethod.Delete, Storage, """{"config":{"pools":[{"name":"chunky"}]}}""", chunked: true));
    }
}
