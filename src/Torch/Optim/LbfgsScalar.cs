namespace Crucible.Torch.Optim;

/// <summary>
/// A number in PyTorch's L-BFGS, which mixes Python floats (double precision) with 0-dim tensors
/// of the parameters' dtype. To follow it exactly, each value remembers which it is: arithmetic
/// involving a tensor rounds both operands and the result to the tensor's dtype, as ATen does, and
/// <c>float / tensor</c> is <c>tensor.reciprocal() * float</c>, as torch.Tensor.__rtruediv__ is.
/// </summary>
internal readonly record struct LbfgsScalar(double Value, bool IsTensor, bool Single)
{
    public static LbfgsScalar Python(double value) => new(value, false, false);

    public static LbfgsScalar Tensor(double value, bool single) => new(Round(value, single), true, single);

    public static LbfgsScalar operator +(LbfgsScalar a, LbfgsScalar b) => Combine(a, b, (x, y) => x + y);

    public static LbfgsScalar operator -(LbfgsScalar a, LbfgsScalar b) => Combine(a, b, (x, y) => x - y);

    public static LbfgsScalar operator *(LbfgsScalar a, LbfgsScalar b) => Combine(a, b, (x, y) => x * y);

    public static LbfgsScalar operator /(LbfgsScalar a, LbfgsScalar b)
    {
        if (!a.IsTensor && b.IsTensor)
        {
            var reciprocal = Tensor(1.0 / b.Value, b.Single);
            return reciprocal * a;
        }

        return Combine(a, b, (x, y) => x / y);
    }

    public static LbfgsScalar operator -(LbfgsScalar a) => a with { Value = -a.Value };

    public static bool operator <(LbfgsScalar a, LbfgsScalar b)
    {
        var (x, y) = Operands(a, b);
        return x < y;
    }

    public static bool operator >(LbfgsScalar a, LbfgsScalar b)
    {
        var (x, y) = Operands(a, b);
        return x > y;
    }

    public static bool operator <=(LbfgsScalar a, LbfgsScalar b)
    {
        var (x, y) = Operands(a, b);
        return x <= y;
    }

    public static bool operator >=(LbfgsScalar a, LbfgsScalar b)
    {
        var (x, y) = Operands(a, b);
        return x >= y;
    }

    public static implicit operator LbfgsScalar(double value) => Python(value);

    public LbfgsScalar Abs() => this with { Value = Math.Abs(Value) };

    public LbfgsScalar Sqrt() => IsTensor ? Tensor(Math.Sqrt(Value), Single) : Python(Math.Sqrt(Value));

    /// <summary>Python's <c>min(a, b)</c>: b only when b &lt; a, keeping the kind of the one returned.</summary>
    public static LbfgsScalar Min(LbfgsScalar a, LbfgsScalar b) => b < a ? b : a;

    /// <summary>Python's <c>max(a, b)</c>: b only when b &gt; a.</summary>
    public static LbfgsScalar Max(LbfgsScalar a, LbfgsScalar b) => b > a ? b : a;

    private static LbfgsScalar Combine(LbfgsScalar a, LbfgsScalar b, Func<double, double, double> op)
    {
        if (!a.IsTensor && !b.IsTensor)
        {
            return Python(op(a.Value, b.Value));
        }

        var single = a.IsTensor ? a.Single : b.Single;

        // Double rounding through double is exact for + - * / of floats: double has over 2 * 24 + 2 bits.
        return Tensor(op(Round(a.Value, single), Round(b.Value, single)), single);
    }

    /// <summary>A comparison with a tensor casts the Python operand to the tensor's dtype first.</summary>
    private static (double X, double Y) Operands(LbfgsScalar a, LbfgsScalar b)
    {
        if (a.IsTensor || b.IsTensor)
        {
            var single = a.IsTensor ? a.Single : b.Single;
            return (Round(a.Value, single), Round(b.Value, single));
        }

        return (a.Value, b.Value);
    }

    private static double Round(double value, bool single) => single ? (float)value : value;
}
