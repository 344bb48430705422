using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// What one step of an optimizer reads from a parameter group: the parameters that have a gradient
/// and those gradients (<c>[p for p in group["params"] if p.grad is not None]</c> and their
/// <c>p.grad</c>), read with one native call. The gradients are borrowed: a tensor per parameter,
/// created once, that every read points at the parameter's current gradient, so a step creates and
/// frees no handle for them. They are valid until the gradients change (the next backward or
/// <c>zero_grad</c>), which outlasts the step; the lists are reused by the group's next read.
/// </summary>
internal sealed class GroupGradients
{
    private readonly IReadOnlyList<Tensor> all;
    private readonly IntPtr[] parameterPointers;
    private readonly IntPtr[] gradPointers;
    private readonly int[] kinds;
    private readonly Tensor?[] views;
    private readonly List<Tensor> parameters;
    private readonly List<Tensor> grads;
    private readonly List<bool> sparse;

    public GroupGradients(IReadOnlyList<Tensor> parameters)
    {
        all = parameters;
        parameterPointers = new IntPtr[parameters.Count];
        gradPointers = new IntPtr[parameters.Count];
        kinds = new int[parameters.Count];
        views = new Tensor?[parameters.Count];
        this.parameters = new List<Tensor>(parameters.Count);
        grads = new List<Tensor>(parameters.Count);
        sparse = new List<bool>(parameters.Count);
    }

    /// <summary>The parameters that have a gradient, in the group's order.</summary>
    public List<Tensor> Parameters => parameters;

    /// <summary>Their gradients, borrowed (dense or sparse), in the same order.</summary>
    public IReadOnlyList<Tensor> Grads => grads;

    /// <summary>How many parameters have a gradient.</summary>
    public int Count => parameters.Count;

    /// <summary>Reads which parameters have a gradient and points <see cref="Grads"/> at them.</summary>
    public unsafe GroupGradients Read()
    {
        for (var i = 0; i < all.Count; i++)
        {
            parameterPointers[i] = all[i].Handle.DangerousGetHandle();
        }

        fixed (IntPtr* pp = parameterPointers, pg = gradPointers)
        fixed (int* pk = kinds)
        {
            NativeMethods.Check(NativeMethods.crc_optim_grads(pp, all.Count, pg, pk));
        }

        parameters.Clear();
        grads.Clear();
        sparse.Clear();
        for (var i = 0; i < all.Count; i++)
        {
            if (kinds[i] == 0)
            {
                continue;
            }

            parameters.Add(all[i]);
            grads.Add(View(i));
            sparse.Add(kinds[i] == 2);
        }

        return this;
    }

    /// <summary>True when the <paramref name="index"/>th gradient is a sparse tensor.</summary>
    public bool IsSparse(int index) => sparse[index];

    /// <summary>
    /// The <paramref name="index"/>th gradient, negated when <paramref name="maximize"/>; throws for a
    /// sparse one, worded as PyTorch's dense optimizers do.
    /// </summary>
    public Tensor Dense(int index, bool maximize, string optimizer)
    {
        if (sparse[index])
        {
            throw new TorchException($"{optimizer} does not support sparse gradients{(optimizer == "Adam" ? ", please consider SparseAdam instead" : "")}");
        }

        return maximize ? grads[index].Neg() : grads[index];
    }

    /// <summary>Throws unless every gradient is dense (see <see cref="Dense"/>).</summary>
    public void RequireDense(string optimizer)
    {
        for (var i = 0; i < sparse.Count; i++)
        {
            _ = Dense(i, false, optimizer);
        }
    }

    private Tensor View(int index)
    {
        var view = views[index];
        if (view is null || view.IsDisposed)
        {
            // Outside every dispose scope: the view lives as long as the group.
            view = views[index] = new Tensor(TensorHandle.Borrow(gradPointers[index])).DetachFromDisposeScope();
        }
        else
        {
            view.Handle.Repoint(gradPointers[index]);
        }

        return view;
    }
}
