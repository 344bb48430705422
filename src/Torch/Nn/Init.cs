using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Parameter initialization (<c>torch.nn.init</c>). Every function fills the tensor in place
/// without recording gradients, draws from the generator seeded by <see cref="torch.ManualSeed"/>
/// in the same order as PyTorch, and returns the tensor.
/// </summary>
public static class Init
{
    /// <summary>Fills with values drawn from U(<paramref name="a"/>, <paramref name="b"/>) (<c>nn.init.uniform_</c>).</summary>
    public static Tensor Uniform(Tensor tensor, double a = 0.0, double b = 1.0)
    {
        NativeMethods.Check(NativeMethods.crc_nn_init_uniform_(Tensor.H(tensor), a, b));
        return tensor;
    }

    /// <summary>Fills with values drawn from N(<paramref name="mean"/>, <paramref name="std"/>²) (<c>nn.init.normal_</c>).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0.0, double std = 1.0)
    {
        NativeMethods.Check(NativeMethods.crc_nn_init_normal_(Tensor.H(tensor), mean, std));
        return tensor;
    }

    /// <summary>Fills with <paramref name="value"/> (<c>nn.init.constant_</c>).</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        NativeMethods.Check(NativeMethods.crc_nn_init_constant_(Tensor.H(tensor), value));
        return tensor;
    }

    /// <summary>Fills with zeros (<c>nn.init.zeros_</c>).</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0.0);

    /// <summary>Fills with ones (<c>nn.init.ones_</c>).</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1.0);

    /// <summary>
    /// He initialization from U(-bound, bound), bound = gain·√(3/fan) (<c>nn.init.kaiming_uniform_</c>).
    /// <paramref name="a"/> is the negative slope of the following leaky ReLU; PyTorch's layers use
    /// √5, which gives bound = 1/√fan_in.
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0.0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu")
    {
        var std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        var bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound);
    }

    /// <summary>He initialization from N(0, std²), std = gain/√fan (<c>nn.init.kaiming_normal_</c>).</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0.0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu") =>
        Normal(tensor, 0.0, CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode)));

    /// <summary>Glorot initialization from U(-b, b), b = gain·√(6/(fan_in + fan_out)) (<c>nn.init.xavier_uniform_</c>).</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1.0)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound);
    }

    /// <summary>Glorot initialization from N(0, std²), std = gain·√(2/(fan_in + fan_out)) (<c>nn.init.xavier_normal_</c>).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1.0)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return Normal(tensor, 0.0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }

    /// <summary>The recommended gain for a nonlinearity (<c>nn.init.calculate_gain</c>).</summary>
    /// <param name="nonlinearity">linear, conv1d, conv2d, conv_transpose2d, sigmoid, tanh, relu, leaky_relu or selu.</param>
    /// <param name="param">The negative slope for leaky_relu (0.01 when null).</param>
    public static double CalculateGain(string nonlinearity, double? param = null) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1.0,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2.0),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"Unsupported nonlinearity '{nonlinearity}'.", nameof(nonlinearity)),
    };

    /// <summary>
    /// The fans of a weight (<c>nn.init._calculate_fan_in_and_fan_out</c>): for shape
    /// (out, in, k...) fan_in = in·∏k and fan_out = out·∏k.
    /// </summary>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        if (shape.Length < 2)
        {
            throw new ArgumentException($"Fan in and fan out need a tensor with at least 2 dimensions, got shape [{string.Join(", ", shape)}].", nameof(tensor));
        }

        long receptive = 1;
        for (var i = 2; i < shape.Length; i++)
        {
            receptive *= shape[i];
        }

        return (shape[1] * receptive, shape[0] * receptive);
    }

    private static long Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return mode == FanMode.FanIn ? fanIn : fanOut;
    }
}
