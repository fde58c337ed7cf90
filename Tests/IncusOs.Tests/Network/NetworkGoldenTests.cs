using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Tests.Network;

/// <summary>
/// Every folder under <c>Goldens/</c> holds a <c>config.json</c> and the exact files the daemon must
/// write for it: the networkd files, and <c>timesyncd.conf</c>, <c>hosts</c>, <c>kpx.yaml</c> when
/// they exist. Set <c>UPDATE_NETWORK_GOLDENS=1</c> to rewrite them (then review the diff by hand).
/// </summary>
public sealed class NetworkGoldenTests
{
    private static string GoldenRoot =>
        Path.Combine(TestPaths.RepositoryRoot, "Tests", "IncusOs.Tests", "Network", "Goldens");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(GoldenRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generate_GoldenCase_MatchesFilesExactly(string name)
    {
        var dir = Path.Combine(GoldenRoot, name);
        var config = JsonConvert.DeserializeObject<SystemNetworkConfig>(
            File.ReadAllText(Path.Combine(dir, "config.json")), WireJson.Settings)!;
        Assert.Null(NetworkValidator.Validate(config));

        var expected = Outputs(config);

        if (Environment.GetEnvironmentVariable("UPDATE_NETWORK_GOLDENS") == "1")
        {
            foreach (var file in Directory.GetFiles(dir).Where(f => Path.GetFileName(f) != "config.json"))
            {
                File.Delete(file);
            }

            foreach (var (file, content) in expected)
            {
                File.WriteAllText(Path.Combine(dir, file), content);
            }
        }

        var actual = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Where(f => f != "config.json")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal).ToList(), actual);
        foreach (var (file, content) in expected)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(dir, file)), content);
        }
    }

    private static Dictionary<string, string> Outputs(SystemNetworkConfig config)
    {
        var outputs = NetworkdFileGenerator.Generate(config).ToDictionary(f => f.Name, f => f.Content);
        outputs["hosts"] = HostFilesGenerator.Hosts(HostFilesGenerator.ConfiguredHostname(config) ?? "fallback");
        if (HostFilesGenerator.Timesyncd(config) is { } timesyncd)
        {
            outputs["timesyncd.conf"] = timesyncd;
        }

        if (config.Proxy is { } proxy)
        {
            var generated = ProxyConfigGenerator.Generate(proxy);
            Assert.Null(generated.Error);
            outputs["kpx.yaml"] = generated.Yaml!;
        }

        return outputs;
    }
}
