using IncusOs.Providers.Process;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Resources;

/// <summary>The P/Invoke probes against this kernel: uname, BLKPBSZGET, ethtool.</summary>
public sealed class HostProbesTests
{
    private readonly HostProbes _probes = new(new ProcessRunner(NullLogger<ProcessRunner>.Instance));

    [Fact]
    public void Uname_ThisKernel_MachineAndReleaseAsProcfs()
    {
        var uname = _probes.Uname();

        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), uname.Release);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/arch").Trim(), uname.Machine);
    }

    [Fact]
    public void PhysicalBlockSize_NoNode_Null()
    {
        var size = _probes.GetPhysicalBlockSize("/dev/does-not-exist-" + Guid.NewGuid().ToString("N"));

        Assert.Null(size);
    }

    [Fact]
    public void PhysicalBlockSize_RegularFile_IoctlFailureIsAnError()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<ErrnoException>(() => _probes.GetPhysicalBlockSize(file));

            Assert.Equal(25, error.Errno);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ethtool_UnknownInterface_Enodev()
    {
        var ethtool = new HostEthtool();

        var error = Assert.Throws<ErrnoException>(() => ethtool.GetLink("nosuchif0"));

        Assert.Equal(LibC.Enodev, error.Errno);
    }

    [Fact]
    public void Ethtool_Loopback_LinkUpAndNoLinkSettings()
    {
        var ethtool = new HostEthtool();

        var link = ethtool.GetLink("lo");

        Assert.True(link);
        Assert.Throws<ErrnoException>(() => ethtool.GetLinkSettings("lo"));
    }

    [Fact]
    public async Task SystemType_DetectVirt_SameAnswerTwice()
    {
        var first = await _probes.GetSystemTypeAsync(CancellationToken.None);
        var second = await _probes.GetSystemTypeAsync(CancellationToken.None);

        Assert.Contains(first, new[] { "container", "virtual-machine", "physical", "unknown" });
        Assert.Equal(first, second);
    }
}
