using System.Collections;
using System.Globalization;

namespace Crucible.Torch.Nn;

/// <summary>
/// Chains modules: the output of each is the input of the next (<c>nn.Sequential</c>). Children
/// are named "0", "1", ... unless given names, so state dict keys match PyTorch's
/// (<c>0.weight</c>). Supports collection initializers: <c>new Sequential { new Linear(4, 8), new ReLU() }</c>.
/// </summary>
#pragma warning disable CA1710 // Named like PyTorch's nn.Sequential, not "...Collection".
public sealed class Sequential : Module, IReadOnlyList<Module>
#pragma warning restore CA1710
{
    private readonly List<Module> layers = [];

    /// <summary>Creates an empty chain, to fill with <see cref="Add"/> or a collection initializer.</summary>
    public Sequential()
    {
    }

    /// <summary>Creates the chain from modules named "0", "1", ...</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            Add(module);
        }
    }

    /// <summary>Creates the chain from named modules (PyTorch's <c>nn.Sequential(OrderedDict(...))</c>).</summary>
    public Sequential(params (string Name, Module Module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, module) in modules)
        {
            layers.Add(RegisterModule(name, module));
        }
    }

    /// <summary>Number of modules in the chain.</summary>
    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => layers[index];

    /// <summary>Appends a module, named after its position (<c>append</c>).</summary>
    public void Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        layers.Add(RegisterModule(layers.Count.ToString(CultureInfo.InvariantCulture), module));
    }

    /// <summary>Appends a module and returns this chain (<c>sequential.append(module)</c>).</summary>
    public Sequential Append(Module module)
    {
        Add(module);
        return this;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
