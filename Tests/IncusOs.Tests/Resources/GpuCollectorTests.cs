using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>GPU and PCI rules (resources.md §7, §11) on a built tree: one DRM card, one bare display.</summary>
public sealed class GpuCollectorTests : IDisposable
{
    private const string Card = "/sys/devices/pci0000:00/0000:00:02.0";
    private const string Bare = "/sys/devices/pci0000:00/0000:00:03.0";
    private readonly TempTree _tree = new();

    public GpuCollectorTests()
    {
        _tree.Dir("/sys/bus/pci/drivers/i915").Dir("/sys/kernel/iommu_groups/7");
        foreach (var (dir, device, cls) in new[] { (Card, "0x46a6", "0x030000"), (Bare, "0x1111", "0x038000") })
        {
            var name = SysTree.Name(dir);
            _tree.File($"{dir}/vendor", "0x8086\n")
                .File($"{dir}/device", device + "\n")
                .File($"{dir}/class", cls + "\n")
                .Link($"{dir}/subsystem", "../../../bus/pci")
                .Link($"/sys/bus/pci/devices/{name}", $"../../../devices/pci0000:00/{name}");
        }

        _tree.Link($"{Card}/driver", "../../../bus/pci/drivers/i915")
            .Link($"{Card}/iommu_group", "../../../kernel/iommu_groups/7")
            .File($"{Card}/drm/card1/dev", "226:1\n")
            .File($"{Card}/drm/renderD128/dev", "226:128\n")
            .Link($"{Card}/drm/card1/device", "../../../0000:00:02.0")
            .File($"{Card}/drm/card1/card1-HDMI-A-1/status", "connected\n")
            .Link("/sys/class/drm/card1", "../../devices/pci0000:00/0000:00:02.0/drm/card1")
            .Link("/sys/class/drm/card1-HDMI-A-1", $"../..{Card["/sys".Length..]}/drm/card1/card1-HDMI-A-1")
            .Link("/sys/class/drm/renderD128", "../../devices/pci0000:00/0000:00:02.0/drm/renderD128");
        File.WriteAllBytes(_tree.Root + $"{Card}/vpd", [0x82, 4, 0, .. "GPU1"u8, 0x78]);
    }

    [Fact]
    public async Task Collect_DrmCardAndBareDisplay_EachOnceWithDrmNodes()
    {
        var gpu = await ResourcesCollector.SectionAsync("GPU", Context(), GpuCollector.CollectAsync);

        Assert.Equal(2UL, gpu.Total);
        Assert.Equal(["0000:00:02.0", "0000:00:03.0"], gpu.Cards.Select(c => c.PciAddress));
        var drm = gpu.Cards[0].Drm!;
        Assert.Equal(
            (1UL, "card1", "226:1", "renderD128", "226:128", string.Empty),
            (drm.Id, drm.CardName, drm.CardDevice, drm.RenderName, drm.RenderDevice, drm.ControlName));
        Assert.Equal(("i915", "6.1.0-test"), (gpu.Cards[0].Driver, gpu.Cards[0].DriverVersion));
        Assert.Null(gpu.Cards[1].Drm);
        var bare = gpu.Cards[1];
        Assert.Equal(("8086", "1111", string.Empty), (bare.VendorId, bare.ProductId, bare.Driver));
    }

    [Fact]
    public void CollectPci_GroupLinkAndVpd_GroupNumberAndProductName()
    {
        var pci = PciCollector.Collect(Context());

        Assert.Equal([7UL, 0UL], pci.Devices.Select(d => d.IommuGroup));
        Assert.Equal("GPU1", pci.Devices[0].Vpd.ProductName);
        Assert.Equal(string.Empty, pci.Devices[1].Vpd.ProductName);
    }

    public void Dispose() => _tree.Dispose();

    private CollectContext Context() => new ResourcesCollector(
        new SysTree(_tree.Root), new FakeProbes(), new AbsentEthtool(), new ResourcesPaths([], "/none"))
        .CreateContext(CancellationToken.None);
}
