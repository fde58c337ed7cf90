using System.Text;
using IncusOs.Daemon.Http;
using Newtonsoft.Json;

namespace IncusOs.Tests.Http;

public sealed class BodyReaderTests
{
    public sealed class Sample
    {
        [JsonProperty("name")]
        public string? Name { get; set; } = "keep";

        [JsonProperty("count")]
        public int Count { get; set; } = 7;

        [JsonProperty("big")]
        public long Big { get; set; }

        [JsonProperty("flag")]
        public bool Flag { get; set; }

        [JsonProperty("ratio")]
        public double Ratio { get; set; }

        [JsonProperty("tags")]
        public List<string>? Tags { get; set; }

        [JsonProperty("inner")]
        public Sample? Inner { get; set; }
    }

    [Fact]
    public void Decode_EmptyBody_IsEofOrTheEndpointMessage()
    {
        var plain = BodyReader.Decode<Sample>([], null);
        var custom = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes("  \n"), "no drive specified");

        Assert.Equal("400 EOF", plain.Error!.ToString());
        Assert.Equal("400 no drive specified", custom.Error!.ToString());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":\"x\"")]
    [InlineData("nonsense")]
    [InlineData("{'name':}")]
    public void Decode_Malformed_Is400(string body)
    {
        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes(body), null);

        Assert.StartsWith("400 ", result.Error!.ToString());
    }

    [Theory]
    [InlineData("{\"name\":\"x\"} garbage")]
    [InlineData("{\"name\":\"x\"}{}")]
    [InlineData("{\"name\":\"x\"} 1")]
    public void Decode_TrailingBytes_Is400(string body)
    {
        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes(body), null);

        Assert.StartsWith("400 ", result.Error!.ToString());
    }

    [Theory]
    [InlineData("{\"name\":1}", "\"name\"", "string")]
    [InlineData("{\"count\":\"1\"}", "\"count\"", "int")]
    [InlineData("{\"count\":1.5}", "\"count\"", "int")]
    [InlineData("{\"count\":1e3}", "\"count\"", "int")]
    [InlineData("{\"count\":99999999999}", "\"count\"", "int")]
    [InlineData("{\"flag\":\"true\"}", "\"flag\"", "bool")]
    [InlineData("{\"flag\":1}", "\"flag\"", "bool")]
    [InlineData("{\"tags\":[1]}", "\"tags[0]\"", "string")]
    [InlineData("{\"inner\":{\"count\":true}}", "\"inner.count\"", "int")]
    public void Decode_WrongType_Is400NamingTheField(string body, string field, string type)
    {
        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes(body), null);

        var error = result.Error!.ToString();
        Assert.StartsWith("400 json: cannot unmarshal", error);
        Assert.Contains(field, error);
        Assert.EndsWith("of type " + type, error);
    }

    [Fact]
    public void Decode_KeysCaseInsensitive_UnknownIgnored_NullKeepsValue()
    {
        var result = BodyReader.Decode<Sample>(
            Encoding.UTF8.GetBytes("{\"NAME\":\"x\",\"Count\":null,\"other\":[1,{}],\"ratio\":2}"), null);

        var value = result.Value!;
        Assert.Null(result.Error);
        Assert.Equal("x", value.Name);
        Assert.Equal(7, value.Count);
        Assert.Equal(2.0, value.Ratio);
    }

    [Fact]
    public void Decode_DuplicateKeys_LastWins()
    {
        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes("{\"name\":\"a\",\"name\":\"b\"}"), null);

        Assert.Equal("b", result.Value!.Name);
    }

    [Fact]
    public void Decode_NotAnObject_Is400()
    {
        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes("[1,2]"), null);

        Assert.Equal("400 json: cannot unmarshal array into a request object", result.Error!.ToString());
    }

    [Fact]
    public void Decode_DeepNesting_Is400()
    {
        var body = new string('[', 5000) + new string(']', 5000);

        var result = BodyReader.Decode<Sample>(Encoding.UTF8.GetBytes(body), null);

        Assert.StartsWith("400 ", result.Error!.ToString());
    }

    [Fact]
    public void DecodeOnto_Body_ChangesOnlyGivenFields()
    {
        var current = new Sample { Name = "a", Count = 3, Tags = ["x"] };

        var result = BodyReader.DecodeOnto(Encoding.UTF8.GetBytes("{\"count\":4}"), current);

        Assert.Equal("a", result.Value!.Name);
        Assert.Equal(4, result.Value.Count);
        Assert.Equal(3, current.Count);
    }
}
