using System.Text;
using IncusOs.Daemon.Http;
using IncusOs.Providers.Journal;

namespace IncusOs.Tests.Robustness;

/// <summary>
/// A seeded generator of malformed and hostile requests over every route of the one route table:
/// broken and truncated JSON, wrong types, huge numbers, deep nesting, invalid UTF-8, oversized
/// bodies, unknown methods, long and percent-encoded paths, bad log queries, raw passphrases with NUL
/// and newline bytes. Every request it makes is bad input: none may change the machine.
/// </summary>
public sealed class HostileRequests
{
    private static readonly string[] Keys =
    [
        "action", "config", "name", "type", "devices", "id", "pools", "dns", "hostname", "interfaces",
        "update_frequency", "auto_reboot", "channel", "maintenance_windows", "encryption_recovery_keys",
        "enabled", "targets", "addresses", "vlans", "bonds", "proxy", "time", "source",
    ];

    private static readonly string[] OddMethods = ["FOO", "PROPFIND", "TRACE", "MKCOL", "HEAD", "OPTIONS"];

    private static readonly string[] Services = ["iscsi", "lvm", "multipath", "nvme", "ovn", "usbip"];

    private readonly Random _random;
    private readonly IReadOnlyList<RouteTable.Route> _routes;

    public HostileRequests(int seed)
    {
        _random = new Random(seed);
        _routes = Routes.Build().Routes;
    }

    public sealed record Case(string Method, string Path, byte[]? Body, string Kind)
    {
        public override string ToString() =>
            $"{Kind}: {Method} {(Path.Length > 80 ? Path[..80] + "..." : Path)} ({Body?.Length ?? 0} bytes)";
    }

    public Case Next()
    {
        return _random.Next(10) switch
        {
            0 => new Case(Pick(OddMethods), RoutePath(PickRoute()), Json(), "unknown method"),
            1 => new Case("GET", WeirdPath(), null, "weird path"),
            2 => new Case(Pick(["PUT", "POST", "DELETE", "PATCH"]), WeirdPath(), Json(), "weird path write"),
            3 => new Case("GET", "/1.0/debug/log?" + BadQuery(), null, "bad log query"),
            4 => Passphrase(),
            _ => RouteCase(),
        };
    }

    private Case RouteCase()
    {
        var route = PickRoute();
        // Any bytes are a valid passphrase for PUT /1.0/system/security (security.md §3): not hostile.
        var writes = route.Handlers.Keys
            .Where(m => m != "GET" && !(m == "PUT" && route.Pattern == "/1.0/system/security"))
            .ToList();
        var method = writes.Count > 0 ? Pick(writes) : Pick(["PUT", "POST", "DELETE", "PATCH"]);

        return new Case(method, RoutePath(route), Json(), "hostile body");
    }

    private RouteTable.Route PickRoute() => _routes[_random.Next(_routes.Count)];

    private string RoutePath(RouteTable.Route route) =>
        route.Pattern.Replace("{name}", _random.Next(3) == 0 ? Pick(Services) : Uri.EscapeDataString(Word()));

    private string WeirdPath()
    {
        return _random.Next(5) switch
        {
            0 => "/1.0/" + new string('a', 4000 + _random.Next(4000)),
            1 => "/1.0/%00%ff%fe/" + Word(),
            2 => "/1.0/system/%2e%2e/%2e%2e/etc/passwd",
            3 => "/" + string.Concat(Enumerable.Range(0, 200).Select(_ => "%" + _random.Next(256).ToString("x2"))),
            _ => "/1.0/services/" + Uri.EscapeDataString(Word()) + "/x/y",
        };
    }

    private string BadQuery()
    {
        return _random.Next(6) switch
        {
            0 => "boot=%zz",
            // Not -0: journalctl reads it as 0 (systemd's safe_atou lets a negative zero through).
            1 => "entries=-" + (1 + _random.Next(999)),
            2 => "entries=" + new string('9', 40),
            3 => "boot=" + Uri.EscapeDataString(NotABoot(Word())),
            4 => "unit=" + Uri.EscapeDataString("../../" + Word() + "\n"),
            _ => "entries=abc&boot=-999999",
        };
    }

    /// <summary>
    /// A passphrase with a NUL byte (which cannot reach the LUKS tools intact, so it is refused), or,
    /// for a removal, one with a newline that was never enrolled (every byte counts, security.md §3).
    /// </summary>
    private Case Passphrase()
    {
        var core = Encoding.UTF8.GetBytes(Word());
        if (_random.Next(2) == 0)
        {
            return new Case(Pick(["PUT", "DELETE"]), "/1.0/system/security", [.. core, 0, .. core], "NUL passphrase");
        }

        return new Case("DELETE", "/1.0/system/security", [.. core, (byte)'\n', .. core], "unknown passphrase");
    }

    private byte[] Json()
    {
        switch (_random.Next(9))
        {
            case 0:
                var text = ValidLooking();
                return Encoding.UTF8.GetBytes(text[..Math.Max(1, _random.Next(text.Length))]);
            case 1:
                return Encoding.UTF8.GetBytes(ValidLooking() + " trailing" + Word());
            case 2:
                return Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));
            case 3:
                return [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d];
            case 4:
                var big = new byte[(1 << 20) + 1 + _random.Next(1000)];
                Array.Fill(big, (byte)' ');
                big[0] = (byte)'{';
                big[^1] = (byte)'}';
                return big;
            case 5:
                var huge = Pick(["1e400", "-1e400", "99999999999999999999999", "1.5e308", "-0"]);
                return Encoding.UTF8.GetBytes($"{{\"{Pick(Keys)}\":{huge}}}");
            default:
                return Encoding.UTF8.GetBytes(WrongTypes(3));
        }
    }

    private string ValidLooking() => WrongTypes(2);

    /// <summary>An object whose known keys carry values of the wrong kinds, nested a little.</summary>
    private string WrongTypes(int depth)
    {
        var fields = Enumerable.Range(0, 1 + _random.Next(4))
            .Select(_ => $"\"{Pick(Keys)}\":{WrongValue(depth)}");

        return "{" + string.Join(',', fields) + "}";
    }

    private string WrongValue(int depth) => _random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => _random.Next(2) == 0 ? "true" : "false",
        1 => _random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "12.75",
        3 => "[1,\"x\",null,{}]",
        4 => "\"" + Word() + "\"",
        5 => "{\"\":\"\"}",
        _ => WrongTypes(depth - 1),
    };

    // A word that happens to be a boot offset ("7") is a well-formed request for a boot that may not exist.
    private static string NotABoot(string word) => BootDescriptor.TryParse(word, out _) ? word + "z" : word;

    private string Word()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_./\\\"'<>&{}";
        var length = 1 + _random.Next(24);

        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[_random.Next(alphabet.Length)]));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
