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
    private const int MaxScalars = 16;

    private readonly IReadOnlyList<Tensor> all;
    private readonly IntPtr[] parameterPointers;
    private readonly IntPtr[] gradPointers;
    private readonly int[] kinds;
    private readonly int[] dtypes;
    private readonly Dictionary<(double Value, ScalarType Type), KeptScalar> scalars = [];
    private long scalarUses;
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
        dtypes = new int[parameters.Count];
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

    /// <summary>The element type of every parameter with a gradient, or null when they differ.</summary>
    public ScalarType? CommonType { get; private set; }

    /// <summary>Reads which parameters have a gradient and points <see cref="Grads"/> at them.</summary>
    public unsafe GroupGradients Read()
    {
        for (var i = 0; i < all.Count; i++)
        {
            parameterPointers[i] = all[i].Handle.DangerousGetHandle();
        }

        fixed (IntPtr* pp = parameterPointers, pg = gradPointers)
        fixed (int* pk = kinds, pd = dtypes)
        {
            NativeMethods.Check(NativeMethods.crc_optim_grads(pp, all.Count, pg, pk, pd));
        }

        parameters.Clear();
        grads.Clear();
        sparse.Clear();
        CommonType = null;
        for (var i = 0; i < all.Count; i++)
        {
            if (kinds[i] == 0)
            {
                continue;
            }

            var type = (ScalarType)dtypes[i];
            CommonType = parameters.Count == 0 || CommonType == type ? type : null;

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

    /// <summary>Throws unless every gradient is sparse, worded as PyTorch's SparseAdam does.</summary>
    public void RequireSparse(string optimizer)
    {
        if (sparse.Contains(false))
        {
            throw new TorchException($"{optimizer} does not support dense gradients, please consider Adam instead");
        }
    }

    /// <summary>
    /// <c>torch._foreach_mul_(self, value)</c> for tensors of the parameters' type. For float32 and
    /// float64 the value goes to libtorch as a 0-dim tensor of that type that the group keeps, instead
    /// of a scalar that libtorch would wrap in a double tensor and convert to the type again on every
    /// call (about three quarters of a small tensor's multiplication); the product is the same, since
    /// libtorch converts the scalar to the type before multiplying.
    /// </summary>
    public void Mul_(IReadOnlyList<Tensor> self, double value)
    {
        if (ScalarOf(value) is { } scalar)
        {
            torch.ForeachMul_(self, new Repeated(scalar, self.Count));
        }
        else
        {
            torch.ForeachMul_(self, value);
        }
    }

    /// <summary><c>torch._foreach_add_(self, value)</c>, with the value as <see cref="Mul_(IReadOnlyList{Tensor}, double)"/> passes it.</summary>
    public void Add_(IReadOnlyList<Tensor> self, double value)
    {
        if (ScalarOf(value) is { } scalar)
        {
            torch.ForeachAdd_(self, new Repeated(scalar, self.Count));
        }
        else
        {
            torch.ForeachAdd_(self, value);
        }
    }

    /// <summary><c>self.mul_(value)</c> for one tensor of the parameters' type, the value passed as <see cref="Mul_(IReadOnlyList{Tensor}, double)"/> passes it.</summary>
    public Tensor Mul_(Tensor self, double value) => ScalarOf(value) is { } scalar ? self.Mul_(scalar) : self.Mul_(value);

    /// <summary><c>self.add_(value)</c> for one tensor of the parameters' type, the value passed as <see cref="Mul_(IReadOnlyList{Tensor}, double)"/> passes it.</summary>
    public Tensor Add_(Tensor self, double value) => ScalarOf(value) is { } scalar ? self.Add_(scalar) : self.Add_(value);

    /// <summary><c>self + value</c> for one tensor of the parameters' type, the value passed as <see cref="Mul_(IReadOnlyList{Tensor}, double)"/> passes it.</summary>
    public Tensor Add(Tensor self, double value) => ScalarOf(value) is { } scalar ? self.Add(scalar) : self.Add(value);

    /// <summary>How many 0-dim factor tensors the group has created so far (a test reads it).</summary>
    internal int ScalarsCreated { get; private set; }

    // The value as a 0-dim CPU tensor of the parameters' floating type (which libtorch broadcasts to any
    // device), kept by value; null for other types. A step's constant factors (betas, eps) hit every
    // time. A factor that a scheduler changes every step (OneCycleLR's and CyclicLR's momentum or beta1,
    // RAdam's learning rate) misses every time: once MaxScalars are kept it refills the tensor used
    // longest ago in place, so it costs a fill instead of a new tensor, and the constant ones stay.
    // (Refilling is safe: an op reads a 0-dim CPU tensor's value when it runs or launches.)
    private Tensor? ScalarOf(double value)
    {
        if (CommonType is not { } type || type is not (ScalarType.Float32 or ScalarType.Float64))
        {
            return null;
        }

        var use = ++scalarUses;
        if (scalars.TryGetValue((value, type), out var kept))
        {
            kept.LastUse = use;
            return kept.Tensor;
        }

        if (scalars.Count >= MaxScalars)
        {
            (double Value, ScalarType Type) oldestKey = default;
            KeptScalar? oldest = null;
            foreach (var (key, candidate) in scalars)
            {
                if (oldest is null || candidate.LastUse < oldest.LastUse)
                {
                    (oldestKey, oldest) = (key, candidate);
                }
            }

            scalars.Remove(oldestKey);
            if (oldestKey.Type == type)
            {
                oldest!.Tensor.Fill_(value);
                oldest.LastUse = use;
                scalars[(value, type)] = oldest;
                return oldest.Tensor;
            }

            oldest!.Tensor.Dispose();
        }

        var scalar = (type == ScalarType.Float32 ? torch.ScalarTensor((float)value, Device.Cpu) : torch.ScalarTensor(value, Device.Cpu)).DetachFromDisposeScope();
        ScalarsCreated++;
        scalars[(value, type)] = new KeptScalar(scalar) { LastUse = use };
        return scalar;
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

    private sealed class KeptScalar(Tensor tensor)
    {
        public Tensor Tensor { get; } = tensor;

        public long LastUse { get; set; }
    }
}
