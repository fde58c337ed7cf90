using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Network;

public sealed class NetworkBodyDecoderTests
{
    private const string Current = """
        {"config":{"dns":{"hostname":"server01","domain":"example.org","nameservers":["10.0.0.53"]},
         "ntp":{"timeservers":["pool.ntp.org"]},
         "proxy":{"servers":{"a":{"host":"http://a:1","auth":"anonymous"},"b":{"host":"http://b:2","auth":"basic",
           "username":"u","password":"p"}},"rules":[{"destination":"*","target":"a"}]},
         "interfaces":[{"name":"eth0","hwaddr":"10:66:6a:7c:8c:b0","addresses":["dhcp4","slaac"],"roles":["management"],
           "mtu":1500,"routes":[{"to":"0.0.0.0/0","via":"10.0.0.1"},{"to":"::/0","via":"slaac"}]},
          {"name":"eth1","hwaddr":"10:66:6a:7c:8c:b1","lldp":true}],
         "bonds":[{"name":"bond0","mode":"802.3ad","members":["aa:bb:cc:dd:ee:01"]}]}}
        """;

    /// <summary>PATCH body → expected config (compared as JSON).</summary>
    public static TheoryData<string, string, string> PatchCases() => new()
    {
        {
            "object fields absent from the request keep their values",
            """{"config":{"dns":{"hostname":"h2"}}}""",
            """{"dns":{"hostname":"h2","domain":"example.org","nameservers":["10.0.0.53"]}}"""
        },
        {
            "array element i is decoded onto current element i",
            """{"config":{"interfaces":[{"addresses":["10.0.0.5/24"]}]}}""",
            """
            {"interfaces":[{"name":"eth0","mtu":1500,"addresses":["10.0.0.5/24"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.1"},{"to":"::/0","via":"slaac"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],
            "lldp":false}]}
            """
        },
        {
            "elements beyond the request's length are dropped",
            """{"config":{"interfaces":[{}]}}""",
            """
            {"interfaces":[{"name":"eth0","mtu":1500,"addresses":["dhcp4","slaac"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.1"},{"to":"::/0","via":"slaac"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],
            "lldp":false}]}
            """
        },
        {
            "extra request elements start from zero values",
            """{"config":{"interfaces":[{},{},{"name":"eth2","hwaddr":"10:66:6a:7c:8c:b2"}]}}""",
            """
            {"interfaces":[{"name":"eth0","mtu":1500,"addresses":["dhcp4","slaac"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.1"},{"to":"::/0","via":"slaac"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],
            "lldp":false}, {"name":"eth1","hwaddr":"10:66:6a:7c:8c:b1","lldp":true}, {"name":"eth2",
            "hwaddr":"10:66:6a:7c:8c:b2","lldp":false}]}
            """
        },
        {
            "nested arrays merge by index too, whatever the name of the element",
            """{"config":{"interfaces":[{"name":"renamed","routes":[{"via":"10.0.0.254"}]}]}}""",
            """
            {"interfaces":[{"name":"renamed","mtu":1500,"addresses":["dhcp4","slaac"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.254"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],"lldp":false}]}
            """
        },
        {
            "arrays of strings are replaced",
            """{"config":{"dns":{"nameservers":["1.1.1.1","8.8.8.8"]}}}""",
            """{"dns":{"hostname":"server01","domain":"example.org","nameservers":["1.1.1.1","8.8.8.8"]}}"""
        },
        {
            "null on a pointer removes it",
            """{"config":{"dns":null,"ntp":null,"proxy":null}}""",
            """{}"""
        },
        {
            "null on an array empties it",
            """{"config":{"bonds":null}}""",
            """{"bonds":[]}"""
        },
        {
            "null on a string, number or bool is ignored",
            """{"config":{"interfaces":[{"name":null,"mtu":null,"lldp":null},{"lldp":null}]}}""",
            """
            {"interfaces":[{"name":"eth0","mtu":1500,"addresses":["dhcp4","slaac"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.1"},{"to":"::/0","via":"slaac"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],
            "lldp":false}, {"name":"eth1","hwaddr":"10:66:6a:7c:8c:b1","lldp":true}]}
            """
        },
        {
            "null as an array element leaves that element alone",
            """{"config":{"interfaces":[null,{"mtu":9000}]}}""",
            """
            {"interfaces":[{"name":"eth0","mtu":1500,"addresses":["dhcp4","slaac"], "routes":[{"to":"0.0.0.0/0",
            "via":"10.0.0.1"},{"to":"::/0","via":"slaac"}], "hwaddr":"10:66:6a:7c:8c:b0","roles":["management"],
            "lldp":false}, {"name":"eth1","mtu":9000,"hwaddr":"10:66:6a:7c:8c:b1","lldp":true}]}
            """
        },
        {
            "map keys not mentioned are kept, a mentioned key gets a fresh value",
            """
            {"config":{"proxy":{"servers":{"b":{"host":"http://b2:3"},"c":{"host":"http://c","auth":"anonymous"}}}}}
            """,
            """
            {"proxy":{"servers":{"a":{"host":"http://a:1","use_tls":false,"auth":"anonymous"},
            "b":{"host":"http://b2:3","use_tls":false,"auth":""}, "c":{"host":"http://c","use_tls":false,
            "auth":"anonymous"}},"rules":[{"destination":"*","target":"a"}]}}
            """
        },
        {
            "null on a map empties it",
            """{"config":{"proxy":{"servers":null}}}""",
            """{"proxy":{"rules":[{"destination":"*","target":"a"}]}}"""
        },
        {
            "keys match case-insensitively; unknown keys are ignored",
            """{"CONFIG":{"Dns":{"HostName":"h3"},"unknown":1},"extra":true}""",
            """{"dns":{"hostname":"h3","domain":"example.org","nameservers":["10.0.0.53"]}}"""
        },
        {
            "an empty array removes every element",
            """{"config":{"interfaces":[]}}""",
            """{"interfaces":[]}"""
        },
        {
            "state in the body is ignored for the config",
            """{"state":{"interfaces":{"x":{"state":"routable"}}}}""",
            """{}"""
        },
    };

