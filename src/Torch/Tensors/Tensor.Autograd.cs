using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor (<c>tensor.requires_grad</c>).</summary>
    public bool RequiresGrad
    {
        get => NativeMethods.Check(NativeMethods.crc_tensor_requires_grad(Handle)) == 1;
        set => NativeMethods.Check(NativeMethods.crc_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>
    /// The accumulated gradient (<c>tensor.grad</c>), or null before the first backward. The
    /// returned tensor shares storage with the gradient: an in-place change to it changes the gradient.
    /// Setting null clears the gradient.
    /// </summary>
    public Tensor? Grad
    {
        get
        {
            var h = NativeMethods.crc_tensor_grad(Handle);
            if (h.IsInvalid)
            {
                h.Dispose();
                var error = NativeMethods.crc_error_take();
                if (error != IntPtr.Zero)
                {
                    NativeMethods.crc_free(error);
                    throw new TorchException("Reading the gradient failed.");
                }

                return null;
            }

            return new Tensor(h);
        }

        set
        {
            // Optional handles cross as raw pointers: the SafeHandle marshaller rejects null.
            using var refs = TensorRefs.Of(value);
            NativeMethods.Check(NativeMethods.crc_tensor_set_grad(Handle, refs.Pointers[0]));
        }
    }

    /// <summary>Computes gradients of this tensor with respect to the graph leaves (<c>tensor.backward()</c>).</summary>
    /// <param name="gradient">The gradient of the final objective with respect to this tensor; required unless it has one element.</param>
    /// <param name="retainGraph">Keep the graph so backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass itself, for higher-order derivatives.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        using var refs = TensorRefs.Of(gradient);
        NativeMethods.Check(NativeMethods.crc_tensor_backward(Handle, refs.Pointers[0], retainGraph || createGraph ? 1 : 0, createGraph ? 1 : 0));
    }

    /// <summary>A tensor sharing this one's data but cut from the autograd graph (<c>tensor.detach()</c>).</summary>
    public Tensor Detach() => new(NativeMethods.crc_tensor_detach(Handle));
}
