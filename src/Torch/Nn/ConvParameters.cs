namespace Crucible.Torch.Nn;

/// <summary>Creation and default initialization shared by the convolution layers (PyTorch's <c>_ConvNd</c>).</summary>
internal static class ConvParameters
{
    public static (Tensor Weight, Tensor? Bias) Create(Module owner, long inChannels, long outChannels, long[] kernel, long groups, bool transposed, bool bias, Device? device, ScalarType? dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"in_channels ({inChannels}) and out_channels ({outChannels}) must both be divisible by groups ({groups}).", nameof(groups));
        }

        foreach (var k in kernel)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(kernel));
        }

        var type = dtype ?? ScalarType.Float32;
        long[] shape = transposed ? [inChannels, outChannels / groups, .. kernel] : [outChannels, inChannels / groups, .. kernel];
        var weight = Register(owner, "weight", torch.Zeros(shape, type, device));
        var b = bias ? Register(owner, "bias", torch.Zeros([outChannels], type, device)) : null;
        Reset(weight, b);
        return (weight, b);
    }

    public static void Reset(Tensor weight, Tensor? bias)
    {
        Init.KaimingUniform(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            var (fanIn, _) = Init.CalculateFanInAndFanOut(weight);
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform(bias, -bound, bound);
        }
    }

    private static Tensor Register(Module owner, string name, Tensor tensor) => owner.RegisterParameterInternal(name, tensor);
}
