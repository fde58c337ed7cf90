using Akka.Event;
using IncusOs.Actors.Services;

namespace IncusOs.Tests.Services;

/// <summary>
/// Each service's update, start and stop against recording tools: exact argument vectors, unit jobs
/// in order, and the files written, byte for byte with their modes.
/// </summary>
public sealed class ServiceProceduresTests : IDisposable
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute;

    private readonly RecordingTools _tools = new();
    private readonly ServiceHost _host;

    public ServiceProceduresTests()
    {
        var options = new ServicesOptions
        {
            StateFile = Path.Combine(_tools.Root, "unused.json"),
            Root = _tools.Root,
            DiscoveryRetryDelay = TimeSpan.FromMilliseconds(1),
            MultipathSettle = TimeSpan.Zero,
        };
        _host = new ServiceHost(
            _tools.Runner, _tools.Units, options, NoLogger.Instance, _ => Task.FromResult("server01.example.org"));
    }

    public void Dispose() => _tools.Dispose();

    [Fact]
    public async Task Iscsi_Enable_CreatesInitiatorNameDiscoversAndLogsIn()
    {
        _tools.Script("iscsi-iname", "iqn.2004-10.org.linuxcontainers:01:4a3b2c1d0e9f\n");
        var config = new IscsiConfig
        {
            Enabled = true,
            Targets =
            [
                new IscsiTarget { Target = "iqn.2005-10.org.freenas.ctl:vol1", Address = "fd00::50", Port = 3260 },
            ],
        };

        var result = await new IscsiProcedure().UpdateAsync(new ServicesState(), config, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            [
                "iscsi-iname -p iqn.2004-10.org.linuxcontainers:01",
                "systemctl start iscsid.service",
                "iscsiadm -m discovery -t sendtargets -p [fd00::50]:3260",
                "iscsiadm -m node -T iqn.2005-10.org.freenas.ctl:vol1 -p [fd00::50]:3260 --login",
            ],
            _tools.Calls);
        Assert.Equal(
            "InitiatorName=iqn.2004-10.org.linuxcontainers:01:4a3b2c1d0e9f\n",
            _tools.ReadFile("/etc/iscsi/initiatorname.iscsi"));
        Assert.Equal(string.Empty, _tools.ReadFile("/etc/iscsi/iscsid.conf"));
        Assert.Equal(FileMode, _tools.ModeOf("/etc/iscsi/initiatorname.iscsi"));
        Assert.Equal(DirectoryMode, _tools.ModeOf("/etc/iscsi"));
        Assert.Equal(config, result.Stored.Iscsi.Config);
    }

    [Fact]
    public async Task Iscsi_ChangeTargets_LogsOutOldBeforeLoggingInNew()
    {
        var old = Iscsi(new IscsiTarget { Target = "iqn.old", Address = "10.0.0.1", Port = 0 });
        var next = new IscsiConfig
        {
            Enabled = true,
            Targets = [new IscsiTarget { Target = "iqn.new", Address = "10.0.0.2", Port = 3260 }],
        };
        Directory.CreateDirectory(_tools.PathOf("/etc/iscsi"));
        File.WriteAllText(_tools.PathOf("/etc/iscsi/initiatorname.iscsi"), "InitiatorName=iqn.kept\n");

        var result = await new IscsiProcedure().UpdateAsync(old, next, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            [
                "iscsiadm -m node -T iqn.old -p 10.0.0.1 --logout",
                "systemctl stop iscsid.service",
                "systemctl start iscsid.service",
                "iscsiadm -m discovery -t sendtargets -p 10.0.0.2:3260",
                "iscsiadm -m node -T iqn.new -p 10.0.0.2:3260 --login",
            ],
            _tools.Calls);
        Assert.Equal("InitiatorName=iqn.kept\n", _tools.ReadFile("/etc/iscsi/initiatorname.iscsi"));
    }

    [Fact]
    public async Task Iscsi_LogoutFails_ErrorAndConfigUnchanged()
    {
        var old = Iscsi(new IscsiTarget { Target = "iqn.old", Address = "10.0.0.1", Port = 3260 });
        _tools.Script("iscsiadm", exit: 21, stderr: "iscsiadm: No matching sessions found\n");

        var result = await new IscsiProcedure().UpdateAsync(old, new IscsiConfig(), _host, default);

        Assert.NotNull(result.Failure);
        Assert.EndsWith(
            "iscsiadm -m node -T iqn.old -p 10.0.0.1:3260 --logout: exit status 21 " +
            "(iscsiadm: No matching sessions found)",
            result.Failure!.Message);
        Assert.Same(old, result.Stored);
    }

    [Fact]
    public async Task Iscsi_DiscoveryAlwaysFails_TriedTenTimesNewConfigKept()
    {
        _tools.Script("iscsi-iname", "iqn.x\n");
        _tools.Script("iscsiadm", exit: 4, stderr: "connection refused");
        var next = Iscsi(new IscsiTarget { Target = "iqn.t", Address = "10.0.0.9", Port = 3260 }).Iscsi.Config;

        var result = await new IscsiProcedure().UpdateAsync(new ServicesState(), next, _host, default);

        Assert.Contains("exit status 4 (connection refused)", result.Failure!.Message);
        Assert.Equal(10, _tools.Calls.Count(c => c == "iscsiadm -m discovery -t sendtargets -p 10.0.0.9:3260"));
        Assert.DoesNotContain(_tools.Calls, c => c.EndsWith("--login", StringComparison.Ordinal));
        Assert.Equal(next, result.Stored.Iscsi.Config);
    }

    [Fact]
    public async Task Iscsi_Refresh_ReadsInitiatorNameWithoutPrefix()
    {
        Directory.CreateDirectory(_tools.PathOf("/etc/iscsi"));
        File.WriteAllText(_tools.PathOf("/etc/iscsi/initiatorname.iscsi"), "InitiatorName=iqn.2004-10.x:01:ab\n");

        var state = await new IscsiProcedure().RefreshAsync(Iscsi(), _host, default);

        Assert.Equal("iqn.2004-10.x:01:ab", state.Iscsi.State.InitiatorName);
    }

    [Fact]
    public async Task Iscsi_RefreshWithoutInitiatorFile_FailsNamingThePath()
    {
        var ex = await Assert.ThrowsAsync<Providers.ProviderException>(
            () => new IscsiProcedure().RefreshAsync(Iscsi(), _host, default));

        Assert.Equal("open /etc/iscsi/initiatorname.iscsi: no such file or directory", ex.Message);
    }

    [Fact]
    public async Task Lvm_Enable_WritesLvmlocalAndStartsLocking()
    {
        var result = await new LvmProcedure().UpdateAsync(
            new ServicesState(), new LvmConfig { Enabled = true, SystemId = 42 }, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            "global {\n\tuse_lvmlockd = 1\n}\n\nlocal {\n\thost_id = 42\n}\n",
            _tools.ReadFile("/etc/lvm/lvmlocal.conf"));
        Assert.Equal(FileMode, _tools.ModeOf("/etc/lvm/lvmlocal.conf"));
        Assert.Equal(
            [
                "systemctl start lvmlockd.service", "systemctl start sanlock.service", "systemctl start wdmd.service",
                "vgchange --lock-start",
            ],
            _tools.Calls);
    }

    [Fact]
    public async Task Lvm_Disable_StopsLockingAndStoresDisabled()
    {
        var state = new ServicesState { Lvm = new() { Config = new LvmConfig { Enabled = true, SystemId = 1 } } };

        var result = await new LvmProcedure().UpdateAsync(state, new LvmConfig { SystemId = 1 }, _host, default);

        Assert.Null(result.Failure);
        Assert.False(result.Stored.Lvm.Config.Enabled);
        Assert.Equal(
            [
                "vgchange --lock-stop",
                "systemctl stop lvmlockd.service", "systemctl stop sanlock.service", "systemctl stop wdmd.service",
            ],
            _tools.Calls);
    }

    [Fact]
    public async Task Multipath_Enable_WritesWwidsAndReloads()
    {
        var config = new MultipathConfig { Enabled = true, Wwns = ["0x6001405a1b2c3d4e5f60718293a4b5c6", "3600a0b8"] };

        var result = await new MultipathProcedure().UpdateAsync(new ServicesState(), config, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal("/6001405a1b2c3d4e5f60718293a4b5c6/\n/3600a0b8/\n", _tools.ReadFile("/etc/multipath/wwids"));
        Assert.Equal(FileMode, _tools.ModeOf("/etc/multipath/wwids"));
        Assert.Equal(DirectoryMode, _tools.ModeOf("/etc/multipath"));
        Assert.Equal(["systemctl start multipathd.service", "multipath -r"], _tools.Calls);
    }

    [Fact]
    public async Task Multipath_Disable_StopsAndStoresDisabled()
    {
        var state = new ServicesState
        {
            Multipath = new() { Config = new MultipathConfig { Enabled = true, Wwns = ["0xab"] } },
        };
        Directory.CreateDirectory(_tools.PathOf("/etc/multipath"));

        var result = await new MultipathProcedure().UpdateAsync(
            state, new MultipathConfig { Wwns = ["0xab"] }, _host, default);

        Assert.Null(result.Failure);
        Assert.False(result.Stored.Multipath.Config.Enabled);
        Assert.False(Directory.Exists(_tools.PathOf("/etc/multipath")));
        Assert.Equal(
            ["multipath -r", "systemctl stop multipathd.service", "systemctl stop multipathd.socket"], _tools.Calls);
    }

    [Fact]
    public async Task Multipath_Refresh_ParsesEachConfiguredDevice()
    {
        _tools.Script("multipath", MultipathSample);
        var state = new ServicesState
        {
            Multipath = new() { Config = new MultipathConfig { Enabled = true, Wwns = ["0x36001405a1b2c3d4e"] } },
        };

        var refreshed = await new MultipathProcedure().RefreshAsync(state, _host, default);

        Assert.Equal(["multipath -ll 36001405a1b2c3d4e"], _tools.Calls);
        var device = refreshed.Multipath.State.Devices!["0x36001405a1b2c3d4e"];
        Assert.Equal("dm-0 LIO-ORG,disk0", device.Vendor);
        Assert.Equal("100G", device.Size);
        Assert.Equal(2, device.PathGroups!.Count);
        Assert.Equal(
            new MultipathPathGroup
            {
                Policy = "service-time 0", Priority = 50, Status = "active", Paths = device.PathGroups[0].Paths,
            },
            device.PathGroups[0]);
        Assert.Equal(
            [
                new MultipathPath { Id = "7:0:0:0", Status = "running" },
                new MultipathPath { Id = "8:0:0:0", Status = "running" },
            ],
            device.PathGroups[0].Paths!);
        Assert.Equal("enabled", device.PathGroups[1].Status);
        Assert.Equal(10UL, device.PathGroups[1].Priority);
        Assert.Equal([new MultipathPath { Id = "9:0:0:0", Status = "faulty" }], device.PathGroups[1].Paths!);
    }

    [Fact]
    public async Task Multipath_RefreshCommandFails_DeviceSkipped()
    {
        _tools.Script("multipath", exit: 1);
        var state = new ServicesState
        {
            Multipath = new() { Config = new MultipathConfig { Enabled = true, Wwns = ["0xab"] } },
        };

        var refreshed = await new MultipathProcedure().RefreshAsync(state, _host, default);

        Assert.Empty(refreshed.Multipath.State.Devices!);
    }

    [Fact]
    public async Task Nvme_Enable_LoadsModulesCreatesIdentityDiscoversAndConnects()
    {
        _tools.Script("nvme", "nqn.2014-08.org.nvmexpress:uuid:5c1d0000-0000-4000-8000-000000000001\n");
        var config = new NvmeConfig
        {
            Enabled = true,
            Targets = [new NvmeTarget { Transport = "tcp", Address = "10.0.0.60", Port = 4420 }],
        };

        var result = await new NvmeProcedure().UpdateAsync(new ServicesState(), config, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            [
                "modprobe nvme", "modprobe nvme-fabrics", "modprobe nvme-tcp", "nvme gen-hostnqn",
                "nvme discover --transport tcp --traddr 10.0.0.60 --trsvcid 4420", "nvme connect-all",
            ],
            _tools.Calls);
        Assert.Equal(
            "nqn.2014-08.org.nvmexpress:uuid:5c1d0000-0000-4000-8000-000000000001\n",
            _tools.ReadFile("/etc/nvme/hostnqn"));
        Assert.Matches(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$",
            _tools.ReadFile("/etc/nvme/hostid"));
        Assert.Equal(
            "--transport=tcp --traddr=10.0.0.60 --trsvcid=4420\n", _tools.ReadFile("/etc/nvme/discovery.conf"));
        Assert.Equal(FileMode, _tools.ModeOf("/etc/nvme/hostid"));
        Assert.Equal(DirectoryMode, _tools.ModeOf("/etc/nvme"));
    }

    [Fact]
    public async Task Nvme_Disable_DisconnectsAndRemovesDiscoveryFile()
    {
        Directory.CreateDirectory(_tools.PathOf("/etc/nvme"));
        File.WriteAllText(_tools.PathOf("/etc/nvme/discovery.conf"), "x\n");
        var state = new ServicesState { Nvme = new() { Config = new NvmeConfig { Enabled = true, Targets = [] } } };

        var result = await new NvmeProcedure().UpdateAsync(state, new NvmeConfig(), _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(["nvme disconnect-all"], _tools.Calls);
        Assert.False(File.Exists(_tools.PathOf("/etc/nvme/discovery.conf")));
        Assert.Equal(new NvmeConfig { Targets = [] }, result.Stored.Nvme.Config with { Targets = [] });
    }

    [Fact]
    public async Task Ovn_Enable_SetsIdsWritesTlsAndUnitAndRestarts()
    {
        var config = new OvnConfig
        {
            Enabled = true,
            IcChassis = true,
            Database = "ssl:10.0.0.1:6642,ssl:10.0.0.2:6642",
            TlsClientCertificate = "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n",
            TlsClientKey = "-----BEGIN EC PRIVATE KEY-----\nBBB\n-----END EC PRIVATE KEY-----\n",
            TlsCaCertificate = "",
            TunnelAddress = "10.0.0.20",
            TunnelProtocol = "geneve",
        };

        var result = await new OvnProcedure().UpdateAsync(new ServicesState(), config, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            [
                "systemctl start ovs-vswitchd.service",
                "ovs-vsctl set open_vswitch . external_ids:hostname=server01.example.org " +
                "external_ids:ovn-remote=ssl:10.0.0.1:6642,ssl:10.0.0.2:6642 external_ids:ovn-encap-type=geneve " +
                "external_ids:ovn-encap-ip=10.0.0.20 external_ids:ovn-is-interconn=true",
                "systemctl daemon-reload",
                "systemctl restart ovn-controller.service",
            ],
            _tools.Calls);
        Assert.Equal(config.TlsClientCertificate, _tools.ReadFile("/run/ovn/client.crt"));
        Assert.Equal(config.TlsClientKey, _tools.ReadFile("/run/ovn/client.key"));
        Assert.Equal(FileMode, _tools.ModeOf("/run/ovn/client.key"));
        Assert.False(File.Exists(_tools.PathOf("/run/ovn/ca.crt")));
        Assert.Equal(
            "# Systemd unit generated by Incus OS\n[Unit]\nDescription=Open Virtual Network host control daemon\n\n" +
            "[Service]\nExecStart=/usr/bin/ovn-controller --private-key=/run/ovn/client.key " +
            "--certificate=/run/ovn/client.crt --ca-cert=/run/ovn/ca.crt\nRestart=on-failure\n",
            _tools.ReadFile(OvnProcedure.UnitFile));
        Assert.Equal(FileMode, _tools.ModeOf(OvnProcedure.UnitFile));
    }

    [Fact]
    public async Task Ovn_EnableWithoutDatabase_RefusedAndNothingRun()
    {
        var result = await new OvnProcedure().UpdateAsync(
            new ServicesState(), new OvnConfig { Enabled = true }, _host, default);

        Assert.Equal("missing OVN database address", result.Failure!.Message);
        Assert.False(result.Stored.Ovn.Config.Enabled);
        Assert.Empty(_tools.Calls);
    }

    [Fact]
    public async Task Ovn_Disable_StopsUnitsAndStoresDisabled()
    {
        var state = new ServicesState
        {
            Ovn = new() { Config = new OvnConfig { Enabled = true, Database = "tcp:1.2.3.4:6642" } },
        };

        var result = await new OvnProcedure().UpdateAsync(state, new OvnConfig(), _host, default);

        Assert.Null(result.Failure);
        Assert.False(result.Stored.Ovn.Config.Enabled);
        Assert.Equal(
            [
                "systemctl stop ovn-controller.service", "systemctl stop ovs-vswitchd.service",
                "systemctl stop ovsdb-server.service",
            ],
            _tools.Calls);
    }

    [Fact]
    public async Task Usbip_AttachFails_OnlyWarnsAndSucceeds()
    {
        _tools.Script("usbip", exit: 1, stderr: "usbip: error: import device");
        var config = new UsbipConfig
        {
            Targets =
            [
                new UsbipTarget { Address = "10.0.0.70", BusId = "1-1.2" },
                new UsbipTarget { Address = "10.0.0.71", BusId = "2-1" },
            ],
        };

        var result = await new UsbipProcedure().UpdateAsync(new ServicesState(), config, _host, default);

        Assert.Null(result.Failure);
        Assert.Equal(
            ["modprobe vhci-hcd", "usbip attach -r 10.0.0.70 -b 1-1.2", "usbip attach -r 10.0.0.71 -b 2-1"],
            _tools.Calls);
        Assert.Equal(config, result.Stored.Usbip.Config);
    }

    [Fact]
    public async Task Usbip_NoTargets_RunsNothing()
    {
        var result = await new UsbipProcedure().UpdateAsync(new ServicesState(), new UsbipConfig(), _host, default);

        Assert.Null(result.Failure);
        Assert.Empty(_tools.Calls);
        Assert.Equal(new UsbipConfig { Targets = [] }.Targets, result.Stored.Usbip.Config.Targets);
    }

    private const string MultipathSample =
        "mpatha (36001405a1b2c3d4e) dm-0 LIO-ORG,disk0\n" +
        "size=100G features='0' hwhandler='1 alua' wp=rw\n" +
        "|-+- policy='service-time 0' prio=50 status=active\n" +
        "| |- 7:0:0:0 sdb 8:16 active ready running\n" +
        "| `- 8:0:0:0 sdc 8:32 active ready running\n" +
        "`-+- policy='service-time 0' prio=10 status=enabled\n" +
        "  `- 9:0:0:0 sdd 8:48 failed faulty\n";

    private static ServicesState Iscsi(params IscsiTarget[] targets) =>
        new() { Iscsi = new() { Config = new IscsiConfig { Enabled = true, Targets = targets } } };
}
