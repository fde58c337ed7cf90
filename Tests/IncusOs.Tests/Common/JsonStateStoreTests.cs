using IncusOs.Actors.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace IncusOs.Tests.Common;

public sealed class JsonStateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("state-store-").FullName;

    public sealed record Sample([property: JsonProperty("value")] int Value);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoFile_IsNull()
    {
        var store = new JsonStateStore<Sample>(Path.Combine(_directory, "a.json"), NullLogger.Instance);

        Assert.Null(store.Load());
    }

    [Fact]
    public void Save_TwoGenerations_KeepsPreviousAndMode0600()
    {
        var path = Path.Combine(_directory, "a.json");
        var store = new JsonStateStore<Sample>(path, NullLogger.Instance);

        store.Save(new Sample(1));
        store.Save(new Sample(2));

        Assert.Equal(2, store.Load()!.Value);
        Assert.Contains("\"value\": 1", File.ReadAllText(path + ".prev"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Load_CorruptCurrent_FallsBackToPrevious()
    {
        var path = Path.Combine(_directory, "a.json");
        var store = new JsonStateStore<Sample>(path, NullLogger.Instance);
        store.Save(new Sample(1));
        store.Save(new Sample(2));

        File.WriteAllText(path, "{\"value\": 2");

        Assert.Equal(1, store.Load()!.Value);
    }

    [Fact]
    public void Load_BothCorrupt_MovedAsideAndNull()
    {
        var path = Path.Combine(_directory, "a.json");
        File.WriteAllText(path, "garbage");
        File.WriteAllText(path + ".prev", "");
        var store = new JsonStateStore<Sample>(path, NullLogger.Instance);

        var loaded = store.Load();

        Assert.Null(loaded);
        Assert.False(File.Exists(path));
        Assert.Single(Directory.GetFiles(_directory, "a.json.corrupt-*"));
    }
}
