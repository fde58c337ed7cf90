namespace IncusOs.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Tests/Bench -- SUITE [args]</c>: runs one benchmark suite and
/// prints its figures and ratios, measured side by side in one run. Exits non-zero only when a run
/// failed, never for a missed target.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Suites = new(StringComparer.Ordinal)
    {
        ["perf"] = PerfBench.RunAsync,
        ["floor"] = FloorApp.RunAsync,
        ["resources"] = ResourcesBench.RunAsync,
        ["journal"] = JournalBench.RunAsync,
        ["security"] = SecurityBench.RunAsync,
        ["update"] = UpdateBench.RunAsync,
        ["services"] = ServicesBench.RunAsync,
        ["network"] = NetworkBench.RunAsync,
        ["storage"] = StorageBench.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: incus-osd-bench SUITE [args]; suites: {string.Join(", ", Suites.Keys)}");
            return 2;
        }

        return await suite(args[1..]);
    }
}
