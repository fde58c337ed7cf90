using IncusOs.Providers;
using IncusOs.Providers.Journal;

namespace IncusOs.Tests.Journal;

/// <summary>One journalctl line re-encoded as the reference's Go map would be.</summary>
public sealed class JournalJsonTests
{
    [Theory]
    [InlineData(
        "{\"b\":\"2\",\"a\":\"1\",\"_Z\":\"3\",\"__A\":\"4\"}",
        "{\"_Z\":\"3\",\"__A\":\"4\",\"a\":\"1\",\"b\":\"2\"}")]
    [InlineData("{\"M\":\"<&> \\u2028\\u2029 \\u0001\\b\\f\\n\\r\\t\\\"\\\\ é\"}",
        "{\"M\":\"<&> \\u2028\\u2029 \\u0001\\b\\f\\n\\r\\t\\\"\\\\ é\"}")]
    [InlineData("{\"M\":[97,0,255]}", "{\"M\":[97,0,255]}")]
    [InlineData("{\"M\":null,\"N\":1.5,\"O\":1e21,\"P\":1e-7,\"Q\":true}",
        "{\"M\":null,\"N\":1.5,\"O\":1e+21,\"P\":1e-7,\"Q\":true}")]
    [InlineData("{\"M\":\"\\ud800x\"}", "{\"M\":\"\uFFFDx\"}")]
    [InlineData("{\"M\":\"a\",\"M\":\"b\"}", "{\"M\":\"b\"}")]
    [InlineData("  {\"M\":{\"z\":1,\"a\":[{\"y\":2,\"b\":3}]}}  ", "{\"M\":{\"a\":[{\"b\":3,\"y\":2}],\"z\":1}}")]
    public void Normalise_Line_GoEncoding(string line, string expected)
    {
        var normalised = JournalJson.Normalise(line);

        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"M\":\"a\"} trailing")]
    [InlineData("{\"M\":")]
    [InlineData("-- No entries --")]
    public void Normalise_NotOneObject_ProviderException(string line)
    {
        var failure = Record.Exception(() => JournalJson.Normalise(line));

        Assert.IsType<ProviderException>(failure);
        Assert.NotEmpty(failure.Message);
    }
}
