using IncusOs.Providers.Files;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace IncusOs.Actors.Common;

/// <summary>
/// One actor's state file under the state directory: written atomically with the previous generation
/// kept as <c>NAME.prev</c>. Loading falls back to that generation when the current file is corrupt;
/// when both are unreadable they are moved aside, the error is logged and the defaults are used.
/// </summary>
public sealed class JsonStateStore<T>
    where T : class
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly UnixFileMode _mode;

    public JsonStateStore(string path, ILogger logger, UnixFileMode mode = AtomicFile.OwnerOnly)
    {
        _path = path;
        _logger = logger;
        _mode = mode;
    }

    public string Path => _path;

    /// <summary>Reads the state, or returns null when there has never been one.</summary>
    public T? Load()
    {
        var previous = _path + AtomicFile.PreviousSuffix;
        if (!File.Exists(_path) && !File.Exists(previous))
        {
            return null;
        }

        if (TryRead(_path, out var current))
        {
            return current;
        }

        if (TryRead(previous, out var fallback))
        {
            _logger.LogWarning("State file {Path} is unreadable; using its previous generation", _path);
            return fallback;
        }

        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var file in new[] { _path, previous }.Where(File.Exists))
        {
            File.Move(file, $"{file}.corrupt-{stamp}", overwrite: true);
        }

        _logger.LogError(
            "State file {Path} and its previous generation are unreadable; moved aside, starting from defaults",
            _path);

        return null;
    }

    public void Save(T state)
    {
        var json = JsonConvert.SerializeObject(state, WireJson.Indented) + "\n";
        AtomicFile.WriteText(_path, json, _mode, keepPrevious: true);
    }

    private bool TryRead(string path, out T? value)
    {
        value = null;
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            value = JsonConvert.DeserializeObject<T>(File.ReadAllText(path), WireJson.Settings);
            return value is not null;
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "State file {Path} does not parse", path);
            return false;
        }
    }
}
