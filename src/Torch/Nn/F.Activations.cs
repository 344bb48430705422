using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

public static partial class F
{
    /// <summary><c>max(0, x)</c> (<c>F.relu</c>).</summary>
    public static Tensor Relu(Tensor input) => new(NativeMethods.crc_nn_relu(Tensor.H(input)));

    /// <summary><c>max(0, x) + negativeSlope * min(0, x)</c> (<c>F.leaky_relu</c>).</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01) =>
        new(NativeMethods.crc_nn_leaky_relu(Tensor.H(input), negativeSlope));

    /// <summary><c>x</c> for positive x, <c>alpha * (exp(x) - 1)</c> otherwise (<c>F.elu</c>).</summary>
    public static Tensor Elu(Tensor input, double alpha = 1.0) => new(NativeMethods.crc_nn_elu(Tensor.H(input), alpha));

    /// <summary>
    /// Gaussian error linear unit (<c>F.gelu</c>); <paramref name="approximate"/> is "none" (exact,
    /// with erf) or "tanh".
    /// </summary>
    public static Tensor Gelu(Tensor input, string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException($"Unknown GELU approximation '{approximate}'. Expected \"none\" or \"tanh\".", nameof(approximate));
        }

        return new(NativeMethods.crc_nn_gelu(Tensor.H(input), approximate));
    }

    /// <summary><c>x * sigmoid(x)</c>, also called swish (<c>F.silu</c>).</summary>
    public static Tensor Silu(Tensor input) => new(NativeMethods.crc_nn_silu(Tensor.H(input)));

    /// <summary><c>1 / (1 + exp(-x))</c> (<c>torch.sigmoid</c>).</summary>
    public static Tensor Sigmoid(Tensor input) => new(NativeMethods.crc_nn_sigmoid(Tensor.H(input)));

    /// <summary>Hyperbolic tangent (<c>torch.tanh</c>).</summary>
    public static Tensor Tanh(Tensor input) => new(NativeMethods.crc_nn_tanh(Tensor.H(input)));

    /// <summary>Softmax along <paramref name="dim"/> (<c>F.softmax</c>).</summary>
    public static Tensor Softmax(Tensor input, long dim) => new(NativeMethods.crc_nn_softmax(Tensor.H(input), dim));

    /// <summary>Log of the softmax along <paramref name="dim"/>, computed stably (<c>F.log_softmax</c>).</summary>
    public static Tensor LogSoftmax(Tensor input, long dim) => new(NativeMethods.crc_nn_log_softmax(Tensor.H(input), dim));
}
