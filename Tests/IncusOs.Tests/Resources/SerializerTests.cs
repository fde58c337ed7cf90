using IncusOs.Actors.Common;
using IncusOs.Providers.Resources.Wire;
using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Resources;

public sealed class SerializerTests
{
    [Fact]
    public void Serialize_SpecExample_ByteForByteAfterRoundTrip()
    {
        var example = SpecExample();
        var compact = JToken.Parse(example).ToString(Formatting.None);

        var document = JsonConvert.DeserializeObject<ResourcesDocument>(example, WireJson.Settings)!;
        var written = JsonConvert.SerializeObject(document, WireJson.Settings);

        Assert.Equal(compact, written);
    }

    [Fact]
    public void Serialize_EmptyDocument_NineSectionsWithNullsAndEmptyLists()
    {
        var written = JsonConvert.SerializeObject(new ResourcesDocument(), WireJson.Settings);

        Assert.Equal(
            "{\"cpu\":{\"architecture\":\"\",\"sockets\":[],\"total\":0},"
            + "\"memory\":{\"hugepages_total\":0,\"hugepages_used\":0,\"hugepages_size\":0,\"used\":0,\"total\":0},"
            + "\"gpu\":{\"cards\":[],\"total\":0},\"network\":{\"cards\":[],\"total\":0},"
            + "\"storage\":{\"disks\":[],\"total\":0},\"usb\":{\"devices\":[],\"total\":0},"
            + "\"pci\":{\"devices\":[],\"total\":0},"
            + "\"system\":{\"uuid\":\"\",\"vendor\":\"\",\"product\":\"\",\"family\":\"\",\"version\":\"\","
            + "\"sku\":\"\",\"serial\":\"\",\"type\":\"\",\"firmware\":null,\"chassis\":null,\"motherboard\":null},"
            + "\"load\":{\"Average1Min\":0,\"Average5Min\":0,\"Average10Min\":0,\"Processes\":0}}",
            written);
    }

    [Fact]
    public void Serialize_OmitAndNullRules_PerFieldAsSpecified()
    {
        var card = new ResourcesNetworkCard { Ports = [], NumaNode = 0 };
        var core = new ResourcesCpuCore { Flags = null };
        var disk = new ResourcesStorageDisk { Id = "vda", Device = "254:0", Serial = string.Empty };
        var usb = new ResourcesUsbDevice { Speed = 1.5 };
        var vpd = new ResourcesPciVpd { Entries = new(StringComparer.Ordinal) { ["V1"] = "x", ["PN"] = "<&>" } };

        Assert.Equal("{\"numa_node\":0}", Json(card));
        Assert.Equal("{\"core\":0,\"die\":0,\"threads\":[],\"flags\":null}", Json(core));
        Assert.Equal(
            "{\"id\":\"vda\",\"device\":\"254:0\",\"read_only\":false,\"size\":0,\"removable\":false,"
            + "\"numa_node\":0,\"block_size\":0,\"rpm\":0,\"device_id\":\"\",\"partitions\":[]}",
            Json(disk));
        Assert.Contains("\"interfaces\":null", Json(usb));
        Assert.EndsWith("\"speed\":1.5}", Json(usb));
        Assert.Equal("{\"entries\":{\"PN\":\"<&>\",\"V1\":\"x\"}}", Json(vpd));
    }

    private static string Json(object value) => JsonConvert.SerializeObject(value, WireJson.Settings);

    // The first JSON block of resources.md §2, read in place from the shared spec.
    private static string SpecExample()
    {
        var spec = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "..", "spec", "resources.md"));
        var start = spec.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var end = spec.IndexOf("```", start, StringComparison.Ordinal);

        return spec[start..end];
    }
}
