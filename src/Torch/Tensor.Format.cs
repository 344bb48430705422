namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// The tensor printed as PyTorch prints it, e.g. <c>tensor([[1., 2.],\n        [3., 4.]])</c>,
    /// with the dtype, device and autograd suffixes PyTorch adds. Large tensors are summarized.
    /// </summary>
    public override string ToString() => IsDisposed ? "tensor(<disposed>)" : TensorFormatter.Format(this);
}
