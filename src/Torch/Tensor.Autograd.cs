using System.Runtime.InteropServices;
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

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (<c>tensor.requires_grad_()</c>).</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>True for a tensor created by the user rather than by an op on tensors that require grad (<c>tensor.is_leaf</c>).</summary>
    public bool IsLeaf => NativeMethods.Check(NativeMethods.crc_tensor_is_leaf(Handle)) == 1;

    /// <summary>Keeps the gradient of a non-leaf tensor after backward (<c>tensor.retain_grad()</c>).</summary>
    public void RetainGrad() => NativeMethods.Check(NativeMethods.crc_tensor_retain_grad(Handle));

    /// <summary>The name of the autograd node that produced this tensor ("AddBackward0"), or null for a leaf (<c>tensor.grad_fn</c>).</summary>
    public string? GradFn
    {
        get
        {
            var ptr = NativeMethods.crc_tensor_grad_fn_name(Handle);
            if (ptr == IntPtr.Zero)
            {
                var error = NativeMethods.crc_error_take();
                if (error != IntPtr.Zero)
                {
                    NativeMethods.crc_free(error);
                    throw new TorchException("Reading the autograd node failed.");
                }

                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(ptr);
            }
            finally
            {
                NativeMethods.crc_free(ptr);
            }
        }
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
            if (value is null)
            {
                NativeMethods.Check(NativeMethods.crc_tensor_set_grad(Handle, IntPtr.Zero));
                return;
            }

            using var refs = TensorRefs.Of(value);
            NativeMethods.Check(NativeMethods.crc_tensor_set_grad(Handle, refs.Pointers[0]));
        }
    }

    /// <summary>
    /// Clears the gradient: releases it (<paramref name="setToNone"/>, PyTorch 2's default) or zeroes
    /// it in place, like <c>optimizer.zero_grad()</c> does for each parameter.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        if (setToNone)
        {
            Grad = null;
            return;
        }

        using var g = Grad;
        g?.Zero_();
    }

    /// <summary>Computes gradients of this tensor with respect to the graph leaves (<c>tensor.backward()</c>).</summary>
    /// <param name="gradient">The gradient of the final objective with respect to this tensor; required unless it has one element.</param>
    /// <param name="retainGraph">Keep the graph so backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass itself, for higher-order derivatives.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        if (gradient is null)
        {
            NativeMethods.Check(NativeMethods.crc_tensor_backward(Handle, IntPtr.Zero, retainGraph || createGraph ? 1 : 0, createGraph ? 1 : 0));
            return;
        }

        using var refs = TensorRefs.Of(gradient);
        NativeMethods.Check(NativeMethods.crc_tensor_backward(Handle, refs.Pointers[0], retainGraph || createGraph ? 1 : 0, createGraph ? 1 : 0));
    }

    /// <summary>A tensor sharing this one's data but cut from the autograd graph (<c>tensor.detach()</c>).</summary>
    public Tensor Detach() => new(NativeMethods.crc_tensor_detach(Handle));
}
