using IncusOs.Providers.Process;
using Newtonsoft.Json;

namespace IncusOs.Providers.Journal;

public sealed partial class SimulatedJournal
{
    /// <summary>
    /// Answers as <c>journalctl</c> would on this machine: the same selection (<c>-b</c>, <c>-u</c>,
    /// <c>-n</c>, left-over matches) and, for a bad value, the same failure text and exit status.
    /// Reads the files twice (count, then copy the newest N) rather than buffering entries.
    /// </summary>
    public async Task<JournalEntries> QueryAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        var commandLine = ProcessRunner.CommandLine(JournalQuery.Command, query.Arguments);
        var arguments = JournalctlArguments.Parse(query);
        if (arguments.OptionError is { } optionError)
        {
            throw new CommandFailedException(commandLine, 1, optionError);
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var boots = ListBoots();
        var files = SelectBoots(arguments.Boot, boots, commandLine);
        var units = ResolveUnits(arguments.Unit, boots, commandLine);
        foreach (var word in arguments.Matches)
        {
            if (JournalctlArguments.MatchError(word) is { } matchError)
            {
                throw new CommandFailedException(commandLine, 1, matchError);
            }
        }

        var matches = arguments.Matches
            .Select(m => m.Split('=', 2))
            .GroupBy(m => m[0], m => m[1])
            .ToList();
        bool Selected(IReadOnlyDictionary<string, string?> entry) =>
            (units.Count == 0 || units.Any(u => UnitNames.Selects(u, entry)))
            && matches.All(g => entry.TryGetValue(g.Key, out var v) && g.Contains(v));

        long total = 0;
        foreach (var path in files)
        {
            total += await ForEachAsync(path, Selected, (_, _) => ValueTask.CompletedTask, cancellationToken)
                .ConfigureAwait(false);
        }

        var skip = arguments.Lines is { } lines ? Math.Max(0, total - lines) : 0;
        var spool = JournalSpool.CreateTemporary(SpoolDirectory);
        try
        {
            long seen = 0;
            foreach (var path in files)
            {
                await ForEachAsync(
                    path,
                    Selected,
                    (line, token) => seen++ < skip ? ValueTask.CompletedTask : spool.AddAsync(line, token),
                    cancellationToken).ConfigureAwait(false);
            }

            return await spool.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>The boots that have entries, oldest first (by their first entry), as journalctl lists them.</summary>
    internal IReadOnlyList<(string Id, string Path)> ListBoots()
    {
        var boots = new List<(string Id, string Path, long First)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + FileSuffix))
        {
            var first = FirstRealtime(path);
            if (first is not null)
            {
                boots.Add((Path.GetFileNameWithoutExtension(path), path, first.Value));
            }
        }

        return boots.OrderBy(b => b.First).Select(b => (b.Id, b.Path)).ToList();
    }

    private List<string> SelectBoots(
        BootDescriptor boot, IReadOnlyList<(string Id, string Path)> boots, string commandLine)
    {
        if (boot.All)
        {
            return boots.Select(b => b.Path).ToList();
        }

        if (boot.BootId is null && boot.Offset == 0)
        {
            // Like journalctl on the local machine: the running boot, whether or not it logged yet.
            return [PathOfBoot(_machine.Document.CurrentBoot.Id)];
        }

        int index;
        if (boot.BootId is { } id)
        {
            index = boots.ToList().FindIndex(b => b.Id == id);
            index = index < 0 ? -1 : index + boot.Offset;
        }
        else
        {
            index = boot.Offset > 0 ? boot.Offset - 1 : boots.Count - 1 + boot.Offset;
        }

        if (index < 0 || index >= boots.Count)
        {
            throw new CommandFailedException(
                commandLine,
                1,
                $"Data from the specified boot ({boot.Describe()}) is not available: No such boot ID in journal");
        }

        return [boots[index].Path];
    }

    private static List<string> ResolveUnits(
        string? unit, IReadOnlyList<(string Id, string Path)> boots, string commandLine)
    {
        if (unit is null)
        {
            return [];
        }

        if (unit.Length == 0)
        {
            throw new CommandFailedException(commandLine, 1, "Failed to add filter for units: Invalid argument");
        }

        var mangled = UnitNames.Mangle(unit);
        if (!UnitNames.IsGlob(mangled))
        {
            return [mangled];
        }

        // A glob selects the units the whole journal knows of, whatever the boot.
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, path) in boots)
        {
            foreach (var line in File.ReadLines(path))
            {
                var entry = ParseFields(line);
                foreach (var field in UnitNames.UnitFields)
                {
                    if (entry is not null && entry.TryGetValue(field, out var value) && value is not null
                        && UnitNames.GlobMatches(mangled, value))
                    {
                        known.Add(value);
                    }
                }
            }
        }

        return known.Count > 0
            ? known.ToList()
            : throw new CommandFailedException(commandLine, 1, "Failed to add filter for units: No data available");
    }

    private static async Task<long> ForEachAsync(
        string path,
        Func<IReadOnlyDictionary<string, string?>, bool> selected,
        Func<string, CancellationToken, ValueTask> onEntry,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        long count = 0;
        using var reader = new StreamReader(new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        }));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // A line cut short by a crash of the writer is not an entry.
            if (line.Length == 0 || line[^1] != '}' || ParseFields(line) is not { } entry || !selected(entry))
            {
                continue;
            }

            count++;
            await onEntry(line, cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static long? FirstRealtime(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var line = reader.ReadLine();
        if (line is null || line.Length == 0 || line[^1] != '}')
        {
            return null;
        }

        return ParseFields(line) is { } entry && entry.TryGetValue("__REALTIME_TIMESTAMP", out var value)
            && long.TryParse(value, out var realtime) ? realtime : null;
    }

    // The string fields of one stored entry (the simulated journal stores strings only).
    internal static Dictionary<string, string?>? ParseFields(string line)
    {
        var fields = new Dictionary<string, string?>(24, StringComparer.Ordinal);
        try
        {
            using var reader = new JsonTextReader(new StringReader(line))
            {
                DateParseHandling = DateParseHandling.None,
            };
            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.PropertyName && reader.Depth == 1)
                {
                    var name = (string)reader.Value!;
                    reader.Read();
                    fields[name] = reader.TokenType == JsonToken.String ? (string?)reader.Value : null;
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return fields;
    }
}
