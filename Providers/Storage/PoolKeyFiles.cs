using System.Security.Cryptography;
using IncusOs.Providers.Files;

namespace IncusOs.Providers.Storage;

/// <summary>Pool keys as files <c>zpool.POOL.key</c> in one directory, the same on a host and in simulation.</summary>
public sealed class PoolKeyFiles : IPoolKeyStore
{
    /// <summary>Where the reference keeps the keys on a host.</summary>
    public const string HostDirectory = "/var/lib/incus-os";

    private const string Prefix = "zpool.";
    private const string Suffix = ".key";
    private const int KeyBytes = 32;

    public PoolKeyFiles(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string PathOf(string pool) => Path.Combine(Directory, Prefix + pool + Suffix);

    public bool Exists(string pool) => File.Exists(PathOf(pool));

    public void Create(string pool)
    {
        var path = PathOf(pool);
        if (File.Exists(path))
        {
            throw new ProviderException($"encryption key for '{pool}' already exists");
        }

        var key = new byte[KeyBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            AtomicFile.Write(path, key, AtomicFile.OwnerOnly);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Delete(string pool)
    {
        var path = PathOf(pool);
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        AtomicFile.FsyncDirectory(Directory);
    }

    public IReadOnlyDictionary<string, byte[]> ReadAll()
    {
        var keys = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(Directory))
        {
            return keys;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Suffix))
        {
            var file = Path.GetFileName(path);
            var pool = file[Prefix.Length..^Suffix.Length];
            if (pool.Length > 0)
            {
                keys[pool] = File.ReadAllBytes(path);
            }
        }

        return keys;
    }
}
