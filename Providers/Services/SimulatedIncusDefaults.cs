using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Services;

/// <summary>
/// The simulated machine's Incus: initialisation records the defaults a real Incus would get in
/// <c>incus.json</c>, once (a second run finds them and adds nothing).
/// </summary>
public sealed class SimulatedIncusDefaults : IIncusDefaults
{
    private readonly string _path;

    public SimulatedIncusDefaults(SimulatedMachine machine)
    {
        _path = machine.PathOf("incus.json");
    }

    public Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(_path))
        {
            return Task.CompletedTask;
        }

        var incus = new Dictionary<string, object>
        {
            ["storage_pools"] = new[] { new { name = "local", driver = "zfs", source = "local/incus" } },
            ["storage_volumes"] = new[] { "local/backups", "local/images" },
            ["networks"] = new[] { "incusbr0" },
            ["config"] = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["core.https_address"] = ":8443",
                ["storage.backups_volume"] = "local/backups",
                ["storage.images_volume"] = "local/images",
            },
        };
        var text = JsonConvert.SerializeObject(incus, Formatting.Indented) + "\n";
        AtomicFile.WriteText(_path, text, AtomicFile.OwnerOnly);

        return Task.CompletedTask;
    }
}
