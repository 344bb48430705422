using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
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

        var dev = device ?? DefaultDevice;
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

    /// <summary>A matrix from a 2-D array (<c>torch.tensor([[..], [..]])</c>).</summary>
    public static Tensor Tensor<T>(T[,] data, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var span = data.Length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length);
        return Tensor(span, [data.GetLength(0), data.GetLength(1)], device, requiresGrad);
    }

    /// <summary>A 0-dimensional tensor holding one value (<c>torch.tensor(3.0)</c>).</summary>
    public static unsafe Tensor ScalarTensor<T>(T value, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_from_data(&value, (int)ElementTypes.Of<T>(), null, 0, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
    }

    /// <summary>An uninitialized tensor (<c>torch.empty</c>).</summary>
    public static unsafe Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_empty(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>A tensor of zeros (<c>torch.zeros</c>).</summary>
    public static unsafe Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_zeros(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>A tensor of ones (<c>torch.ones</c>).</summary>
    public static unsafe Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_ones(s, shape.Length, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>
    /// A tensor filled with <paramref name="value"/> (<c>torch.full</c>). Without a dtype it is
    /// float32 for a floating-point value, int64 for an integer and bool for a bool, as in PyTorch.
    /// </summary>
    public static unsafe Tensor Full(long[] shape, Scalar value, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dev = device ?? DefaultDevice;
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.crc_tensor_full(s, shape.Length, value.Bits, value.KindCode, dtype.HasValue ? (int)dtype.Value : -1, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
        }
    }

    /// <summary>0, 1, ..., end - 1 as int64 unless <paramref name="dtype"/> says otherwise (<c>torch.arange(end)</c>).</summary>
    public static Tensor Arange(long end, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Arange(0L, end, 1L, dtype, device, requiresGrad);

    /// <summary>start, start + step, ... below end, as int64 unless <paramref name="dtype"/> says otherwise (<c>torch.arange</c>).</summary>
    public static Tensor Arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false)
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_arange(start, end, step, 1, dtype.HasValue ? (int)dtype.Value : -1, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
    }

    /// <summary>start, start + step, ... below end, as float32 unless <paramref name="dtype"/> says otherwise (<c>torch.arange</c>).</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false)
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_arange(
            BitConverter.DoubleToInt64Bits(start), BitConverter.DoubleToInt64Bits(end), BitConverter.DoubleToInt64Bits(step), 0,
            dtype.HasValue ? (int)dtype.Value : -1, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive (<c>torch.linspace</c>).</summary>
    public static Tensor Linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_linspace(start, end, steps, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
    }

    /// <summary>An identity matrix of n rows and m columns (m = n by default) (<c>torch.eye</c>).</summary>
    public static Tensor Eye(long n, long? m = null, ScalarType dtype = ScalarType.Float32, Device? device = null, bool requiresGrad = false)
    {
        var dev = device ?? DefaultDevice;
        return new Tensor(NativeMethods.crc_tensor_eye(n, m ?? n, (int)dtype, (int)dev.Type, dev.Index, requiresGrad ? 1 : 0));
    }

    /// <summary>Zeros with the shape of <paramref name="input"/>, and its dtype and device unless given (<c>torch.zeros_like</c>).</summary>
    public static Tensor ZerosLike(Tensor input, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_zeros_like(Crucible.Torch.Tensor.H(input), Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    /// <summary>Ones with the shape of <paramref name="input"/>, and its dtype and device unless given (<c>torch.ones_like</c>).</summary>
    public static Tensor OnesLike(Tensor input, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_ones_like(Crucible.Torch.Tensor.H(input), Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    /// <summary>An uninitialized tensor like <paramref name="input"/> (<c>torch.empty_like</c>).</summary>
    public static Tensor EmptyLike(Tensor input, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_empty_like(Crucible.Torch.Tensor.H(input), Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    /// <summary><paramref name="value"/> everywhere, with the shape of <paramref name="input"/> (<c>torch.full_like</c>).</summary>
    public static Tensor FullLike(Tensor input, Scalar value, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        new(NativeMethods.crc_tensor_full_like(Crucible.Torch.Tensor.H(input), value.Bits, value.KindCode, Code(dtype), DeviceTypeCode(device), DeviceIndex(device), requiresGrad ? 1 : 0));

    private static int Code(ScalarType? dtype) => dtype.HasValue ? (int)dtype.Value : -1;

    private static int DeviceTypeCode(Device? device) => device.HasValue ? (int)device.Value.Type : -1;

    private static int DeviceIndex(Device? device) => device.HasValue ? device.Value.Index : -1;
}
