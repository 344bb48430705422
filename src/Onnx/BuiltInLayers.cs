using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Onnx;

/// <summary>
/// The ONNX form of every layer in <c>Crucible.Torch.Nn</c> that has one, in evaluation mode:
/// dropout is the identity and batch norm uses its running statistics.
/// </summary>
internal static class BuiltInLayers
{
    public static string Export(OnnxGraph g, Module module, string x) => module switch
    {
        Sequential s => s.Aggregate(x, (value, layer) => g.Apply(layer, value)),
        Linear l => Linear(g, l, x),
        Conv1d c => g.Node("Conv", Inputs(g.Initializer(c.Weight), c.Bias is null ? null : g.Initializer(c.Bias), x), ConvAttributes(g, [c.KernelSize], [c.Stride], [c.Padding], [c.Dilation], c.Groups, c.PaddingMode)),
        Conv2d c => g.Node("Conv", Inputs(g.Initializer(c.Weight), c.Bias is null ? null : g.Initializer(c.Bias), x), ConvAttributes(g, D(c.KernelSize), D(c.Stride), D(c.Padding), D(c.Dilation), c.Groups, c.PaddingMode)),
        ConvTranspose2d c => ConvTranspose(g, c, x),
        MaxPool1d p => g.Node("MaxPool", [x], OnnxAttribute.Ints("kernel_shape", p.KernelSize), OnnxAttribute.Ints("strides", p.Stride), OnnxAttribute.Ints("pads", p.Padding, p.Padding), OnnxAttribute.Ints("dilations", p.Dilation), OnnxAttribute.Int("ceil_mode", p.CeilMode ? 1 : 0)),
        MaxPool2d p => g.Node("MaxPool", [x], OnnxAttribute.Ints("kernel_shape", D(p.KernelSize)), OnnxAttribute.Ints("strides", D(p.Stride)), OnnxAttribute.Ints("pads", [.. D(p.Padding), .. D(p.Padding)]), OnnxAttribute.Ints("dilations", D(p.Dilation)), OnnxAttribute.Int("ceil_mode", p.CeilMode ? 1 : 0)),
        AvgPool2d p => AvgPool(g, p, x),
        AdaptiveAvgPool2d p => AdaptiveAvgPool(g, p, x),
        BatchNorm b => BatchNorm(g, b, x),
        LayerNorm n => LayerNorm(g, n, x),
        GroupNorm n => GroupNorm(g, n, x),
        Embedding e => g.Node("Gather", [g.Initializer(e.Weight), g.TypeOf(x) is ScalarType.Int64 or null ? x : g.Node("Cast", [x], OnnxAttribute.Int("to", 7))], OnnxAttribute.Int("axis", 0)),
        Flatten f => Flatten(g, f, x),
        Dropout or Dropout2d => x,
        ReLU => g.Node("Relu", [x]),
        Tanh => g.Node("Tanh", [x]),
        Sigmoid => g.Node("Sigmoid", [x]),
        LeakyReLU r => g.Node("LeakyRelu", [x], OnnxAttribute.Float("alpha", r.NegativeSlope)),
        ELU e => g.Node("Elu", [x], OnnxAttribute.Float("alpha", e.Alpha)),
        GELU gelu => Gelu(g, gelu, x),
        SiLU => g.Node("Mul", [x, g.Node("Sigmoid", [x])]),
        Softmax s => g.Node("Softmax", [x], OnnxAttribute.Int("axis", s.Dim)),
        LogSoftmax s => g.Node("LogSoftmax", [x], OnnxAttribute.Int("axis", s.Dim)),
        RNNBase r => RecurrentLayers.Export(g, r, x),
        _ => throw g.Unsupported($"the exporter has no ONNX form for {module.GetType().Name}; a module of your own becomes exportable by implementing {nameof(IOnnxExportable)}."),
    };

    private static long[] D(Pair pair) => [pair.First, pair.Second];

    private static string[] Inputs(string weight, string? bias, string x) => bias is null ? [x, weight] : [x, weight, bias];

    private static string Linear(OnnxGraph g, Linear l, string x)
    {
        var shape = g.ShapeOf(x);
        if (shape is { Count: 1 })
        {
            // [N, in] -> Gemm computes x Wᵀ + b exactly as F.linear does.
            return g.Node("Gemm", Inputs(g.Initializer(l.Weight), l.Bias is null ? null : g.Initializer(l.Bias), x), OnnxAttribute.Int("transB", 1));
        }

        // Any other rank: the weight applies to the last dimension.
        using var scope = torch.NewDisposeScope();
        var transposed = g.Initializer(l.Weight.Detach().T().Contiguous(), g.LayerPath + ".weight_t");
        var y = g.Node("MatMul", [x, transposed]);
        return l.Bias is null ? y : g.Node("Add", [y, g.Initializer(l.Bias)]);
    }

