using System.Text;
using IncusOs.Daemon.Http;

namespace IncusOs.Tests.Http;

public sealed class EnvelopeTests
{
    [Fact]
    public void Sync_EmptyObject_MatchesReferenceBytes()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Sync(new Dictionary<string, string>()));

        Assert.Equal(
            "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0," +
            "\"error\":\"\",\"metadata\":{}}\n",
            bytes);
    }

    [Fact]
    public void Error_NotFound_MatchesReferenceBytes()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Error(404, "not found"));

        Assert.Equal(
            "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":404," +
            "\"error\":\"not found\",\"metadata\":null}\n",
            bytes);
    }

    [Fact]
    public void Error_HtmlCharacters_EscapedAsGoDoes()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Error(400, "a<b>&\"c\""));

        Assert.Contains("\"error\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\"", bytes);
    }

    [Fact]
    public void Sync_HtmlCharacters_NotEscaped()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Sync(new[] { "<a&b>" }));

        Assert.Contains("[\"<a&b>\"]", bytes);
    }

    [Fact]
    public void Sync_LineSeparators_Escaped()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Sync(new[] { "x\u2028y\u2029" }));

        Assert.Contains("[\"x\\u2028y\\u2029\"]", bytes);
    }

    [Fact]
    public void Sync_Null_IsJsonNull()
    {
        var bytes = Encoding.UTF8.GetString(Envelope.Sync(null));

        Assert.EndsWith("\"metadata\":null}\n", bytes);
    }
}
