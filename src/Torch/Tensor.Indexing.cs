using System.Runtime.CompilerServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>The sub-tensor at <paramref name="index"/> along the first dimension, a view (<c>tensor[i]</c>).</summary>
    // Indexers are named Item by default, which Item<T>() already is.
    [IndexerName("At")]
    public Tensor this[long index] => Select(0, index);

    /// <summary>A slice along the first dimension, a view (<c>tensor[a:b]</c>); <c>^n</c> counts from the end.</summary>
    [IndexerName("At")]
    public Tensor this[Range range] => Slice(0, range);

    /// <summary>
    /// Elements picked by a tensor: a bool mask selects matching elements into a 1-D tensor
    /// (<c>tensor[mask]</c>); an integer tensor selects rows along the first dimension (<c>tensor[idx]</c>).
    /// </summary>
    [IndexerName("At")]
    public Tensor this[Tensor index]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(index);
            return index.DType == ScalarType.Bool ? MaskedSelect(index) : IndexSelect(0, index);
        }
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, removing that dimension (<c>tensor.select</c>).</summary>
    public Tensor Select(long dim, long index) => new(NativeMethods.crc_tensor_select(Handle, dim, index));

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>, a view (<c>tensor.narrow</c>).</summary>
    public Tensor Narrow(long dim, long start, long length) => new(NativeMethods.crc_tensor_narrow(Handle, dim, start, length));

    /// <summary>
    /// Elements <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) every
    /// <paramref name="step"/> along <paramref name="dim"/>, a view (<c>tensor[..., start:end:step]</c>).
    /// Null bounds mean the beginning and the end; negative bounds count from the end.
    /// </summary>
    public Tensor Slice(long dim, long? start = null, long? end = null, long step = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        return new(NativeMethods.crc_tensor_slice(Handle, dim, start ?? 0, start.HasValue ? 1 : 0, end ?? 0, end.HasValue ? 1 : 0, step));
    }

    /// <summary>A slice along <paramref name="dim"/> given as a C# range (<c>t.Slice(1, 2..^1)</c>).</summary>
    public Tensor Slice(long dim, Range range)
    {
        long? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? null : -range.Start.Value) : range.Start.Value;
        long? end = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return Slice(dim, start, end);
    }

    /// <summary>Rows (along <paramref name="dim"/>) picked by an int64 index vector (<c>tensor.index_select</c>).</summary>
    public Tensor IndexSelect(long dim, Tensor index) => new(NativeMethods.crc_tensor_index_select(Handle, dim, H(index)));

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor (<c>tensor.masked_select</c>).</summary>
    public Tensor MaskedSelect(Tensor mask) => new(NativeMethods.crc_tensor_masked_select(Handle, H(mask)));

    /// <summary>Picks values along <paramref name="dim"/> by an index tensor of the output's shape (<c>tensor.gather</c>).</summary>
    public Tensor Gather(long dim, Tensor index) => new(NativeMethods.crc_tensor_gather(Handle, dim, H(index)));

    /// <summary>A copy with values of <paramref name="source"/> written at <paramref name="index"/> along <paramref name="dim"/> (<c>tensor.scatter</c>).</summary>
    public Tensor Scatter(long dim, Tensor index, Tensor source) => new(NativeMethods.crc_tensor_scatter(Handle, dim, H(index), H(source)));

    /// <summary>A copy with <paramref name="value"/> written at <paramref name="index"/> along <paramref name="dim"/> (<c>tensor.scatter</c>).</summary>
    public Tensor Scatter(long dim, Tensor index, Scalar value) => new(NativeMethods.crc_tensor_scatter_value(Handle, dim, H(index), value.Bits, value.KindCode));

    /// <summary>A copy with values of <paramref name="source"/> added at <paramref name="index"/> along <paramref name="dim"/> (<c>tensor.scatter_add</c>).</summary>
    public Tensor ScatterAdd(long dim, Tensor index, Tensor source) => new(NativeMethods.crc_tensor_scatter_add(Handle, dim, H(index), H(source)));

    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true (<c>tensor.masked_fill</c>).</summary>
    public Tensor MaskedFill(Tensor mask, Scalar value) => new(NativeMethods.crc_tensor_masked_fill(Handle, H(mask), value.Bits, value.KindCode));

    /// <summary>Elements of this tensor where <paramref name="condition"/> holds, else of <paramref name="other"/> (<c>tensor.where</c>).</summary>
    public Tensor Where(Tensor condition, Tensor other) => new(NativeMethods.crc_tensor_where(H(condition), Handle, H(other)));

    /// <summary>One-hot encoding of an int64 class tensor; -1 infers the class count (<c>F.one_hot</c>).</summary>
    public Tensor OneHot(long numClasses = -1) => new(NativeMethods.crc_tensor_one_hot(Handle, numClasses));

    /// <summary>The lower triangle of a matrix, the rest zero (<c>torch.tril</c>).</summary>
    public Tensor Tril(long diagonal = 0) => new(NativeMethods.crc_tensor_tril(Handle, diagonal));

    /// <summary>The upper triangle of a matrix, the rest zero (<c>torch.triu</c>).</summary>
    public Tensor Triu(long diagonal = 0) => new(NativeMethods.crc_tensor_triu(Handle, diagonal));
}
