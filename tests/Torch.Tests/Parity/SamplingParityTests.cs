using System.Text.Json;
using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Parity;

/// <summary>
/// F.Pad, F.AffineGrid and F.GridSample against PyTorch 1.13 (sampling_reference.py writes the
/// reference): forward values and gradients, every padding and sampling mode, float32 and float64.
/// </summary>
public class SamplingParityTests
{
    private static readonly Lazy<JsonElement> Reference = new(() => ParityJson.Load("sampling_reference.json"));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Reference.Value.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!, c.GetProperty("dtype").GetString()!);
        }

        return data;
    }

    [Fact]
    public void The_reference_comes_from_pytorch_1_13_and_covers_every_mode()
    {
        Reference.Value.GetProperty("torch").GetString().Should().StartWith("1.13");
        var args = Reference.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("args")).ToList();
        args.Where(a => a.TryGetProperty("pad", out _)).Select(a => ParsePadding(a.GetProperty("mode").GetString()!))
            .Distinct().Should().BeEquivalentTo(Enum.GetValues<PaddingMode>());
        args.Where(a => a.TryGetProperty("padding", out _)).Select(a => ParseSampleMode(a.GetProperty("mode").GetString()!))
            .Distinct().Should().BeEquivalentTo(Enum.GetValues<GridSampleMode>());
        args.Where(a => a.TryGetProperty("padding", out _)).Select(a => ParseSamplePadding(a.GetProperty("padding").GetString()!))
            .Distinct().Should().BeEquivalentTo(Enum.GetValues<GridSamplePadding>());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_gradients_match_pytorch(string name, string dtype)
    {
        var c = Reference.Value.GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name && e.GetProperty("dtype").GetString() == dtype);
        using var scope = torch.NewDisposeScope();
        var grads = c.GetProperty("grads");
        var inputs = c.GetProperty("inputs").EnumerateObject()
            .Select(p => (p.Name, Tensor: OpsParityTests.Build(p.Value, requiresGrad: grads.TryGetProperty(p.Name, out _))))
            .ToList();
        var tolerance = ParityJson.Tolerance(ScalarTypeExtensions.Parse(dtype));

        var output = Apply(name, inputs.Select(i => i.Tensor).ToArray(), c.GetProperty("args"));
        (output * OpsParityTests.Build(c.GetProperty("weight"))).Sum().Backward();

        output.Shape.Should().Equal(ParityJson.Shape(c.GetProperty("output")));
        output.DType.ToPyTorchName().Should().Be(dtype);
        ParityJson.AssertClose(ParityJson.Read(output), ParityJson.Values(c.GetProperty("output")), tolerance, $"{name}/{dtype} output");
        foreach (var (input, tensor) in inputs.Where(i => grads.TryGetProperty(i.Name, out _)))
        {
            tensor.Grad.Should().NotBeNull($"{input} requires grad");
            ParityJson.AssertClose(ParityJson.Read(tensor.Grad!), ParityJson.Values(grads.GetProperty(input)), tolerance, $"{name}/{dtype} grad of {input}");
        }
    }

    [Fact]
    public void Bad_arguments_raise_libtorch_errors_with_the_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Zeros([1, 1, 4, 4]);
        var act = () => F.AffineGrid(torch.Zeros([2, 2, 3]), [1, 1, 4, 4]);
        act.Should().Throw<TorchException>().WithMessage("*theta must be [N, 2, 3] with N = 1*");
        var odd = () => F.Pad(x, [1, 2, 3]);
        odd.Should().Throw<ArgumentException>().WithMessage("*pairs*3 values*");
        var tooWide = () => F.Pad(x, [4, 4], PaddingMode.Reflect);
        tooWide.Should().Throw<TorchException>();
    }

    private static Tensor Apply(string name, Tensor[] x, JsonElement a)
    {
        if (name.StartsWith("pad_", StringComparison.Ordinal))
        {
            var pad = a.GetProperty("pad").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            return F.Pad(x[0], pad, ParsePadding(a.GetProperty("mode").GetString()!), a.GetProperty("value").GetDouble());
        }

        if (name.StartsWith("affine_grid", StringComparison.Ordinal))
        {
            var size = a.GetProperty("size").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            return F.AffineGrid(x[0], size, a.GetProperty("alignCorners").GetBoolean());
        }

        return F.GridSample(
            x[0],
            x[1],
            ParseSampleMode(a.GetProperty("mode").GetString()!),
            ParseSamplePadding(a.GetProperty("padding").GetString()!),
            a.GetProperty("alignCorners").GetBoolean());
    }

    private static PaddingMode ParsePadding(string mode) => Enum.Parse<PaddingMode>(mode, ignoreCase: true);

    private static GridSampleMode ParseSampleMode(string mode) => Enum.Parse<GridSampleMode>(mode, ignoreCase: true);

    private static GridSamplePadding ParseSamplePadding(string padding) => Enum.Parse<GridSamplePadding>(padding, ignoreCase: true);
}
