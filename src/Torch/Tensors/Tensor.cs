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
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle;
        }
    }

    /// <summary>True once the native tensor has been freed.</summary>
    public bool IsDisposed => handle.IsClosed;

    /// <summary>Number of dimensions (<c>tensor.dim()</c>).</summary>
    public int Dim => NativeMethods.Check(NativeMethods.crc_tensor_dim(Handle));

    /// <summary>The sizes of every dimension (<c>tensor.shape</c>).</summary>
    public unsafe long[] Shape
    {
        get
        {
            var shape = new long[Dim];
            fixed (long* p = shape)
            {
                NativeMethods.Check(NativeMethods.crc_tensor_sizes(Handle, p));
            }

            return shape;
        }
    }

    /// <summary>Total number of elements (<c>tensor.numel()</c>).</summary>
    public long NumEl => NativeMethods.Check(NativeMethods.crc_tensor_numel(Handle));

    /// <summary>The element type (<c>tensor.dtype</c>).</summary>
    public ScalarType DType => (ScalarType)NativeMethods.Check(NativeMethods.crc_tensor_dtype(Handle));

    /// <summary>The device holding the data (<c>tensor.device</c>).</summary>
    public Device Device
    {
        get
        {
            var type = (DeviceType)NativeMethods.Check(NativeMethods.crc_tensor_device_type(Handle));
            var index = NativeMethods.crc_tensor_device_index(Handle);
            if (index < -1)
            {
                throw NativeMethods.LastError();
            }

            return new Device(type, index);
        }
    }

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

    /// <summary>The value of a one-element tensor (<c>tensor.item()</c>).</summary>
    public T Item<T>()
        where T : unmanaged
    {
        var n = NumEl;
        if (n != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one element, but this one has {n} (shape [{string.Join(", ", Shape)}]).");
        }

        return ToArray<T>()[0];
    }

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

    /// <summary>Elementwise sum with broadcasting (<c>torch.add(a, b, alpha)</c>).</summary>
    public Tensor Add(Tensor other, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Tensor(NativeMethods.crc_tensor_add(Handle, other.Handle, alpha));
    }

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Add(right);
    }

    /// <summary>Same as <c>a + b</c>, for languages without operator overloading.</summary>
    public static Tensor Add(Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Add(right);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TensorHandle H(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Handle;
    }
}
