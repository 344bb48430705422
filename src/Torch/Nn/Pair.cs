namespace Crucible.Torch.Nn;

/// <summary>
/// A size, stride or padding for the two spatial dimensions (height, width): PyTorch's "int or
/// tuple of two ints". An integer converts to a pair of equal values, a tuple to itself, so
/// <c>new Conv2d(3, 8, kernelSize: 3, stride: (2, 1))</c> reads as it does in Python.
/// </summary>
/// <param name="First">The size along the first spatial dimension (height).</param>
/// <param name="Second">The size along the second spatial dimension (width).</param>
public readonly record struct Pair(long First, long Second)
{
    /// <summary>Both dimensions the same.</summary>
    public static implicit operator Pair(long value) => new(value, value);

    /// <summary>From a (height, width) tuple.</summary>
    public static implicit operator Pair((long First, long Second) value) => new(value.First, value.Second);

    /// <summary>Both dimensions the same.</summary>
    public static Pair FromInt64(long value) => new(value, value);

    /// <summary>From a (height, width) tuple.</summary>
    public static Pair FromValueTuple((long First, long Second) value) => new(value.First, value.Second);

    internal long[] ToArray() => [First, Second];

    /// <summary>Python's spelling: <c>(3, 3)</c>.</summary>
    public override string ToString() => $"({First}, {Second})";
}
