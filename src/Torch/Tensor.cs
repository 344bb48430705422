using System.Runtime.CompilerServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>
/// A multi-dimensional array on a device, with autograd: the C# face of <c>torch.Tensor</c>.
/// It owns one native tensor through a <see cref="System.Runtime.InteropServices.SafeHandle"/>;
/// dispose it, or create it inside a <see cref="DisposeScope"/>, to free native memory promptly.
/// The class is split by area across Tensor.*.cs files.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    // Shapes up to this rank are read through a stack buffer: one native call, no extra allocation.
    private const int InlineRank = 8;

    private readonly TensorHandle handle;

    internal Tensor(TensorHandle handle)
    {
        this.handle = NativeMethods.Check(handle);
        DisposeScope.Register(this);
    }

    /// <summary>The scope that will dispose this tensor, or null.</summary>
    internal DisposeScope? Scope { get; set; }

    /// <summary>The native handle; throws <see cref="ObjectDisposedException"/> once disposed.</summary>
    internal TensorHandle Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle;
        }
    }

    /// <summary>The native handle without the disposed check: for releasing a hold taken through <see cref="Handle"/>.</summary>
    internal TensorHandle HeldHandle => handle;

    /// <summary>True once the native tensor has been freed.</summary>
    public bool IsDisposed => handle.IsClosed;

    /// <summary>Number of dimensions (<c>tensor.dim()</c>).</summary>
    public int Dim => NativeMethods.Check(NativeMethods.crc_tensor_dim(Handle));

    /// <summary>The sizes of every dimension (<c>tensor.shape</c>); a new array on every call.</summary>
    public unsafe long[] Shape
    {
        get
        {
            long* buffer = stackalloc long[InlineRank];
            var rank = NativeMethods.Check(NativeMethods.crc_tensor_sizes(Handle, buffer, InlineRank));
            var shape = new long[rank];
            if (rank <= InlineRank)
            {
                new ReadOnlySpan<long>(buffer, rank).CopyTo(shape);
                return shape;
            }

            fixed (long* p = shape)
            {
                NativeMethods.Check(NativeMethods.crc_tensor_sizes(Handle, p, rank));
            }

            return shape;
        }
    }

    /// <summary>The strides of every dimension, in elements (<c>tensor.stride()</c>).</summary>
    public unsafe long[] Strides
    {
        get
        {
            var strides = new long[Dim];
            fixed (long* p = strides)
            {
                NativeMethods.Check(NativeMethods.crc_tensor_strides(Handle, p, strides.Length));
            }

            return strides;
        }
    }

    /// <summary>The size of one dimension (<c>tensor.size(dim)</c>); negative counts from the end.</summary>
    public long Size(long dim) => NativeMethods.Check(NativeMethods.crc_tensor_size(Handle, dim));

    /// <summary>Total number of elements (<c>tensor.numel()</c>).</summary>
    public long NumEl => NativeMethods.Check(NativeMethods.crc_tensor_numel(Handle));

    /// <summary>The element type (<c>tensor.dtype</c>).</summary>
    public ScalarType DType => (ScalarType)NativeMethods.Check(NativeMethods.crc_tensor_dtype(Handle));

    /// <summary>The device holding the data (<c>tensor.device</c>).</summary>
    public Device Device
    {
        get
        {
            var packed = NativeMethods.Check(NativeMethods.crc_tensor_device(Handle));
            return new Device((DeviceType)(packed & 0xFFFF), (packed >> 16) - 1);
        }
    }

    /// <summary>True when the elements are laid out densely in row-major order (<c>tensor.is_contiguous()</c>).</summary>
    public bool IsContiguous => NativeMethods.Check(NativeMethods.crc_tensor_is_contiguous(Handle)) == 1;

    /// <summary>
    /// Moves this tensor from its dispose scope to the enclosing one (or to none, when its scope is
    /// outermost), so it survives the scope it was created in. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuter()
    {
        var outer = Scope?.Outer;
        Scope = null;
        outer?.Adopt(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: the caller now owns it. Returns this tensor.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Frees the native tensor. Safe to call more than once.</summary>
    public void Dispose() => handle.Dispose();

    /// <summary>Copies the elements, in row-major order, to a new array. <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public unsafe T[] ToArray<T>()
        where T : unmanaged
    {
        EnsureElementType<T>();
        var result = new T[NumEl];
        fixed (T* p = result)
        {
            NativeMethods.Check(NativeMethods.crc_tensor_copy_to(Handle, p, result.LongLength));
        }

        return result;
    }

    /// <summary>
    /// The value of a one-element tensor (<c>tensor.item()</c>), converted to <typeparamref name="T"/>
    /// when the element type differs (e.g. <c>Item&lt;double&gt;()</c> of a float32 loss).
    /// </summary>
    public unsafe T Item<T>()
        where T : unmanaged
    {
        if (ElementTypes.Of<T>() == DType)
        {
            T value;
            if (NativeMethods.crc_tensor_copy_to(Handle, &value, 1) < 0)
            {
                _ = NativeMethods.LastError();
                throw new InvalidOperationException($"Item() needs a tensor with one element, but this one has shape [{string.Join(", ", Shape)}].");
            }

            return value;
        }

        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(byte))
        {
            NativeMethods.Check(NativeMethods.crc_tensor_item_int64(Handle, out var integer));
            return typeof(T) == typeof(long) ? (T)(object)integer
                : typeof(T) == typeof(int) ? (T)(object)checked((int)integer)
                : (T)(object)checked((byte)integer);
        }

        NativeMethods.Check(NativeMethods.crc_tensor_item_double(Handle, out var real));
        return typeof(T) == typeof(double) ? (T)(object)real
            : typeof(T) == typeof(float) ? (T)(object)(float)real
            : typeof(T) == typeof(Half) ? (T)(object)(Half)real
            : (T)(object)(real != 0);
    }

    /// <summary>A copy with its own storage, still connected to the autograd graph (<c>tensor.clone()</c>).</summary>
    public Tensor Clone() => new(NativeMethods.crc_tensor_clone(Handle));

    /// <summary>This tensor if already contiguous, else a contiguous copy (<c>tensor.contiguous()</c>).</summary>
    public Tensor Contiguous() => new(NativeMethods.crc_tensor_contiguous(Handle));

    /// <summary>
    /// A second C# handle to this very tensor (same storage, same autograd identity), with its own
    /// lifetime: disposing one leaves the other usable.
    /// </summary>
    public Tensor Alias() => new(NativeMethods.crc_tensor_alias(Handle));

    /// <summary>
    /// Replaces this tensor's data with <paramref name="source"/>'s (<c>tensor.data = source</c>),
    /// keeping its identity, gradient requirement and registrations: how a module moves its
    /// parameters to another device or dtype in place.
    /// </summary>
    public void SetData(Tensor source) => NativeMethods.Check(NativeMethods.crc_tensor_set_data(Handle, H(source)));

    /// <summary>Converts to another element type, keeping the device (<c>tensor.to(dtype)</c>).</summary>
    public Tensor To(ScalarType dtype, bool copy = false)
    {
        var device = Device;
        return new(NativeMethods.crc_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, copy ? 1 : 0));
    }

    /// <summary>Moves to another device, keeping the element type (<c>tensor.to(device)</c>).</summary>
    public Tensor To(Device device, bool copy = false) =>
        new(NativeMethods.crc_tensor_to(Handle, (int)DType, (int)device.Type, device.Index, copy ? 1 : 0));

    /// <summary>Converts element type and device at once (<c>tensor.to(device, dtype)</c>).</summary>
    public Tensor To(Device device, ScalarType dtype, bool copy = false) =>
        new(NativeMethods.crc_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, copy ? 1 : 0));

    /// <summary>Moves to the CPU (<c>tensor.cpu()</c>).</summary>
    public Tensor Cpu() => To(Device.Cpu);

    /// <summary>Moves to a CUDA device (<c>tensor.cuda()</c>).</summary>
    public Tensor Cuda(int index = -1) => To(new Device(DeviceType.Cuda, index));

    /// <summary>True when both have the same shape and elements (<c>torch.equal</c>).</summary>
    public bool Equal(Tensor other) => NativeMethods.Check(NativeMethods.crc_tensor_equal(Handle, H(other))) == 1;

    /// <summary>True when all elements are close (<c>torch.allclose</c>).</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        NativeMethods.Check(NativeMethods.crc_tensor_allclose(Handle, H(other), rtol, atol, equalNan ? 1 : 0)) == 1;

    private void EnsureElementType<T>()
        where T : unmanaged
    {
        var expected = ElementTypes.Of<T>();
        var actual = DType;
        if (expected != actual)
        {
            throw new InvalidOperationException(
                $"The tensor holds {actual.ToPyTorchName()} elements, not {typeof(T).Name}; convert it with To(ScalarType.{expected}) first or read it as {ElementTypes.ClrName(actual)}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TensorHandle H(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Handle;
    }

    /// <summary>Wraps a result of the shim, or throws its error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Tensor Wrap(TensorHandle handle) => new(handle);
}
