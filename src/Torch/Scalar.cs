namespace Crucible.Torch;

/// <summary>
/// A number passed to a tensor op (<c>t + 2</c>, <c>Full(shape, 0.5)</c>, <c>MaskedFill(mask, -inf)</c>).
/// It remembers whether it is a floating-point number, an integer or a bool, because PyTorch's type
/// promotion depends on it: an int64 tensor plus 2 stays int64, plus 2.5 becomes float32.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    private Scalar(long bits, ScalarKind kind)
    {
        Bits = bits;
        Kind = kind;
    }

    internal enum ScalarKind
    {
        Floating = 0,
        Integral = 1,
        Boolean = 2,
    }

    internal long Bits { get; }

    internal ScalarKind Kind { get; }

    internal int KindCode => (int)Kind;

    /// <summary>True for a floating-point value.</summary>
    public bool IsFloatingPoint => Kind == ScalarKind.Floating;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => Kind switch
    {
        ScalarKind.Floating => BitConverter.Int64BitsToDouble(Bits),
        _ => Bits,
    };

    /// <summary>A floating-point scalar.</summary>
    public static Scalar FromDouble(double value) => new(BitConverter.DoubleToInt64Bits(value), ScalarKind.Floating);

    /// <summary>A floating-point scalar.</summary>
    public static Scalar FromSingle(float value) => FromDouble(value);

    /// <summary>A floating-point scalar.</summary>
    public static Scalar FromHalf(Half value) => FromDouble((double)value);

    /// <summary>An integer scalar.</summary>
    public static Scalar FromInt64(long value) => new(value, ScalarKind.Integral);

    /// <summary>An integer scalar.</summary>
    public static Scalar FromInt32(int value) => new(value, ScalarKind.Integral);

    /// <summary>A boolean scalar.</summary>
    public static Scalar FromBoolean(bool value) => new(value ? 1 : 0, ScalarKind.Boolean);

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(double value) => FromDouble(value);

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(float value) => FromDouble(value);

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(Half value) => FromHalf(value);

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(long value) => FromInt64(value);

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(int value) => FromInt64(value);

    /// <summary>A boolean scalar.</summary>
    public static implicit operator Scalar(bool value) => FromBoolean(value);

    /// <inheritdoc/>
    public bool Equals(Scalar other) => Bits == other.Bits && Kind == other.Kind;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Bits, Kind);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ScalarKind.Floating => ToDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScalarKind.Integral => Bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Bits != 0 ? "True" : "False",
    };
}
