using System.Globalization;
using System.Text.Json;

namespace Crucible.Torch.Tests.Nn;

/// <summary>
/// Elementwise comparison with PyTorch's reference values: |actual - expected| ≤ atol + rtol·|expected|.
/// float32: rtol 1e-5 with an absolute floor of 1e-6 (values near zero, e.g. a gradient that
/// cancels, carry float32 rounding noise of about 1e-7 relative to the larger terms that cancelled);
/// float64: rtol 1e-10, atol 1e-12.
/// </summary>
internal static class NumericAssert
{
    public static (double Rtol, double Atol) TolerancesFor(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => (1e-10, 1e-12),
        _ => (1e-5, 1e-6),
    };

    public static void Close(Tensor actual, JsonElement expected, string what)
    {
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        actual.Shape.Should().Equal(shape, $"{what}: shape");
        var dtype = ScalarTypeExtensions.Parse(expected.GetProperty("dtype").GetString()!);
        actual.DType.Should().Be(dtype, $"{what}: dtype");
        var want = expected.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] got = dtype switch
        {
            ScalarType.Float32 => [.. actual.ToArray<float>().Select(v => (double)v)],
            ScalarType.Float64 => actual.ToArray<double>(),
            ScalarType.Int64 => [.. actual.ToArray<long>().Select(v => (double)v)],
            _ => throw new NotSupportedException(dtype.ToString()),
        };
        var (rtol, atol) = TolerancesFor(dtype);
        for (var i = 0; i < want.Length; i++)
        {
            var diff = Math.Abs(got[i] - want[i]);
            if (!(diff <= atol + (rtol * Math.Abs(want[i]))))
            {
                throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}: element {i} is {got[i]:R}, PyTorch gives {want[i]:R} (difference {diff:E2}, allowed {atol + (rtol * Math.Abs(want[i])):E2})."));
            }
        }
    }
}
