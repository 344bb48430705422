using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>
/// Entry point of the binding, the C# counterpart of the <c>torch</c> module: tensor creation,
/// seeding, threads and dispose scopes. Split by area across torch.*.cs files.
/// </summary>
#pragma warning disable IDE1006, CA1708, CS8981 // Named like PyTorch's module so `torch.Zeros` reads as `torch.zeros`.
public static partial class torch
#pragma warning restore IDE1006, CA1708, CS8981
{
    /// <summary>The version of libtorch the shim was built against, e.g. "1.13.1".</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.crc_torch_version()) ?? "unknown";

    /// <summary>Opens a scope that disposes every tensor created on this thread until it closes.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Seeds libtorch's CPU and CUDA generators (<c>torch.manual_seed</c>).</summary>
    public static void ManualSeed(long seed) => NativeMethods.Check(NativeMethods.crc_manual_seed(seed));

    /// <summary>
    /// Number of threads libtorch uses inside one op (<c>torch.get_num_threads</c> /
    /// <c>torch.set_num_threads</c>).
    /// </summary>
    public static int NumThreads
    {
        get => NativeMethods.crc_get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeMethods.Check(NativeMethods.crc_set_num_threads(value));
        }
    }

    /// <summary>A tensor with the given elements and shape (<c>torch.tensor(data).reshape(shape)</c>).</summary>
    /// <param name="data">The elements in row-major order; their CLR type decides the dtype.</param>
    /// <param name="shape">The shape; null means one dimension of <c>data.Length</c>.</param>
    /// <param name="device">Where to put it; the CPU by default.</param>
    /// <param name="requiresGrad">Whether autograd records operations on it.</param>
    public static unsafe Tensor Tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        shape ??= [data.Length];
        long count = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count *= d;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} elements but {data.Length} were given.", nameof(shape));
        }

        var dev = device ?? Crucible.Torch.Device.Cpu;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_from_data(p, (int)ElementTypes.Of<T>(), s, shape.Length, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>A tensor with the given elements and shape.</summary>
    public static Tensor Tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Tensor<T>(data.AsSpan(), shape, device, requiresGrad);
    }

    /// <summary>A tensor of zeros (<c>torch.zeros</c>).</summary>
    public static unsafe Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? Crucible.Torch.Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_zeros(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>A tensor of ones (<c>torch.ones</c>).</summary>
    public static unsafe Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? Crucible.Torch.Device.Cpu;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_ones(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>CUDA queries (<c>torch.cuda</c>).</summary>
    public static class Cuda
    {
        /// <summary>True when libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool IsAvailable => NativeMethods.crc_cuda_is_available() == 1;

        /// <summary>Number of visible GPUs (0 without CUDA).</summary>
        public static int DeviceCount => NativeMethods.Check(NativeMethods.crc_cuda_device_count());
    }
}
