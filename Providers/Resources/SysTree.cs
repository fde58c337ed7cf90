using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The file system the collector reads, seen through one root path: <c>/</c> for the live machine, or a
/// captured tree whose <c>/sys</c>, <c>/proc</c>, <c>/run</c> and <c>/dev</c> sit below the root. Every path
/// given to it is absolute as on the machine (<c>/sys/class/net</c>). Captured trees may store each symlink as
/// a small text file holding its relative target (<see cref="TextLinks"/>); links are then followed by
/// reading those files, component by component, as <c>realpath(3)</c> would.
/// </summary>
public sealed class SysTree
{
    private const int MaxLinkHops = 40;
    private const int MaxTextLinkBytes = 4096;

    private readonly ConcurrentDictionary<string, string?> _textLinks = new(StringComparer.Ordinal);

    public SysTree(string root, bool textLinks = false)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        TextLinks = textLinks;
    }

    /// <summary>The live machine.</summary>
    public static SysTree Live { get; } = new("/");

    public string Root { get; }

    /// <summary>Symlinks are regular files whose whole content is a relative target starting with <c>../</c>.</summary>
    public bool TextLinks { get; }

    public bool IsLive => Root == "/" && !TextLinks;

    /// <summary>Where a machine path is on this host (no link resolution).</summary>
    public string HostPath(string path) => Root == "/" ? path : Root + path;

    /// <summary>Existence as <c>lstat</c> sees it: a dangling link exists.</summary>
    public bool Exists(string path)
    {
        if (TextLinks)
        {
            var parent = Walk(Parent(path));
            if (parent is null)
            {
                return false;
            }

            var host = HostPath(Join(parent, Name(path)));

            return File.Exists(host) || Directory.Exists(host);
        }

        try
        {
            File.GetAttributes(HostPath(path));

            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Whether the path, links followed, is a directory.</summary>
    public bool IsDirectory(string path)
    {
        var resolved = TextLinks ? Walk(path) : path;

        return resolved is not null && Directory.Exists(HostPath(resolved));
    }

    /// <summary>Whether the path, links followed, is something other than a directory.</summary>
    public bool IsFile(string path)
    {
        if (TextLinks)
        {
            var resolved = Walk(path);

            return resolved is not null && File.Exists(HostPath(resolved));
        }

        // File.Exists is true for a dangling link: confirm the target with realpath.
        var host = HostPath(path);
        if (!File.Exists(host))
        {
            return false;
        }

        if (new FileInfo(host).LinkTarget is null)
        {
            return true;
        }

        var pointer = LibC.RealPath(host, 0);
        LibC.Free(pointer);

        return pointer != 0;
    }

    /// <summary>Whether the path, links followed, exists at all (<c>stat</c> succeeds).</summary>
    public bool ExistsFollowing(string path) => IsDirectory(path) || IsFile(path);

    /// <summary>
    /// The path with every link resolved, as <c>realpath(3)</c> gives it (and Go's <c>EvalSymlinks</c>),
    /// expressed as a machine path. Throws a <see cref="ProviderException"/> naming the path on failure.
    /// </summary>
    public string Resolve(string path)
    {
        if (TextLinks)
        {
            return Walk(path) ?? throw new ProviderException(
                $"Failed to resolve \"{path}\": no such file or directory");
        }

        var pointer = LibC.RealPath(HostPath(path), 0);
        if (pointer == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new ProviderException(
                $"Failed to resolve \"{path}\": {ErrnoText.Of(errno)}");
        }

        try
        {
            var real = Marshal.PtrToStringUTF8(pointer) ?? string.Empty;

            return Root == "/" ? real : ToMachinePath(real);
        }
        finally
        {
            LibC.Free(pointer);
        }
    }

    /// <summary>
    /// The base name of a link's own target, without resolving it (it may dangle); null if not a link.
    /// </summary>
    public string? ReadLinkName(string path)
    {
        string? target;
        if (TextLinks)
        {
            var parent = Walk(Parent(path));
            target = parent is null ? null : TextLinkTarget(HostPath(Join(parent, Name(path))));
        }
        else
        {
            try
            {
                target = new FileInfo(HostPath(path)).LinkTarget;
            }
            catch (IOException ex)
            {
                throw new ProviderException($"Failed to read link \"{path}\": {ex.Message}", ex);
            }
        }

        return target is null ? null : Path.GetFileName(target.TrimEnd('/'));
    }

    /// <summary>The file's text, trimmed. Throws a <see cref="ProviderException"/> naming the file.</summary>
    public string ReadText(string path) => Encoding.UTF8.GetString(ReadBytes(path)).Trim();

    /// <summary>The file's text, trimmed, or null when it cannot be read for any reason.</summary>
    public string? TryReadText(string path)
    {
        try
        {
            return ReadText(path);
        }
        catch (ProviderException)
        {
            return null;
        }
    }

    /// <summary>The file's bytes. Throws a <see cref="ProviderException"/> naming the file.</summary>
    public byte[] ReadBytes(string path)
    {
        try
        {
            var resolved = TextLinks ? Walk(path) : path;
            if (resolved is null)
            {
                throw new FileNotFoundException("no such file or directory");
            }

            // sysfs reports 4096 bytes for every attribute and procfs 0: read to the end, never by length.
            using var stream = new FileStream(
                HostPath(resolved), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer, 4096);

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProviderException($"Failed to read \"{path}\": {Reason(ex)}", ex);
        }
    }

    /// <summary>Entry names of a directory, sorted byte by byte. Throws a <see cref="ProviderException"/>.</summary>
    public IReadOnlyList<string> List(string path)
    {
        try
        {
            var resolved = TextLinks ? Walk(path) : path;
            if (resolved is null)
            {
                throw new DirectoryNotFoundException("no such file or directory");
            }

            var names = new List<string>();
            foreach (var entry in Directory.EnumerateFileSystemEntries(HostPath(resolved)))
            {
                names.Add(Path.GetFileName(entry));
            }

            names.Sort(StringComparer.Ordinal);

            return names;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProviderException($"Failed to list \"{path}\": {Reason(ex)}", ex);
        }
    }

    public static string Join(string directory, string name) =>
        directory.EndsWith('/') ? directory + name : directory + "/" + name;

    public static string Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');

        return slash <= 0 ? "/" : trimmed[..slash];
    }

    public static string Name(string path) => Path.GetFileName(path.TrimEnd('/'));

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };

    private string ToMachinePath(string hostPath)
    {
        if (hostPath == Root)
        {
            return "/";
        }

        return hostPath.StartsWith(Root + "/", StringComparison.Ordinal) ? hostPath[Root.Length..] : hostPath;
    }

    // realpath(3) over text links: null when a component is missing or a link dangles.
    private string? Walk(string path)
    {
        var pending = new Stack<string>();
        PushComponents(pending, path);
        var resolved = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component.Length == 0 || component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                resolved = Parent(resolved);
                continue;
            }

            var candidate = Join(resolved, component);
            var host = HostPath(candidate);
            if (Directory.Exists(host))
            {
                resolved = candidate;
                continue;
            }

            if (!File.Exists(host))
            {
                return null;
            }

            var target = TextLinkTarget(host);
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved = "/";
            }

            PushComponents(pending, target);
        }

        return resolved;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private string? TextLinkTarget(string hostPath) => _textLinks.GetOrAdd(hostPath, ReadTextLink);

    private static string? ReadTextLink(string hostPath)
    {
        var info = new FileInfo(hostPath);
        if (!info.Exists || info.Length is 0 or > MaxTextLinkBytes)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(hostPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return text.StartsWith("../", StringComparison.Ordinal) && !text.TrimEnd('\n').Contains('\n')
            ? text.TrimEnd('\n')
            : null;
    }
}
