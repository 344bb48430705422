using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>Elementwise difference with broadcasting (<c>torch.sub(a, b, alpha)</c>).</summary>
    public Tensor Sub(Tensor other, double alpha = 1.0) => new(NativeMethods.crc_tensor_sub(Handle, H(other), alpha));

    /// <summary>Elementwise product with broadcasting (<c>torch.mul</c>).</summary>
    public Tensor Mul(Tensor other) => new(NativeMethods.crc_tensor_mul(Handle, H(other)));

    /// <summary>Elementwise true division with broadcasting (<c>torch.div</c>).</summary>
    public Tensor Div(Tensor other) => new(NativeMethods.crc_tensor_div(Handle, H(other)));

    /// <summary>Matrix product with broadcasting over batch dimensions (<c>torch.matmul</c>).</summary>
    public Tensor MatMul(Tensor other) => new(NativeMethods.crc_tensor_matmul(Handle, H(other)));

    /// <summary>Sum of all elements (<c>tensor.sum()</c>).</summary>
    public Tensor Sum() => new(NativeMethods.crc_tensor_sum(Handle));

    /// <summary>Mean of all elements (<c>tensor.mean()</c>).</summary>
    public Tensor Mean() => new(NativeMethods.crc_tensor_mean(Handle));

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

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor left, Tensor right) => H2(left).Sub(right);

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor left, Tensor right) => H2(left).Mul(right);

    /// <summary>Elementwise division with broadcasting.</summary>
    public static Tensor operator /(Tensor left, Tensor right) => H2(left).Div(right);

    /// <summary>Same as <c>a - b</c>.</summary>
    public static Tensor Subtract(Tensor left, Tensor right) => H2(left).Sub(right);

    /// <summary>Same as <c>a * b</c>.</summary>
    public static Tensor Multiply(Tensor left, Tensor right) => H2(left).Mul(right);

    /// <summary>Same as <c>a / b</c>.</summary>
    public static Tensor Divide(Tensor left, Tensor right) => H2(left).Div(right);

    private static Tensor H2(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor;
    }
}
