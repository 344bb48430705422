using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Base class of every layer and model (<c>torch.nn.Module</c>). A subclass registers its
/// parameters, buffers and submodules in its constructor and overrides <see cref="Forward"/>:
/// <code>
/// sealed class Mlp : Module
/// {
///     private readonly Linear fc1, fc2;
///     public Mlp() { fc1 = RegisterModule("fc1", new Linear(4, 8)); fc2 = RegisterModule("fc2", new Linear(8, 2)); }
///     public override Tensor Forward(Tensor x) => fc2.Forward(F.Relu(fc1.Forward(x)));
/// }
/// </code>
/// Parameters and buffers are owned by the module: they are taken out of any dispose scope when
/// registered and freed when the module is disposed. Names follow PyTorch (<c>fc1.weight</c>), so
/// state dicts move between the two.
/// </summary>
public abstract partial class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> buffers = [];
    private readonly HashSet<string> nonPersistentBuffers = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, Module>> modules = [];
    private bool disposed;

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Number of elements over every distinct parameter (a tied weight counts once).</summary>
    public long ParameterCount => Parameters().Sum(p => p.NumEl);

    /// <summary>Computes the output for one input batch.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Same as <see cref="Forward"/>, so a module reads like a function: <c>model.Call(x)</c>.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>
    /// Registers a learnable tensor under <paramref name="name"/> and returns it. The module takes
    /// ownership; <paramref name="requiresGrad"/> false registers a frozen parameter.
    /// </summary>
    protected Tensor RegisterParameter(string name, Tensor parameter, bool requiresGrad = true)
    {
        CheckName(name, parameters);
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DetachFromDisposeScope();
        if (parameter.RequiresGrad != requiresGrad)
        {
            parameter.RequiresGrad = requiresGrad;
        }

        Replace(parameters, name, parameter);
        return parameter;
    }

    /// <summary>
    /// Registers a non-learnable state tensor (running mean, ...) under <paramref name="name"/> and
    /// returns it. A non-<paramref name="persistent"/> buffer follows <see cref="To(Device)"/> but is
    /// left out of the state dict.
    /// </summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer, bool persistent = true)
    {
        CheckName(name, buffers);
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.DetachFromDisposeScope();
        Replace(buffers, name, buffer);
        if (persistent)
        {
            nonPersistentBuffers.Remove(name);
        }
        else
        {
            nonPersistentBuffers.Add(name);
        }

        return buffer;
    }

    /// <summary>Lets the layers' shared helpers (in this assembly) register parameters on the layer.</summary>
    internal Tensor RegisterParameterInternal(string name, Tensor parameter) => RegisterParameter(name, parameter);

    /// <summary>Registers a child module under <paramref name="name"/> and returns it. The module takes ownership.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckName(name, modules);
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException("A module cannot be its own child.", nameof(module));
        }

        var index = modules.FindIndex(p => p.Key == name);
        var entry = new KeyValuePair<string, Module>(name, module);
        if (index >= 0)
        {
            modules[index] = entry;
        }
        else
        {
            modules.Add(entry);
        }

        return module;
    }

    /// <summary>
    /// Every distinct parameter with its dotted name (<c>0.weight</c>), in registration order,
    /// recursively. A tensor registered twice (tied weights) appears once, under its first name.
    /// </summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (name, p) in AllNamed(m => m.parameters, string.Empty))
        {
            if (seen.Add(p))
            {
                yield return (name, p);
            }
        }
    }

    /// <summary>Every distinct parameter, recursively (<c>module.parameters()</c>).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer with its dotted name, recursively (<c>module.named_buffers()</c>).</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (name, b) in AllNamed(m => m.buffers, string.Empty))
        {
            if (seen.Add(b))
            {
                yield return (name, b);
            }
        }
    }

    /// <summary>Every buffer, recursively (<c>module.buffers()</c>).</summary>
    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Buffer);

    /// <summary>The direct children with their names (<c>module.named_children()</c>).</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => modules.Select(m => (m.Key, m.Value));

    /// <summary>The direct children (<c>module.children()</c>).</summary>
    public IEnumerable<Module> Children() => modules.Select(m => m.Value);

    /// <summary>This module (named "") and every descendant with its dotted name (<c>module.named_modules()</c>).</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        yield return (string.Empty, this);
        foreach (var (prefix, child) in modules)
        {
            foreach (var (name, m) in child.NamedModules())
            {
                yield return (name.Length == 0 ? prefix : $"{prefix}.{name}", m);
            }
        }
    }

    /// <summary>This module and every descendant (<c>module.modules()</c>).</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>Calls <paramref name="action"/> on every descendant, then on this module (<c>module.apply(fn)</c>); returns this module.</summary>
    public Module Apply(Action<Module> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var (_, child) in modules)
        {
            child.Apply(action);
        }

        action(this);
        return this;
    }

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var (_, child) in modules)
        {
            child.Train(mode);
        }

        return this;
    }

    /// <summary>Sets evaluation mode (dropout off, batch norm uses running statistics); returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter (<c>module.zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.Grad = null;
        }
    }

    /// <summary>
    /// Moves every parameter and buffer (and existing gradient) to <paramref name="device"/>
    /// (<c>module.to(device)</c>); returns this module. As in PyTorch, the parameter tensors keep
    /// their identity (the same <see cref="Tensor"/> objects now hold the moved data) and their
    /// <c>requires_grad</c>. Create optimizers after calling To: state an optimizer made earlier
    /// (momentum buffers, Adam moments) stays on the old device.
    /// </summary>
    public Module To(Device device)
    {
        foreach (var t in Tensors())
        {
            Convert(t, t.DType, device);
        }

        return this;
    }

    /// <summary>
    /// Converts every floating-point parameter and buffer to <paramref name="dtype"/>
    /// (<c>module.to(dtype)</c>); integer buffers such as BatchNorm's <c>num_batches_tracked</c>
    /// keep their type. Same identity rules as <see cref="To(Device)"/>.
    /// </summary>
    public Module To(ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"Module.To accepts only floating-point dtypes, got {dtype.ToPyTorchName()}.", nameof(dtype));
        }

        foreach (var t in Tensors())
        {
            if (t.DType.IsFloatingPoint())
            {
                Convert(t, dtype, t.Device);
            }
        }

        return this;
    }

    /// <summary>Moves to <paramref name="device"/> and converts floating-point tensors to <paramref name="dtype"/>; returns this module.</summary>
    public Module To(Device device, ScalarType dtype)
    {
        To(dtype);
        return To(device);
    }

    /// <summary>
    /// PyTorch's printout of the module tree, e.g.
    /// <c>Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n  (1): ReLU()\n)</c>.
    /// </summary>
    public override string ToString()
    {
        var extra = ExtraRepr();
        if (modules.Count == 0)
        {
            return $"{GetType().Name}({extra})";
        }

        var text = new System.Text.StringBuilder(GetType().Name).Append('(');
        if (extra.Length > 0)
        {
            text.Append("\n  ").Append(extra);
        }

        foreach (var (name, child) in modules)
        {
            text.Append("\n  (").Append(name).Append("): ").Append(child.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return text.Append("\n)").ToString();
    }

    /// <summary>The options shown between the parentheses of <see cref="ToString"/> (<c>extra_repr</c>).</summary>
    protected virtual string ExtraRepr() => string.Empty;

    /// <summary>Python's spelling of a bool, for <see cref="ExtraRepr"/>.</summary>
    private protected static string Py(bool value) => value ? "True" : "False";

    /// <summary>Python's spelling of a number, for <see cref="ExtraRepr"/>.</summary>
    private protected static string Py(double value)
    {
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant();
        return double.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.Ordinal) ? text + ".0" : text;
    }

    /// <summary>Frees every parameter and buffer of this module and its descendants.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the tensors this module owns.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (var (_, p) in parameters)
        {
            p.Dispose();
        }

        foreach (var (_, b) in buffers)
        {
            b.Dispose();
        }

        foreach (var (_, m) in modules)
        {
            m.Dispose();
        }
    }

    private static void Convert(Tensor tensor, ScalarType dtype, Device device) =>
        NativeMethods.Check(NativeMethods.crc_nn_set_data_to(tensor.Handle, (int)dtype, (int)device.Type, device.Index));

    private IEnumerable<Tensor> Tensors() => Parameters().Concat(Buffers()).Distinct<Tensor>(ReferenceEqualityComparer.Instance);

    private IEnumerable<(string Name, Tensor Tensor)> AllNamed(Func<Module, List<KeyValuePair<string, Tensor>>> select, string prefix)
    {
        foreach (var (name, t) in select(this))
        {
            yield return (prefix + name, t);
        }

        foreach (var (childName, child) in modules)
        {
            foreach (var item in child.AllNamed(select, $"{prefix}{childName}."))
            {
                yield return item;
            }
        }
    }

    private void CheckName<T>(string name, List<KeyValuePair<string, T>> own)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid name: it must not contain '.'.", nameof(name));
        }

        // A name may be re-registered in its own kind (replacing the entry), never across kinds.
        var taken = (!ReferenceEquals(own, parameters) && parameters.Exists(p => p.Key == name))
            || (!ReferenceEquals(own, buffers) && buffers.Exists(b => b.Key == name))
            || (own is not List<KeyValuePair<string, Module>> && modules.Exists(m => m.Key == name));
        if (taken)
        {
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
        }
    }

    private static void Replace(List<KeyValuePair<string, Tensor>> list, string name, Tensor tensor)
    {
        var index = list.FindIndex(p => p.Key == name);
        var entry = new KeyValuePair<string, Tensor>(name, tensor);
        if (index >= 0)
        {
            if (!ReferenceEquals(list[index].Value, tensor))
            {
                list[index].Value.Dispose();
            }

            list[index] = entry;
        }
        else
        {
            list.Add(entry);
        }
    }
}
