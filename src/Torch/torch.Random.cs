using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>Samples from the standard normal distribution (<c>torch.randn</c>), using the seeded generator.</summary>
    public static unsafe Tensor Randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_randn(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>Samples uniformly from [0, 1) (<c>torch.rand</c>), using the seeded generator.</summary>
    public static unsafe Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_rand(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>Integers drawn uniformly from [low, high), int64 by default (<c>torch.randint</c>).</summary>
    public static unsafe Tensor RandInt(long low, long high, long[] shape, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_randint(low, high, s, shape.Length, (int)dtype, (int)dev.Type, dev.Index));
        }
    }

    /// <summary>Integers drawn uniformly from [0, high) (<c>torch.randint(high, shape)</c>).</summary>
    public static Tensor RandInt(long high, long[] shape, ScalarType dtype = ScalarType.Int64, Device? device = null) =>
        RandInt(0, high, shape, dtype, device);

    /// <summary>A random permutation of 0..n-1 (<c>torch.randperm</c>).</summary>
    public static Tensor RandPerm(long n, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_randperm(n, (int)dtype, (int)dev.Type, dev.Index));
    }

    /// <summary>Uniform samples with the shape of <paramref name="input"/> (<c>torch.rand_like</c>).</summary>
    public static Tensor RandLike(Tensor input, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_rand_like(Crucible.Torch.Tensor.H(input), Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    /// <summary>Normal samples with the shape of <paramref name="input"/> (<c>torch.randn_like</c>).</summary>
    public static Tensor RandnLike(Tensor input, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_randn_like(Crucible.Torch.Tensor.H(input), Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    /// <summary>
    /// The CPU generator's state as a uint8 tensor (<c>torch.get_rng_state</c>), to store in a
    /// checkpoint; <see cref="SetRngState"/> restores it so a resumed run draws the same numbers.
    /// </summary>
    public static Tensor GetRngState() => new(NativeMethods.crc_rng_get_state((int)Crucible.Torch.DeviceType.Cpu, -1));

    /// <summary>Restores the CPU generator's state (<c>torch.set_rng_state</c>).</summary>
    public static void SetRngState(Tensor state) =>
        NativeMethods.Check(NativeMethods.crc_rng_set_state((int)Crucible.Torch.DeviceType.Cpu, -1, Crucible.Torch.Tensor.H(state)));
}
