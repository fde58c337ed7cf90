using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// NVIDIA details by bus location (resources.md §7.2 rule 6): from <c>nvidia-container-cli info --csv</c>,
/// else from <c>/proc/driver/nvidia/gpus</c>. Any failure just means no NVIDIA data.
/// </summary>
public static class NvidiaInfo
{
    private const string ProcGpus = "/proc/driver/nvidia/gpus";

    public static async Task<IReadOnlyDictionary<string, ResourcesGpuCardNvidia>> LoadAsync(CollectContext context)
    {
        var csv = await context.Probes.GetNvidiaCsvAsync(context.CancellationToken).ConfigureAwait(false);

        return csv is not null ? ParseCsv(csv) : ReadProc(context);
    }

    public static Dictionary<string, ResourcesGpuCardNvidia> ParseCsv(string csv)
    {
        var cards = new Dictionary<string, ResourcesGpuCardNvidia>(StringComparer.Ordinal);
        string nvrm = string.Empty, cuda = string.Empty;
        var rows = csv.Split('\n');
        for (var row = 1; row <= rows.Length; row++)
        {
            var fields = rows[row - 1].Split(',').Select(f => f.Trim()).ToArray();
            if (row == 2 && fields.Length >= 2)
            {
                (nvrm, cuda) = (fields[0], fields[1]);
            }

            if (row < 4 || fields.Length < 7)
            {
                continue;
            }

            cards[fields[5]] = new ResourcesGpuCardNvidia
            {
                CudaVersion = cuda,
                NvrmVersion = nvrm,
                Model = fields[2],
                Brand = fields[3],
                Uuid = fields[4],
                Architecture = fields[6],
                CardName = "nvidia" + fields[1],
                CardDevice = "195:" + fields[1],
            };
        }

        return cards;
    }

    private static Dictionary<string, ResourcesGpuCardNvidia> ReadProc(CollectContext context)
    {
        var cards = new Dictionary<string, ResourcesGpuCardNvidia>(StringComparer.Ordinal);
        try
        {
            if (!context.Exists(ProcGpus))
            {
                return cards;
            }

            foreach (var dir in context.Tree.List(ProcGpus))
            {
                string model = string.Empty, minor = string.Empty;
                foreach (var line in context.Read($"{ProcGpus}/{dir}/information").Split('\n'))
                {
                    var colon = line.IndexOf(':');
                    if (colon < 0)
                    {
                        continue;
                    }

                    var (key, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
                    if (key == "Model")
                    {
                        model = value;
                    }
                    else if (key == "Device Minor")
                    {
                        minor = value;
                    }
                }

                cards[dir] = new ResourcesGpuCardNvidia
                {
                    Model = model,
                    Brand = model.Split(' ')[0],
                    CardName = "nvidia" + minor,
                    CardDevice = "195:" + minor,
                };
            }
        }
        catch (ProviderException)
        {
            return [];
        }

        return cards;
    }
}
