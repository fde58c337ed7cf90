using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>The CPU rules of resources.md §5 that the fixture trees do not reach.</summary>
public sealed class CpuCollectorTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public void Collect_TwoDiesSameCoreId_CollapseAndFrequencyMeanBeforeIt()
    {
        AddCpu(0, package: 0, die: 0, core: 0, curKhz: 1_000_000);
        AddCpu(1, package: 0, die: 1, core: 0, curKhz: 3_000_000);
        AddCpu(2, package: 0, die: 1, core: 1, curKhz: 0);
        _tree.File("/proc/cpuinfo", Block(0, "flags\t\t: fpu vme"));

        var socket = Assert.Single(Collect().Sockets);

        Assert.Equal([0UL, 1], socket.Cores.Select(c => c.Core));
        Assert.Equal(2000UL, socket.Frequency);
        Assert.Equal(["fpu", "vme"], socket.Cores[0].Flags!);
    }

    [Fact]
    public void Collect_SecondSocket_UsesProcessorBlockNumberedAsSocket()
    {
        AddCpu(0, package: 0, die: 0, core: 0, curKhz: 0);
        AddCpu(1, package: 1, die: 0, core: 0, curKhz: 0);
        _tree.File("/proc/cpuinfo", Block(0, "model name\t: First") + Block(1, "model name\t: Second"));

        var cpu = Collect();

        Assert.Equal(["First", "Second"], cpu.Sockets.Select(s => s.Name));
        Assert.Equal(2UL, cpu.Total);
    }

    [Fact]
    public void Collect_SocketNumberMissingFromCpuinfo_NoNameAndFlagsOfLastBlock()
    {
        AddCpu(0, package: 0, die: 0, core: 0, curKhz: 0);
        AddCpu(1, package: 5, die: 0, core: 0, curKhz: 0);
        _tree.File("/proc/cpuinfo", Block(0, "model name\t: First\nflags\t\t: sse"));

        var cpu = Collect();

        Assert.Equal(string.Empty, cpu.Sockets[1].Name);
        Assert.Equal(["sse"], cpu.Sockets[1].Cores[0].Flags!);
    }

    [Fact]
    public void Collect_OfflineCpuAndNodeLink_OnlineFalseAndNumaNode()
    {
        AddCpu(0, package: 0, die: 0, core: 0, curKhz: 0);
        AddCpu(1, package: 0, die: 0, core: 1, curKhz: 0);
        _tree.File("/sys/devices/system/cpu/cpu1/online", "0\n")
            .File("/sys/devices/system/cpu/cpu1/node1/numastat", "x")
            .File("/sys/devices/system/cpu/isolated", "1\n")
            .Dir("/sys/devices/system/cpu/cpu7")
            .File("/proc/cpuinfo", Block(0, "vendor_id\t: AuthenticAMD"));

        var threads = Collect().Sockets[0].Cores.SelectMany(c => c.Threads).ToList();

        Assert.Equal(
            [(0L, true, 0UL, false), (1L, false, 1UL, true)],
            threads.Select(t => (t.Id, t.Online, t.NumaNode, t.Isolated)));
    }

    public void Dispose() => _tree.Dispose();

    private ResourcesCpu Collect()
    {
        var collector = new ResourcesCollector(
            new SysTree(_tree.Root), new FakeProbes(), new AbsentEthtool(), new ResourcesPaths([], "/none"));

        return CpuCollector.Collect(collector.CreateContext(CancellationToken.None));
    }

    private void AddCpu(int id, int package, int die, int core, long curKhz)
    {
        var dir = $"/sys/devices/system/cpu/cpu{id}";
        _tree.File($"{dir}/topology/physical_package_id", $"{package}\n")
            .File($"{dir}/topology/die_id", $"{die}\n")
            .File($"{dir}/topology/core_id", $"{core}\n");
        if (curKhz > 0)
        {
            _tree.File($"{dir}/cpufreq/scaling_cur_freq", $"{curKhz}\n");
        }
    }

    private static string Block(int processor, string lines) => $"processor\t: {processor}\n{lines}\n\n";
}
