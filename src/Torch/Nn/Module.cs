namespace Crucible.Torch.Nn;

/// <summary>
/// Base class of every layer and model (<c>torch.nn.Module</c>). A subclass registers its
/// parameters, buffers and submodules in its constructor and overrides <see cref="Forward"/>.
/// Parameters and buffers are owned by the module: they are taken out of any dispose scope when
/// registered and freed when the module is disposed.
/// </summary>
public abstract partial class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> buffers = [];
    private readonly List<KeyValuePair<string, Module>> modules = [];
    private bool disposed;

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Computes the output for one input batch.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Same as <see cref="Forward"/>, so a module reads like a function: <c>model.Call(x)</c>.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>Registers a learnable tensor under <paramref name="name"/> and returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DetachFromDisposeScope();
        if (!parameter.RequiresGrad)
        {
            parameter.RequiresGrad = true;
        }

        Replace(parameters, name, parameter);
        return parameter;
    }

    /// <summary>Registers a non-learnable state tensor (running mean, ...) under <paramref name="name"/> and returns it.</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.DetachFromDisposeScope();
        Replace(buffers, name, buffer);
        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/> and returns it.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(module);
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

    /// <summary>Every parameter with its dotted name (<c>0.weight</c>), in registration order, recursively.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        foreach (var (name, p) in parameters)
        {
            yield return (name, p);
        }

        foreach (var (prefix, child) in modules)
        {
            foreach (var (name, p) in child.NamedParameters())
            {
                yield return ($"{prefix}.{name}", p);
            }
        }
    }

    /// <summary>Every parameter, recursively (<c>module.parameters()</c>).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer with its dotted name, recursively.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        foreach (var (name, b) in buffers)
        {
            yield return (name, b);
        }

        foreach (var (prefix, child) in modules)
        {
            foreach (var (name, b) in child.NamedBuffers())
            {
                yield return ($"{prefix}.{name}", b);
            }
        }
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => modules.Select(m => (m.Key, m.Value));

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

    private static void Replace(List<KeyValuePair<string, Tensor>> list, string name, Tensor tensor)
    {
        var index = list.FindIndex(p => p.Key == name);
        var entry = new KeyValuePair<string, Tensor>(name, tensor);
        if (index >= 0)
        {
            list[index].Value.Dispose();
            list[index] = entry;
        }
        else
        {
            list.Add(entry);
        }
    }
}
