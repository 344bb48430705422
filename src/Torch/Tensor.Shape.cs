using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>A view with another shape over the same storage; -1 infers one size (<c>tensor.view</c>).</summary>
    public unsafe Tensor View(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        fixed (long* p = shape)
        {
            return new(NativeMethods.crc_tensor_view(Handle, p, shape.Length));
        }
    }

    /// <summary>The same elements in another shape, a view when possible; -1 infers one size (<c>tensor.reshape</c>).</summary>
    public unsafe Tensor Reshape(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        fixed (long* p = shape)
        {
            return new(NativeMethods.crc_tensor_reshape(Handle, p, shape.Length));
        }
    }

    /// <summary>Flattens dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one (<c>tensor.flatten</c>).</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) => new(NativeMethods.crc_tensor_flatten(Handle, startDim, endDim));

    /// <summary>Removes every dimension of size 1 (<c>tensor.squeeze()</c>).</summary>
    public Tensor Squeeze() => new(NativeMethods.crc_tensor_squeeze(Handle));

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (<c>tensor.squeeze(dim)</c>).</summary>
    public Tensor Squeeze(long dim) => new(NativeMethods.crc_tensor_squeeze_dim(Handle, dim));

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (<c>tensor.unsqueeze</c>).</summary>
    public Tensor Unsqueeze(long dim) => new(NativeMethods.crc_tensor_unsqueeze(Handle, dim));

    /// <summary>Reorders the dimensions (<c>tensor.permute</c>).</summary>
    public unsafe Tensor Permute(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_permute(Handle, p, dims.Length));
        }
    }

    /// <summary>Swaps two dimensions (<c>tensor.transpose</c>).</summary>
    public Tensor Transpose(long dim0, long dim1) => new(NativeMethods.crc_tensor_transpose(Handle, dim0, dim1));

    /// <summary>The transpose of a matrix; a vector is returned as is (<c>tensor.t()</c>).</summary>
    public Tensor T() => new(NativeMethods.crc_tensor_t(Handle));

    /// <summary>A broadcast view with sizes-1 dimensions repeated; -1 keeps a size (<c>tensor.expand</c>).</summary>
    public unsafe Tensor Expand(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        fixed (long* p = shape)
        {
            return new(NativeMethods.crc_tensor_expand(Handle, p, shape.Length));
        }
    }

    /// <summary>A broadcast view with the shape of <paramref name="other"/> (<c>tensor.expand_as</c>).</summary>
    public Tensor ExpandAs(Tensor other) => Expand(H2(other).Shape);

    /// <summary>Tiles the tensor, copying the data (<c>tensor.repeat</c>).</summary>
    public unsafe Tensor Repeat(params long[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        fixed (long* p = repeats)
        {
            return new(NativeMethods.crc_tensor_repeat(Handle, p, repeats.Length));
        }
    }

    /// <summary>Reverses the order of elements along the given dimensions (<c>tensor.flip</c>).</summary>
    public unsafe Tensor Flip(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_flip(Handle, p, dims.Length));
        }
    }

    /// <summary>Splits into pieces of <paramref name="splitSize"/> along <paramref name="dim"/>; the last may be smaller (<c>tensor.split</c>).</summary>
    public unsafe Tensor[] Split(long splitSize, long dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(splitSize, 1);
        var size = Size(dim);
        var capacity = (int)Math.Max(1, (size + splitSize - 1) / splitSize);
        var output = new IntPtr[capacity];
        fixed (IntPtr* o = output)
        {
            var n = NativeMethods.Check(NativeMethods.crc_tensor_split(Handle, splitSize, dim, o, capacity));
            return WrapAll(output, n);
        }
    }

    /// <summary>Splits into pieces of the given sizes along <paramref name="dim"/> (<c>tensor.split([..])</c>).</summary>
    public unsafe Tensor[] Split(long[] sizes, long dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var output = new IntPtr[Math.Max(1, sizes.Length)];
        fixed (long* s = sizes)
        fixed (IntPtr* o = output)
        {
            var n = NativeMethods.Check(NativeMethods.crc_tensor_split_sizes(Handle, s, sizes.Length, dim, o, output.Length));
            return WrapAll(output, n);
        }
    }

    /// <summary>Splits into at most <paramref name="chunks"/> near-equal pieces along <paramref name="dim"/> (<c>tensor.chunk</c>).</summary>
    public unsafe Tensor[] Chunk(int chunks, long dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        var output = new IntPtr[chunks];
        fixed (IntPtr* o = output)
        {
            var n = NativeMethods.Check(NativeMethods.crc_tensor_chunk(Handle, chunks, dim, o, chunks));
            return WrapAll(output, n);
        }
    }

    /// <summary>Takes ownership of handles the shim wrote into an array.</summary>
    internal static Tensor[] WrapAll(IntPtr[] handles, int count)
    {
        var result = new Tensor[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new Tensor(new TensorHandle(handles[i]));
        }

        return result;
    }
}