    [Theory]
    [MemberData(nameof(PatchCases))]
    public void Decode_PatchOntoCurrent_FollowsGoMergeRule(string rule, string body, string expectedChanges)
    {
        var current = JsonConvert.DeserializeObject<SystemNetwork>(Current, WireJson.Settings)!;
        var expected = JObject.FromObject(current.Config!, WireJson.Serializer);
        foreach (var change in JObject.Parse(expectedChanges).Properties())
        {
            expected[change.Name] = change.Value;
        }

        if (rule.StartsWith("null on a pointer", StringComparison.Ordinal))
        {
            expected.Remove("dns");
            expected.Remove("ntp");
            expected.Remove("proxy");
        }

        var decoded = NetworkBodyDecoder.Decode(body, current);

        Assert.Null(decoded.Error);
        var actual = JObject.FromObject(decoded.Value!.Config!, WireJson.Serializer);
        var normalizedExpected = JObject.FromObject(expected.ToObject<SystemNetworkConfig>(WireJson.Serializer)!,
            WireJson.Serializer);
        Assert.True(JToken.DeepEquals(normalizedExpected, actual), $"{rule}: {actual}");
    }

    [Fact]
    public void Decode_PutOntoNothing_StartsFromEmpty()
    {
        var decoded = NetworkBodyDecoder.Decode(
            """{"config":{"interfaces":[{"name":"eth0","hwaddr":"aa:bb:cc:dd:ee:01"}]}}""", null);

        Assert.Null(decoded.Error);
        Assert.Equal(
            """{"interfaces":[{"name":"eth0","hwaddr":"aa:bb:cc:dd:ee:01","lldp":false}]}""",
            JsonConvert.SerializeObject(decoded.Value!.Config, WireJson.Settings));
    }

