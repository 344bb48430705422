using System.Globalization;
using System.Text.Json;

namespace Crucible.Torch.Tests.Parity;

/// <summary>
/// Forward values and gradients of tensor ops against PyTorch 1.13 (ops_reference.py writes the
/// reference; float32 within 1e-5 relative, float64 within 1e-10).
/// </summary>
public class OpsParityTests
{
    private static readonly Lazy<JsonElement> Reference = new(() => ParityJson.Load("ops_reference.json"));

    private static readonly Dictionary<string, Func<Tensor[], JsonElement, Tensor>> Ops = new()
    {
        ["add"] = (x, _) => x[0] + x[1],
        ["sub_alpha"] = (x, a) => x[0].Sub(x[1], a.GetProperty("alpha").GetDouble()),
        ["mul"] = (x, _) => x[0] * x[1],
        ["div"] = (x, _) => x[0] / x[1],
        ["add_scalar"] = (x, a) => x[0] + a.GetProperty("s").GetDouble(),
        ["rsub_scalar"] = (x, a) => a.GetProperty("s").GetInt64() - x[0],
        ["rdiv_scalar"] = (x, a) => a.GetProperty("s").GetInt64() / x[0],
        ["mul_scalar"] = (x, a) => x[0] * a.GetProperty("s").GetDouble(),
        ["pow_scalar"] = (x, a) => x[0].Pow(a.GetProperty("s").GetInt64()),
        ["pow_tensor"] = (x, _) => x[0].Pow(x[1]),
        ["neg"] = (x, _) => -x[0],
        ["exp"] = (x, _) => x[0].Exp(),
        ["log"] = (x, _) => x[0].Log(),
        ["sqrt"] = (x, _) => x[0].Sqrt(),
        ["abs"] = (x, _) => x[0].Abs(),
        ["sign"] = (x, _) => x[0].Sign(),
        ["clamp"] = (x, a) => x[0].Clamp(a.GetProperty("min").GetDouble(), a.GetProperty("max").GetDouble()),
        ["sigmoid"] = (x, _) => x[0].Sigmoid(),
        ["tanh"] = (x, _) => x[0].Tanh(),
        ["relu"] = (x, _) => x[0].Relu(),
        ["matmul"] = (x, _) => x[0].MatMul(x[1]),
        ["matmul_broadcast"] = (x, _) => torch.MatMul(x[0], x[1]),
        ["bmm"] = (x, _) => x[0].Bmm(x[1]),
        ["sum_all"] = (x, _) => x[0].Sum(),
        ["sum_dim_keepdim"] = (x, a) => x[0].Sum(a.GetProperty("dim").GetInt64(), keepDim: true),
        ["mean_dim"] = (x, a) => x[0].Mean(a.GetProperty("dim").GetInt64()),
        ["std_dim"] = (x, a) => x[0].Std(a.GetProperty("dim").GetInt64()),
        ["var_all"] = (x, _) => x[0].Var(),
        ["max_dim"] = (x, a) => x[0].Max(a.GetProperty("dim").GetInt64()).Values,
        ["min_all"] = (x, _) => x[0].Min(),
        ["norm"] = (x, _) => x[0].Norm(),
        ["softmax"] = (x, a) => x[0].Softmax(a.GetProperty("dim").GetInt64()),
        ["log_softmax"] = (x, a) => torch.LogSoftmax(x[0], a.GetProperty("dim").GetInt64()),
        ["topk"] = (x, a) => x[0].TopK(a.GetProperty("k").GetInt64(), dim: 1).Values,
        ["gather"] = (x, a) => x[0].Gather(1, Build(a.GetProperty("index"))),
        ["index_select"] = (x, a) => x[0].IndexSelect(1, Build(a.GetProperty("index"))),
        ["masked_fill"] = (x, a) => x[0].MaskedFill(Build(a.GetProperty("mask")), a.GetProperty("value").GetDouble()),
        ["where"] = (x, a) => torch.Where(Build(a.GetProperty("mask")), x[0], x[1]),
        ["cat"] = (x, _) => torch.Cat([x[0], x[1]]),
        ["stack"] = (x, _) => torch.Stack([x[0], x[1]], 1),
        ["transpose_reshape"] = (x, _) => x[0].T().Reshape(2, 3),
        ["expand"] = (x, _) => x[0].Expand(2, 3),
        ["repeat"] = (x, _) => x[0].Repeat(2, 2),
        ["narrow"] = (x, _) => x[0].Narrow(0, 1, 2),
        ["permute"] = (x, _) => x[0].Permute(2, 0, 1),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Reference.Value.GetProperty("ops").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!, c.GetProperty("dtype").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Every_reference_op_has_a_binding_and_the_reference_comes_from_pytorch_1_13()
    {
        Reference.Value.GetProperty("torch").GetString().Should().StartWith("1.13");
        var names = Reference.Value.GetProperty("ops").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).Distinct();
        names.Should().BeEquivalentTo(Ops.Keys);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_gradients_match_pytorch(string name, string dtype)
    {
        var c = Reference.Value.GetProperty("ops").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name && e.GetProperty("dtype").GetString() == dtype);
        using var scope = torch.NewDisposeScope();
        var grads = c.GetProperty("grads");
        var inputs = c.GetProperty("inputs").EnumerateObject()
            .Select(p => (p.Name, Tensor: Build(p.Value, requiresGrad: grads.TryGetProperty(p.Name, out _))))
            .ToList();
        var tolerance = ParityJson.Tolerance(ScalarTypeExtensions.Parse(dtype));

        var output = Ops[name](inputs.Select(i => i.Tensor).ToArray(), c.GetProperty("args"));
        (output * Build(c.GetProperty("weight"))).Sum().Backward();

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
    public void Index_results_match_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        foreach (var c in Reference.Value.GetProperty("nograd").EnumerateArray())
        {
            var x = Build(c.GetProperty("input"));
            var result = c.GetProperty("name").GetString() switch
            {
                "argmax_dim" => x.ArgMax(1),
                "argmin_all" => x.ArgMin(),
                "one_hot" => x.OneHot(4),
                var other => throw new InvalidOperationException(other),
            };

            result.Shape.Should().Equal(ParityJson.Shape(c.GetProperty("output")));
            result.ToArray<long>().Should().Equal(c.GetProperty("output").GetProperty("data").EnumerateArray().Select(e => e.GetInt64()));
        }
    }

    /// <summary>Builds a tensor of any dtype from <c>{"dtype", "shape", "data"}</c>.</summary>
    internal static Tensor Build(JsonElement e, bool requiresGrad = false)
    {
        var dtype = ScalarTypeExtensions.Parse(e.GetProperty("dtype").GetString()!);
        var shape = ParityJson.Shape(e);
        var data = e.GetProperty("data").EnumerateArray().ToList();
        return dtype switch
        {
            ScalarType.Bool => torch.Tensor(data.Select(v => v.GetBoolean()).ToArray(), shape),
            ScalarType.Int64 => torch.Tensor(data.Select(v => v.GetInt64()).ToArray(), shape),
            ScalarType.Float64 => torch.Tensor(data.Select(v => v.GetDouble()).ToArray(), shape, requiresGrad: requiresGrad),
            _ => torch.Tensor(data.Select(v => (float)v.GetDouble()).ToArray(), shape, requiresGrad: requiresGrad),
        };
    }

    internal static double ParsePython(string repr) => repr switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "True" => 1,
        "False" => 0,
        _ => double.Parse(repr, CultureInfo.InvariantCulture),
    };
}
