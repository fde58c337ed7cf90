using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>A socket being collected: its cores keyed by (die, core) until assembly.</summary>
internal sealed class SocketBuilder(ResourcesCpuSocket wire)
{
    public ResourcesCpuSocket Wire { get; } = wire;

    public Dictionary<(ulong Die, ulong Core), ResourcesCpuCore> Cores { get; } = [];

    public List<ResourcesCpuCore> CoreOrder { get; } = [];

    /// <summary>
    /// QUIRK (§5.2 rule 6): cores are emitted by core id only, so equal core ids on two dies collapse (the
    /// first seen is kept). The socket frequency is the mean of all core frequencies above 0, before that.
    /// </summary>
    public ResourcesCpuSocket Assemble()
    {
        var frequencies = CoreOrder.Where(c => c.Frequency > 0).Select(c => c.Frequency).ToList();
        if (frequencies.Count > 0)
        {
            ulong sum = 0;
            foreach (var f in frequencies)
            {
                sum += f;
            }

            Wire.Frequency = sum / (ulong)frequencies.Count;
        }

        var byCore = new SortedDictionary<ulong, ResourcesCpuCore>();
        foreach (var core in CoreOrder)
        {
            byCore.TryAdd(core.Core, core);
        }

        Wire.Cores = [.. byCore.Values];

        return Wire;
    }
}
