using System.Globalization;
using System.Text;

namespace IncusOs.Tests.Journal;

/// <summary>Export-format entries for test journals: several boots and units, one binary field.</summary>
public static class JournalSamples
{
    public static readonly string[] Boots =
    [
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "cccccccccccccccccccccccccccccccc",
    ];

    public static readonly string[] Units = ["incus-osd.service", "systemd-networkd.service", "incus.socket"];

    public static List<IReadOnlyList<KeyValuePair<string, object>>> ThreeBoots(int perBoot = 12)
    {
        var entries = new List<IReadOnlyList<KeyValuePair<string, object>>>();
        var realtime = 1756900000000000L;
        for (var b = 0; b < Boots.Length; b++)
        {
            for (var i = 0; i < perBoot; i++)
            {
                realtime += 1_000_000;
                var unit = Units[i % Units.Length];
                var fields = new List<KeyValuePair<string, object>>
                {
                    new("__REALTIME_TIMESTAMP", realtime.ToString(CultureInfo.InvariantCulture)),
                    new("__MONOTONIC_TIMESTAMP", ((i + 1) * 1_000_000L).ToString(CultureInfo.InvariantCulture)),
                    new("_BOOT_ID", Boots[b]),
                    new("_MACHINE_ID", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"),
                    new("_HOSTNAME", "incus-sim"),
                    new("_PID", (400 + i).ToString(CultureInfo.InvariantCulture)),
                    new("_SYSTEMD_UNIT", unit),
                    new("PRIORITY", (i % 7).ToString(CultureInfo.InvariantCulture)),
                    new("SYSLOG_IDENTIFIER", unit.Split('.')[0]),
                    new("MESSAGE", $"boot {b} entry {i} <&> \"quoted\" é ✓"),
                };
                if (i == 5)
                {
                    // A multi-line message is stored as a binary field and shown as an array of bytes.
                    fields[^1] = new("MESSAGE", Encoding.UTF8.GetBytes($"boot {b}\nsecond line\u0001"));
                }

                entries.Add(fields);
            }

            realtime += 1_000_000;
            entries.Add(
            [
                new("__REALTIME_TIMESTAMP", realtime.ToString(CultureInfo.InvariantCulture)),
                new("__MONOTONIC_TIMESTAMP", "99000000"),
                new("_BOOT_ID", Boots[b]),
                new("_MACHINE_ID", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"),
                new("_PID", "1"),
                new("_SYSTEMD_UNIT", "init.scope"),
                new("UNIT", "incus-osd.service"),
                new("PRIORITY", "6"),
                new("MESSAGE", "Started incus-osd.service."),
            ]);
        }

        return entries;
    }
}
