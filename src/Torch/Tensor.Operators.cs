using Crucible.Torch.Interop;

namespace Crucible.Torch;

// C# operators. Each has the named method CA2225 asks for (Add, Subtract, ...) for languages
// without operator overloading. Integer literals stay integers (`t + 2` keeps an int64 tensor int64).
public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor left, Tensor right) => H2(left).Add(right);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(Tensor left, Scalar right) => H2(left).Add(right);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(Scalar left, Tensor right) => H2(right).Add(left);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor left, Tensor right) => H2(left).Sub(right);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor operator -(Tensor left, Scalar right) => H2(left).Sub(right);

    /// <summary>Subtracts every element from a scalar (<c>torch.rsub</c>).</summary>
    public static Tensor operator -(Scalar left, Tensor right) => new(NativeMethods.crc_tensor_rsub_scalar(H(right), left.Bits, left.KindCode));

    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor value) => H2(value).Neg();

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor left, Tensor right) => H2(left).Mul(right);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(Tensor left, Scalar right) => H2(left).Mul(right);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(Scalar left, Tensor right) => H2(right).Mul(left);

    /// <summary>Elementwise true division with broadcasting.</summary>
    public static Tensor operator /(Tensor left, Tensor right) => H2(left).Div(right);

    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor operator /(Tensor left, Scalar right) => H2(left).Div(right);

    /// <summary>Divides a scalar by every element (PyTorch computes it as <c>reciprocal(t) * s</c>).</summary>
    public static Tensor operator /(Scalar left, Tensor right) => new(NativeMethods.crc_tensor_rdiv_scalar(H(right), left.Bits, left.KindCode));

    /// <summary>Python-style remainder with broadcasting.</summary>
    public static Tensor operator %(Tensor left, Tensor right) => H2(left).Remainder(right);

    /// <summary>Python-style remainder by a scalar.</summary>
    public static Tensor operator %(Tensor left, Scalar right) => H2(left).Remainder(right);

    /// <summary>Elementwise logical and of bool tensors.</summary>
    public static Tensor operator &(Tensor left, Tensor right) => H2(left).LogicalAnd(right);

    /// <summary>Elementwise logical or of bool tensors.</summary>
    public static Tensor operator |(Tensor left, Tensor right) => H2(left).LogicalOr(right);

    /// <summary>Elementwise logical exclusive or of bool tensors.</summary>
    public static Tensor operator ^(Tensor left, Tensor right) => H2(left).LogicalXor(right);

    /// <summary>Elementwise logical not.</summary>
    public static Tensor operator !(Tensor value) => H2(value).LogicalNot();

    /// <summary>Same as <c>a + b</c>.</summary>
    public static Tensor Add(Tensor left, Tensor right) => H2(left).Add(right);

    /// <summary>Same as <c>a - b</c>.</summary>
    public static Tensor Subtract(Tensor left, Tensor right) => H2(left).Sub(right);

    /// <summary>Same as <c>a * b</c>.</summary>
    public static Tensor Multiply(Tensor left, Tensor right) => H2(left).Mul(right);

    /// <summary>Same as <c>a / b</c>.</summary>
    public static Tensor Divide(Tensor left, Tensor right) => H2(left).Div(right);

    /// <summary>Same as <c>a % b</c>.</summary>
    public static Tensor Mod(Tensor left, Tensor right) => H2(left).Remainder(right);

    /// <summary>Same as <c>-a</c>.</summary>
    public static Tensor Negate(Tensor value) => H2(value).Neg();

    /// <summary>Same as <c>a &amp; b</c>.</summary>
    public static Tensor BitwiseAnd(Tensor left, Tensor right) => H2(left).LogicalAnd(right);

    /// <summary>Same as <c>a | b</c>.</summary>
    public static Tensor BitwiseOr(Tensor left, Tensor right) => H2(left).LogicalOr(right);

    /// <summary>Same as <c>a ^ b</c>.</summary>
    public static Tensor Xor(Tensor left, Tensor right) => H2(left).LogicalXor(right);

    /// <summary>Same as <c>!a</c>.</summary>
    public static Tensor LogicalNot(Tensor value) => H2(value).LogicalNot();

    internal static Tensor H2Public(Tensor tensor) => H2(tensor);

    private static Tensor H2(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor;
    }
}
