namespace IncusOs.Providers.Security;

/// <summary>Reads pool keys from a directory of <c>zpool.&lt;pool&gt;.key</c> files (storage.md §7).</summary>
public sealed class PoolKeyDirectory : IPoolKeySource
{
    private readonly string _directory;

    public PoolKeyDirectory(string directory)
    {
        _directory = directory;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetRecoveryKeysAsync(CancellationToken cancellationToken)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(_directory, "zpool.*.key");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoFileError.From("open", _directory, ex);
        }

        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var pool = name["zpool.".Length..^".key".Length];
            if (pool.Length == 0)
            {
                continue;
            }

            try
            {
                keys[pool] = Convert.ToBase64String(await File.ReadAllBytesAsync(file, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw GoFileError.From("open", file, ex);
            }
        }

        return keys;
    }
}
