using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

public sealed class GoFloatTests
{
    [Theory]
    [InlineData(480.0, "480")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.08, "0.08")]
    [InlineData(0.0, "0")]
    [InlineData(12.0, "12")]
    [InlineData(5000.0, "5000")]
    [InlineData(14.08, "14.08")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(1.25e-10, "1.25e-10")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-1e-7, "-1e-7")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    public void Format_GoEncodingJsonRules_ShortestText(double value, string expected)
    {
        var text = GoFloat.Format(value);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_NaN_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GoFloat.Format(double.NaN));
    }
}