    private static OnnxAttribute[] ConvAttributes(OnnxGraph g, long[] kernel, long[] stride, long[] padding, long[] dilation, long groups, string? paddingMode)
    {
        long[] begin = padding, end = padding;
        if (paddingMode == "same")
        {
            // PyTorch pads (dilation·(k-1)) in total, the odd one at the end.
            begin = kernel.Select((k, i) => dilation[i] * (k - 1) / 2).ToArray();
            end = kernel.Select((k, i) => (dilation[i] * (k - 1)) - begin[i]).ToArray();
        }
        else if (paddingMode == "valid")
        {
            begin = end = new long[kernel.Length];
        }

        _ = g;
        return
        [
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", stride),
            OnnxAttribute.Ints("pads", [.. begin, .. end]),
            OnnxAttribute.Ints("dilations", dilation),
            OnnxAttribute.Int("group", groups),
        ];
    }

    private static string ConvTranspose(OnnxGraph g, ConvTranspose2d c, string x) =>
        g.Node(
            "ConvTranspose",
            Inputs(g.Initializer(c.Weight), c.Bias is null ? null : g.Initializer(c.Bias), x),
            OnnxAttribute.Ints("kernel_shape", D(c.KernelSize)),
            OnnxAttribute.Ints("strides", D(c.Stride)),
            OnnxAttribute.Ints("pads", [.. D(c.Padding), .. D(c.Padding)]),
            OnnxAttribute.Ints("output_padding", D(c.OutputPadding)),
            OnnxAttribute.Ints("dilations", D(c.Dilation)),
            OnnxAttribute.Int("group", c.Groups));

    private static string AvgPool(OnnxGraph g, AvgPool2d p, string x)
    {
        if (p.DivisorOverride is not null)
        {
            throw g.Unsupported("divisor_override has no ONNX AveragePool form.");
        }

        return g.Node(
            "AveragePool",
            [x],
            OnnxAttribute.Ints("kernel_shape", D(p.KernelSize)),
            OnnxAttribute.Ints("strides", D(p.Stride)),
            OnnxAttribute.Ints("pads", [.. D(p.Padding), .. D(p.Padding)]),
            OnnxAttribute.Int("ceil_mode", p.CeilMode ? 1 : 0),
            OnnxAttribute.Int("count_include_pad", p.CountIncludePad ? 1 : 0));
    }

    private static string AdaptiveAvgPool(OnnxGraph g, AdaptiveAvgPool2d p, string x)
    {
        if (p.OutputSize == new Pair(1, 1))
        {
            return g.Node("GlobalAveragePool", [x]);
        }

        // An adaptive pool is a plain one when the output divides the input.
        if (g.ShapeOf(x) is { Count: 3 } s && s[1] % p.OutputSize.First == 0 && s[2] % p.OutputSize.Second == 0)
        {
            long[] window = [s[1] / p.OutputSize.First, s[2] / p.OutputSize.Second];
            return g.Node("AveragePool", [x], OnnxAttribute.Ints("kernel_shape", window), OnnxAttribute.Ints("strides", window));
        }

        throw g.Unsupported($"an adaptive pool to {p.OutputSize} is an ONNX AveragePool only when it divides the input's height and width.");
    }

    private static string BatchNorm(OnnxGraph g, BatchNorm b, string x)
    {
        if (!b.TrackRunningStats)
        {
            throw g.Unsupported("without running statistics (track_running_stats=False) it normalizes with each batch's statistics even in evaluation, which has no ONNX form.");
        }

        using var scope = torch.NewDisposeScope();
        var scale = b.Weight is null ? g.Initializer(torch.Ones([b.NumFeatures], b.RunningMean!.DType), g.LayerPath + ".weight") : g.Initializer(b.Weight);
        var bias = b.Bias is null ? g.Initializer(torch.Zeros([b.NumFeatures], b.RunningMean!.DType), g.LayerPath + ".bias") : g.Initializer(b.Bias);
        return g.Node("BatchNormalization", [x, scale, bias, g.Initializer(b.RunningMean!), g.Initializer(b.RunningVar!)], OnnxAttribute.Float("epsilon", b.Eps));
    }

