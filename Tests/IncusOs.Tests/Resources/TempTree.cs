namespace IncusOs.Tests.Resources;

/// <summary>A small fake root (sysfs, procfs, /dev) built in a temp directory and deleted afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("resources-tree-").FullName;
    }

    public string Root { get; }

    /// <summary>Writes a file (parents created) at a machine path such as <c>/sys/class/net/eth0/type</c>.</summary>
    public TempTree File(string path, string content)
    {
        var host = Root + path;
        Directory.CreateDirectory(Path.GetDirectoryName(host)!);
        System.IO.File.WriteAllText(host, content);

        return this;
    }

    public TempTree Dir(string path)
    {
        Directory.CreateDirectory(Root + path);

        return this;
    }

    /// <summary>A real symlink with a relative target, or (<paramref name="asText"/>) a text file holding it.</summary>
    public TempTree Link(string path, string target, bool asText = false)
    {
        var host = Root + path;
        Directory.CreateDirectory(Path.GetDirectoryName(host)!);
        if (asText)
        {
            System.IO.File.WriteAllText(host, target);
        }
        else
        {
            System.IO.File.CreateSymbolicLink(host, target);
        }

        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
