using IncusOs.Actors.Debug;
using IncusOs.Providers.Journal;

namespace IncusOs.Tests.Debug;

/// <summary>
/// The query string of <c>GET /1.0/debug/log</c>, read as Go's <c>url.ParseQuery</c> (debug.md §2.1).
/// </summary>
public sealed class LogQueryStringTests
{
    [Theory]
    [InlineData("", null, "0", null)]
    [InlineData("?unit=incus.service&entries=50", "incus.service", "0", "50")]
    [InlineData("boot=-1", null, "-1", null)]
    [InlineData("?boot=", null, "0", null)]
    [InlineData("?unit=&entries=", null, "0", null)]
    [InlineData("?unit=a&unit=b", "a", "0", null)]
    [InlineData("?Unit=a&BOOT=1", null, "0", null)]
    [InlineData("?unit=incus%2Dosd+x&boot=%2D1", "incus-osd x", "-1", null)]
    [InlineData("?unit&&boot=2&x=%41", null, "2", null)]
    [InlineData("?unit=%C3%A9", "é", "0", null)]
    public void Parse_Query_FirstNonEmptyValues(string raw, string? unit, string boot, string? entries)
    {
        var (query, error) = LogQueryString.Parse(raw);

        Assert.Null(error);
        Assert.Equal(unit, query!.Unit);
        Assert.Equal(boot, query.Boot);
        Assert.Equal(entries, query.Entries);
    }

    [Theory]
    [InlineData("?unit=%zz", "invalid URL escape \"%zz\"")]
    [InlineData("?boot=1&unit=%4", "invalid URL escape \"%4\"")]
    [InlineData("?boot=1;unit=x", "invalid semicolon separator in query")]
    [InlineData("?%=1", "invalid URL escape \"%\"")]
    public void Parse_Undecodable_GoParseError(string raw, string message)
    {
        var (query, error) = LogQueryString.Parse(raw);

        Assert.Null(query);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("0", null, null)]
    [InlineData("-1", "+5", "incus-osd")]
    [InlineData("all", "all", "incus-*.service")]
    [InlineData("3f0c6d1c2b7a4e0f9a1b2c3d4e5f6a7b", "50", "incus-osd x")]
    [InlineData("3f0c6d1c2b7a4e0f9a1b2c3d4e5f6a7b-2", "0", "é")]
    public void Check_ValuesJournalctlTakes_Null(string boot, string? entries, string? unit)
    {
        Assert.Null(LogQueryString.Check(new JournalQuery(unit, boot, entries)));
    }

    [Theory]
    [InlineData("yesterday", null, null, "invalid boot \"yesterday\"")]
    [InlineData("3f0c6d1c2b7a4e0f9a1b2c3d4e5f6a7bx", null, null, "invalid boot ")]
    [InlineData("0", "-5", null, "invalid entries \"-5\"")]
    [InlineData("0", "9999999999999999999999999999999999999999", null, "invalid entries ")]
    [InlineData("0", null, "incus\n", "invalid unit: control characters")]
    public void Check_MalformedValue_NamesTheField(string boot, string? entries, string? unit, string start)
    {
        Assert.StartsWith(start, LogQueryString.Check(new JournalQuery(unit, boot, entries)));
    }

    [Fact]
    public void Check_UnitLongerThanAUnitName_Refused()
    {
        Assert.Equal(
            "invalid unit: longer than 256 characters",
            LogQueryString.Check(new JournalQuery(new string('a', 257), "0", null)));
    }
}
