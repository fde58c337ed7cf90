using System.Globalization;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>The <c>cpu</c> section (resources.md §5): sysfs topology, one cpuinfo cursor, SMBIOS fallback.</summary>
public static class CpuCollector
{
    private const string CpuRoot = "/sys/devices/system/cpu";

    public static ResourcesCpu Collect(CollectContext context)
    {
        var isolated = ReadIsolated(context);
        var smbios = new Lazy<(string Vendor, string Model)?>(() => SmbiosCpu.Read(context.Tree));
        var cpuinfo = ReadCpuinfo(context);
        var cursor = 0;
        List<string>? flags = null;

        var sockets = new SortedDictionary<ulong, SocketBuilder>();
        ulong total = 0;
        foreach (var id in ThreadIds(context))
        {
            var cpu = $"{CpuRoot}/cpu{id}";
            var package = Topology(context, cpu, "physical_package_id");
            var coreId = Topology(context, cpu, "core_id");
            var die = Topology(context, cpu, "die_id");

            if (!sockets.TryGetValue(package, out var socket))
            {
                socket = new SocketBuilder(new ResourcesCpuSocket { Socket = package });
                ParseCpuinfoBlock(cpuinfo, ref cursor, package, socket.Wire, ref flags);
                FillFromSmbios(socket.Wire, smbios);
                socket.Wire.Cache = ReadCaches(context, cpu);
                socket.Wire.FrequencyMinimum = FrequencyMhz(context, cpu, "cpuinfo_min_freq", "scaling_min_freq");
                socket.Wire.FrequencyTurbo = FrequencyMhz(context, cpu, "cpuinfo_max_freq", "scaling_max_freq");
                sockets.Add(package, socket);
            }

            if (!socket.Cores.TryGetValue((die, coreId), out var core))
            {
                core = new ResourcesCpuCore { Core = coreId, Die = die, Flags = flags };
                var current = $"{cpu}/cpufreq/scaling_cur_freq";
                if (context.Exists(current))
                {
                    core.Frequency = context.ReadU64(current) / 1000;
                }

                socket.Cores.Add((die, coreId), core);
                socket.CoreOrder.Add(core);
            }

            core.Threads.Add(new ResourcesCpuThread
            {
                Id = id,
                NumaNode = ThreadNumaNode(context, cpu),
                Thread = (ulong)core.Threads.Count,
                Online = Online(context, cpu),
                Isolated = isolated.Contains(id),
            });
            total++;
        }

        return new ResourcesCpu
        {
            Architecture = context.Uname.Machine,
            Sockets = [.. sockets.Values.Select(s => s.Assemble())],
            Total = total,
        };
    }

