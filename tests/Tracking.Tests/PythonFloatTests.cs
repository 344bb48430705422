using Crucible.Tracking.FileStore;

namespace Crucible.Tracking.Tests;

public class PythonFloatTests
{
    [Theory]
    [InlineData(0.51, "0.51")]
    [InlineData(42.0, "42.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-0.0015, "-0.0015")]
    [InlineData(123.5, "123.5")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(12345678901234567890.0, "1.2345678901234567e+19")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Formats_as_python_repr(double value, string expected)
    {
        PythonFloat.Format(value).Should().Be(expected);
        var back = PythonFloat.Parse(expected);
        if (double.IsNaN(value))
        {
            double.IsNaN(back).Should().BeTrue();
        }
        else
        {
            back.Should().Be(value);
        }
    }
}