    private static string LayerNorm(OnnxGraph g, LayerNorm n, string x)
    {
        using var scope = torch.NewDisposeScope();
        long[] shape = [.. n.NormalizedShape];
        var type = g.TypeOf(x) ?? ScalarType.Float32;
        var scale = n.Weight is null ? g.Initializer(torch.Ones(shape, type), g.LayerPath + ".weight") : g.Initializer(n.Weight);
        var bias = n.Bias is null ? g.Initializer(torch.Zeros(shape, type), g.LayerPath + ".bias") : g.Initializer(n.Bias);
        return g.Node("LayerNormalization", [x, scale, bias], OnnxAttribute.Int("axis", -shape.Length), OnnxAttribute.Float("epsilon", n.Eps));
    }

    private static string GroupNorm(OnnxGraph g, GroupNorm n, string x)
    {
        // [N, C, *] -> [N, G, C/G·*], normalized over the last axis without affine, then back and per-channel affine.
        var shape = g.ShapeOf(x) ?? throw g.Unsupported("the input shape is unknown.");
        var type = g.TypeOf(x) ?? ScalarType.Float32;
        using var scope = torch.NewDisposeScope();
        var grouped = g.Node("Reshape", [x, g.Constant(0, n.NumGroups, -1)]);
        var ones = g.Initializer(torch.Ones([1], type), g.LayerPath + ".one");
        var zeros = g.Initializer(torch.Zeros([1], type), g.LayerPath + ".zero");
        var normalized = g.Node("LayerNormalization", [grouped, ones, zeros], OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", n.Eps));
        var y = g.Node("Reshape", [normalized, g.Constant([0, .. shape])]);
        if (!n.Affine)
        {
            return y;
        }

        // The per-channel weight broadcasts as [C, 1, ..., 1].
        long[] channelShape = [n.NumChannels, .. Enumerable.Repeat(1L, shape.Count - 1)];
        var weight = g.Node("Reshape", [g.Initializer(n.Weight!), g.Constant(channelShape)]);
        var bias = g.Node("Reshape", [g.Initializer(n.Bias!), g.Constant(channelShape)]);
        return g.Node("Add", [g.Node("Mul", [y, weight]), bias]);
    }

    private static string Flatten(OnnxGraph g, Flatten f, string x)
    {
        var shape = g.ShapeOf(x);
        var rank = (shape?.Count ?? -1) + 1;
        var start = f.StartDim < 0 && rank > 0 ? f.StartDim + rank : f.StartDim;
        var end = f.EndDim < 0 && rank > 0 ? f.EndDim + rank : f.EndDim;
        if (start == 1 && (f.EndDim == -1 || end == rank - 1))
        {
            return g.Node("Flatten", [x], OnnxAttribute.Int("axis", 1));
        }

        if (shape is null)
        {
            throw g.Unsupported($"flattening dimensions {f.StartDim}..{f.EndDim} needs the input shape, which is unknown here.");
        }

        if (start > end)
        {
            return x;
        }

        // Full shape [N, s...]; the batch dimension is copied (0) or, when merged, inferred (-1).
        long[] full = [0, .. shape];
        var target = new List<long>();
        for (var d = 0; d < rank; d++)
        {
            if (d < start || d > end)
            {
                target.Add(full[d]);
            }
            else if (d == start)
            {
                target.Add(start == 0 ? -1 : full[(int)start..((int)end + 1)].Aggregate(1L, (a, b) => a * b));
            }
        }

        return g.Node("Reshape", [x, g.Constant([.. target])]);
    }

    private static string Gelu(OnnxGraph g, GELU gelu, string x)
    {
        // Opset 17 has no Gelu: 0.5·x·(1 + erf(x/√2)), or with tanh ≈ 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
        var type = g.TypeOf(x) ?? ScalarType.Float32;
        string inner;
        if (gelu.Approximate == "tanh")
        {
            var cube = g.Node("Mul", [g.Node("Mul", [x, x]), x]);
            var sum = g.Node("Add", [x, g.Node("Mul", [cube, g.Scalar(0.044715, type)])]);
            inner = g.Node("Tanh", [g.Node("Mul", [sum, g.Scalar(Math.Sqrt(2 / Math.PI), type)])]);
        }
        else
        {
            inner = g.Node("Erf", [g.Node("Mul", [x, g.Scalar(1 / Math.Sqrt(2), type)])]);
        }

        var onePlus = g.Node("Add", [inner, g.Scalar(1, type)]);
        return g.Node("Mul", [g.Node("Mul", [x, g.Scalar(0.5, type)]), onePlus]);
    }
}
