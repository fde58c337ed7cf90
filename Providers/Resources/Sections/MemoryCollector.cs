using System.Globalization;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>The <c>memory</c> section (resources.md §6): meminfo, online memory blocks, NUMA nodes.</summary>
public static class MemoryCollector
{
    private const string MemoryRoot = "/sys/devices/system/memory";
    private const string NodeRoot = "/sys/devices/system/node";

    // Marks a block whose online file exists but cannot be read (which disables the block count).
    private static readonly string Unreadable = new('?', 1);

    public static ResourcesMemory Collect(CollectContext context)
    {
        var info = MeminfoParser.Parse(context.Read("/proc/meminfo"), "/proc/meminfo");
        var blockSize = BlockSize(context);
        var pageSize = Get(info, "Hugepagesize");
        var hugeTotal = Get(info, "HugePages_Total");
        var hugeFree = Get(info, "HugePages_Free");

        // Node directories link the same memory blocks again: read each block's state once per collection.
        var online = new Dictionary<string, string?>(StringComparer.Ordinal);
        var total = OnlineBytes(context, MemoryRoot, blockSize, online);
        if (total == 0)
        {
            total = Get(info, "MemTotal");
        }

        var memory = new ResourcesMemory
        {
            HugepagesTotal = hugeTotal * pageSize,
            HugepagesUsed = unchecked((hugeTotal - hugeFree) * pageSize),
            HugepagesSize = pageSize,
            Used = unchecked(total - Get(info, "MemFree") - Get(info, "Cached") - Get(info, "Buffers")),
            Total = total,
        };

        if (context.Exists(NodeRoot))
        {
            memory.Nodes = CollectNodes(context, blockSize, pageSize, online);
        }

        return memory;
    }

    private static List<ResourcesMemoryNode> CollectNodes(
        CollectContext context, ulong blockSize, ulong pageSize, Dictionary<string, string?> online)
    {
        var nodes = new List<ResourcesMemoryNode>();
        foreach (var entry in context.Tree.List(NodeRoot))
        {
            var dir = $"{NodeRoot}/{entry}";
            if (!context.Exists($"{dir}/meminfo"))
            {
                continue;
            }

            var number = CollectContext.ParseU64(
                entry.StartsWith("node", StringComparison.Ordinal) ? entry[4..] : entry, dir);
            var info = MeminfoParser.Parse(context.Read($"{dir}/meminfo"), $"{dir}/meminfo");
            var total = OnlineBytes(context, dir, blockSize, online);
            var hugeTotal = Get(info, "HugePages_Total");
            nodes.Add(new ResourcesMemoryNode
            {
                NumaNode = number,
                HugepagesUsed = unchecked((hugeTotal - Get(info, "HugePages_Free")) * pageSize),
                HugepagesTotal = hugeTotal * pageSize,
                Used = Get(info, "MemUsed"),
                Total = total != 0 ? total : Get(info, "MemTotal"),
            });
        }

        return nodes;
    }

    // Block size in hex (block_size_bytes); 0 when missing or unusable, which disables the block count.
    private static ulong BlockSize(CollectContext context)
    {
        var text = context.Tree.TryReadText($"{MemoryRoot}/block_size_bytes");

        return text is not null
            && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size)
            ? size
            : 0;
    }

    // Online memory blocks in a directory × block size; 0 on any problem (never fatal).
    private static ulong OnlineBytes(
        CollectContext context, string directory, ulong blockSize, Dictionary<string, string?> known)
    {
        if (blockSize == 0)
        {
            return 0;
        }

        IReadOnlyList<string> entries;
        try
        {
            entries = context.Tree.List(directory);
        }
        catch (ProviderException)
        {
            return 0;
        }

        ulong count = 0;
        foreach (var entry in entries)
        {
            if (!entry.StartsWith("memory", StringComparison.Ordinal))
            {
                continue;
            }

            if (!known.TryGetValue(entry, out var value))
            {
                var online = $"{directory}/{entry}/online";
                value = context.Exists(online) ? context.Tree.TryReadText(online) ?? Unreadable : null;
                known[entry] = value;
            }

            if (value is null)
            {
                continue;
            }

            if (ReferenceEquals(value, Unreadable))
            {
                return 0;
            }

            if (value == "1")
            {
                count++;
            }
        }

        return count * blockSize;
    }

    private static ulong Get(Dictionary<string, ulong> info, string key) => info.GetValueOrDefault(key);
}