    [Fact]
    public void Decode_BareConfigObject_LeavesConfigNull()
    {
        var decoded = NetworkBodyDecoder.Decode("""{"interfaces":[{"name":"eth0"}]}""", null);

        Assert.Null(decoded.Error);
        Assert.Null(decoded.Value!.Config);
    }

    [Fact]
    public void Decode_NullConfigInPatch_ClearsConfig()
    {
        var current = JsonConvert.DeserializeObject<SystemNetwork>(Current, WireJson.Settings)!;

        var decoded = NetworkBodyDecoder.Decode("""{"config":null}""", current);

        Assert.Null(decoded.Value!.Config);
    }

    [Fact]
    public void Decode_ProxyServers_AreSortedByKey()
    {
        var decoded = NetworkBodyDecoder.Decode(
            """
            {"config":{"proxy":{"servers":{"z":{"auth":"anonymous"},"B":{"auth":"anonymous"},
            "a":{"auth":"anonymous"}}}}}
            """,
            null);

        Assert.Equal(["B", "a", "z"], decoded.Value!.Config!.Proxy!.Servers.Keys.ToArray());
    }

    public static TheoryData<string, string> Errors() => new()
    {
        { "", "EOF" },
        { "  \n", "EOF" },
        { """{"config":{""", "unexpected EOF" },
        { """{"config":{}} garbage""", "invalid character 'g' after top-level value" },
        { "{}\n{}", "invalid character '{' after top-level value" },
        { """[1]""", "json: cannot unmarshal array into Go value of type api.SystemNetwork" },
        { """ "x" """, "json: cannot unmarshal string into Go value of type api.SystemNetwork" },
        { """{"config":{"interfaces":[{"mtu":"big"}]}}""",
            "json: cannot unmarshal string into Go struct field"
                + " SystemNetworkInterface.config.interfaces.mtu of type int" },
        { """{"config":{"interfaces":[{"mtu":1.5}]}}""",
            "json: cannot unmarshal number 1.5 into Go struct field"
                + " SystemNetworkInterface.config.interfaces.mtu of type int" },
        { """{"config":{"vlans":[{"id":99999999999}]}}""",
            "json: cannot unmarshal number 99999999999 into Go struct field"
                + " SystemNetworkVLAN.config.vlans.id of type int" },
        { """{"config":{"dns":"x"}}""",
            "json: cannot unmarshal string into Go struct field"
                + " SystemNetworkConfig.config.dns of type api.SystemNetworkDNS" },
        { """{"config":{"interfaces":{}}}""",
            "json: cannot unmarshal object into Go struct field"
                + " SystemNetworkConfig.config.interfaces of type []api.SystemNetworkInterface" },
        { """{"config":{"interfaces":[{"lldp":"yes"}]}}""",
            "json: cannot unmarshal string into Go struct field"
                + " SystemNetworkInterface.config.interfaces.lldp of type bool" },
        { """{"config":{"interfaces":[{"addresses":[1]}]}}""",
            "json: cannot unmarshal number 1 into Go struct field"
                + " SystemNetworkInterface.config.interfaces.addresses of type string" },
        { """{"config":{"proxy":{"servers":[]}}}""",
            "json: cannot unmarshal array into Go struct field"
                + " SystemNetworkProxy.config.proxy.servers of type map[string]api.SystemNetworkProxyServer" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Decode_BadBody_ReturnsGoStyleError(string body, string expected)
    {
        var decoded = NetworkBodyDecoder.Decode(body, null);

        Assert.Equal(expected, decoded.Error);
        Assert.Null(decoded.Value);
    }

    [Fact]
    public void Decode_MalformedJson_NamesThePosition()
    {
        var decoded = NetworkBodyDecoder.Decode("{\"config\": x}", null);

        Assert.NotNull(decoded.Error);
        Assert.Contains("position", decoded.Error);
    }
}