    private static List<long> ThreadIds(CollectContext context)
    {
        var ids = new List<long>();
        foreach (var name in context.Tree.List(CpuRoot))
        {
            if (name.StartsWith("cpu", StringComparison.Ordinal)
                && long.TryParse(
                    name.AsSpan(3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                && context.Exists($"{CpuRoot}/{name}/topology"))
            {
                ids.Add(id);
            }
        }

        ids.Sort();

        return ids;
    }

    private static ulong Topology(CollectContext context, string cpu, string file)
    {
        var path = $"{cpu}/topology/{file}";
        var value = context.Exists(path) ? context.ReadI64(path) : -1;

        return value < 0 ? 0 : (ulong)value;
    }

    private static string[] ReadCpuinfo(CollectContext context) =>
        context.Read("/proc/cpuinfo").Split('\n');

    // QUIRK (§5.2 rule 5): the block used is the one whose processor number equals the socket number.
    private static void ParseCpuinfoBlock(
        string[] lines, ref int cursor, ulong socketNumber, ResourcesCpuSocket socket, ref List<string>? flags)
    {
        var wanted = socketNumber.ToString(CultureInfo.InvariantCulture);
        while (cursor < lines.Length)
        {
            var line = lines[cursor++].Trim();
            if (line.StartsWith("processor", StringComparison.Ordinal) && Value(line) == wanted)
            {
                break;
            }

            if (cursor == lines.Length)
            {
                return;
            }
        }

        bool haveFlags = false, haveSizes = false;
        while (cursor < lines.Length)
        {
            var line = lines[cursor++].Trim();
            if (line.Length == 0)
            {
                return;
            }

            if (socket.Vendor.Length > 0 && socket.Name.Length > 0 && haveFlags && haveSizes)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "vendor_id":
                    socket.Vendor = value;
                    break;
                case "model name":
                case "cpu":
                    socket.Name = value;
                    break;
                case "flags":
                    flags = [.. value.Split(' ')];
                    haveFlags = true;
                    break;
                case "address sizes":
                    haveSizes = ParseAddressSizes(value, socket);
                    break;
            }
        }
    }

    private static bool ParseAddressSizes(string value, ResourcesCpuSocket socket)
    {
        var tokens = value.Split(' ');
        if (tokens.Length != 6)
        {
            return false;
        }

        socket.AddressSizes = new ResourcesCpuAddressSizes
        {
            PhysicalBits = CollectContext.ParseU64(tokens[0], "/proc/cpuinfo"),
            VirtualBits = CollectContext.ParseU64(tokens[3], "/proc/cpuinfo"),
        };

        return true;
    }

    private static string Value(string line)
    {
        var colon = line.IndexOf(':');

        return colon < 0 ? string.Empty : line[(colon + 1)..].Trim();
    }

    private static void FillFromSmbios(ResourcesCpuSocket socket, Lazy<(string Vendor, string Model)?> smbios)
    {
        if (socket.Vendor.Length > 0 && socket.Name.Length > 0 || smbios.Value is not { } fallback)
        {
            return;
        }

        if (socket.Vendor.Length == 0)
        {
            socket.Vendor = fallback.Vendor;
        }

        if (socket.Name.Length == 0)
        {
            socket.Name = fallback.Model;
        }
    }

    private static List<ResourcesCpuCache>? ReadCaches(CollectContext context, string cpu)
    {
        var root = $"{cpu}/cache";
        if (!context.Exists(root))
        {
            return null;
        }

        var caches = new List<ResourcesCpuCache>();
        foreach (var entry in context.Tree.List(root))
        {
            var dir = $"{root}/{entry}";
            if (!context.Exists($"{dir}/level"))
            {
                continue;
            }

            caches.Add(new ResourcesCpuCache
            {
                Level = context.ReadU64($"{dir}/level"),
                Type = context.Exists($"{dir}/type") ? context.Read($"{dir}/type") : "Unknown",
                Size = CacheSize(context, $"{dir}/size"),
            });
        }

        return caches;
    }

    private static ulong CacheSize(CollectContext context, string path)
    {
        if (!context.Exists(path))
        {
            return 0;
        }

        var text = context.Read(path);
        var kilo = text.EndsWith('K');
        var value = CollectContext.ParseU64(kilo ? text[..^1] : text, path);

        return kilo ? value * 1024 : value;
    }

    private static ulong FrequencyMhz(CollectContext context, string cpu, string preferred, string fallback)
    {
        foreach (var file in new[] { preferred, fallback })
        {
            var path = $"{cpu}/cpufreq/{file}";
            if (context.Exists(path))
            {
                return context.ReadU64(path) / 1000;
            }
        }

        return 0;
    }

    private static bool Online(CollectContext context, string cpu)
    {
        var path = $"{cpu}/online";

        return !context.Exists(path) || context.ReadI64(path) != 0;
    }

    private static ulong ThreadNumaNode(CollectContext context, string cpu)
    {
        foreach (var entry in context.Tree.List(cpu))
        {
            if (entry.StartsWith("node", StringComparison.Ordinal) && context.Exists($"{cpu}/{entry}/numastat"))
            {
                return CollectContext.ParseU64(entry[4..], $"{cpu}/{entry}");
            }
        }

        return 0;
    }

    private static HashSet<long> ReadIsolated(CollectContext context)
    {
        var set = new HashSet<long>();
        var text = context.Tree.TryReadText($"{CpuRoot}/isolated");
        if (string.IsNullOrEmpty(text))
        {
            return set;
        }

        foreach (var part in text.Split(','))
        {
            var range = part.Split('-');
            if (!long.TryParse(range[0], CultureInfo.InvariantCulture, out var first))
            {
                return [];
            }

            var last = first;
            if (range.Length == 2 && !long.TryParse(range[1], CultureInfo.InvariantCulture, out last))
            {
                return [];
            }

            for (var id = first; id <= last; id++)
            {
                set.Add(id);
            }
        }

        return set;
    }
}
