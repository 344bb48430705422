using System.Collections;
using System.Globalization;

namespace Crucible.Torch.Nn;

/// <summary>
/// Holds submodules in a list so their parameters are registered (<c>nn.ModuleList</c>), named
/// "0", "1", ... It has no Forward of its own: a custom module iterates it in its Forward.
/// </summary>
#pragma warning disable CA1710 // Named like PyTorch's nn.ModuleList.
public sealed class ModuleList : Module, IReadOnlyList<Module>
#pragma warning restore CA1710
{
    private readonly List<Module> items = [];

    /// <summary>Creates the list from modules.</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            Add(module);
        }
    }

    /// <summary>Number of modules.</summary>
    public int Count => items.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => items[index];

    /// <summary>Appends a module (<c>module_list.append(module)</c>).</summary>
    public void Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        items.Add(RegisterModule(items.Count.ToString(CultureInfo.InvariantCulture), module));
    }

    /// <summary>Appends a module and returns this list.</summary>
    public ModuleList Append(Module module)
    {
        Add(module);
        return this;
    }

    /// <summary>Appends several modules and returns this list (<c>module_list.extend(modules)</c>).</summary>
    public ModuleList Extend(IEnumerable<Module> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            Add(module);
        }

        return this;
    }

    /// <summary>Not applicable: a ModuleList only holds modules; iterate it and call them.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override Tensor Forward(Tensor input) =>
        throw new InvalidOperationException("ModuleList has no Forward: iterate it and call its modules from your module's Forward.");

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
