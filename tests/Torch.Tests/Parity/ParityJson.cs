using System.Text.Json;

namespace Crucible.Torch.Tests.Parity;

/// <summary>Reads the reference files written by the *_reference.py scripts beside this file.</summary>
internal static class ParityJson
{
    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Parity", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Reference file {path} is missing; regenerate it with /usr/bin/python3 tests/Torch.Tests/Parity/{Path.ChangeExtension(fileName, ".py")}.", path);
        }

        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.Clone();
    }

    /// <summary>Builds a tensor from <c>{"dtype", "shape", "data"}</c>.</summary>
    public static Tensor ToTensor(JsonElement element, bool requiresGrad = false)
    {
        var dtype = ScalarTypeExtensions.Parse(element.GetProperty("dtype").GetString()!);
        var shape = element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var data = element.GetProperty("data");
        return dtype switch
        {
            ScalarType.Float32 => torch.Tensor(data.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray(), shape, requiresGrad: requiresGrad),
            ScalarType.Float64 => torch.Tensor(data.EnumerateArray().Select(e => e.GetDouble()).ToArray(), shape, requiresGrad: requiresGrad),
            ScalarType.Int64 => torch.Tensor(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape),
            _ => throw new NotSupportedException($"dtype {dtype} in a reference file"),
        };
    }

    public static double[] Values(JsonElement element) =>
        element.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Shape(JsonElement element) =>
        element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    /// <summary>The values of a float32 or float64 tensor as doubles.</summary>
    public static double[] Read(Tensor tensor) => tensor.DType switch
    {
        ScalarType.Float32 => tensor.ToArray<float>().Select(v => (double)v).ToArray(),
        ScalarType.Float64 => tensor.ToArray<double>(),
        _ => throw new NotSupportedException($"dtype {tensor.DType}"),
    };

    /// <summary>The relative tolerance of the issue: 1e-5 in float32, 1e-10 in float64.</summary>
    public static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-10 : 1e-5;

    /// <summary>
    /// Asserts <c>|actual - expected| &lt;= rtol (|expected| + 1e-3)</c> elementwise: relative, with a
    /// floor a thousand times below the unit scale so values that should be zero still compare.
    /// </summary>
    public static void AssertClose(double[] actual, double[] expected, double rtol, string what)
    {
        actual.Length.Should().Be(expected.Length, $"{what} has as many elements as the reference");
        for (var i = 0; i < actual.Length; i++)
        {
            var diff = Math.Abs(actual[i] - expected[i]);
            if (!(diff <= rtol * (Math.Abs(expected[i]) + 1e-3)))
            {
                throw new Xunit.Sdk.XunitException($"{what}[{i}] = {actual[i]:R}, PyTorch gives {expected[i]:R} (difference {diff:E3}, tolerance {rtol:E0} relative).");
            }
        }
    }
}
