using System.Globalization;

namespace Crucible.Torch.Optim;

/// <summary>
/// A snapshot of an optimizer's or a scheduler's state (<c>state_dict()</c>): named tensors and
/// named numbers. The tensors are copies owned by this object (dispose it to free them), so later
/// steps do not change a snapshot. <see cref="Save"/> writes a safetensors file (numbers go to its
/// metadata, written so that they read back exactly).
/// </summary>
public sealed class StateDict : IDisposable
{
    private const string FileFormat = "crucible-state-dict";
    private const string ValuePrefix = "value:";

    /// <summary>The tensors by key, e.g. <c>state.0.exp_avg</c>.</summary>
    public IDictionary<string, Tensor> Tensors { get; } = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);

    /// <summary>The numbers by key, e.g. <c>param_groups.0.lr</c> or <c>last_epoch</c>.</summary>
    public IDictionary<string, double> Values { get; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The value stored under <paramref name="key"/>; throws naming the key when it is missing.</summary>
    public double Value(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Values.TryGetValue(key, out var v)
            ? v
            : throw new KeyNotFoundException($"The state dict has no value '{key}'; was it saved by another kind of optimizer or scheduler?");
    }

    /// <summary>The tensor stored under <paramref name="key"/>; throws naming the key when it is missing.</summary>
    public Tensor Tensor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Tensors.TryGetValue(key, out var t)
            ? t
            : throw new KeyNotFoundException($"The state dict has no tensor '{key}'; was it saved by another kind of optimizer?");
    }

    /// <summary>Writes the state to a safetensors file (tensors as data, numbers as metadata).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = FileFormat };
        foreach (var (name, value) in Values)
        {
            // "R" round-trips every double exactly, so a restored optimizer continues bit-identically.
            metadata[ValuePrefix + name] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        torch.Save(new Dictionary<string, Tensor>(Tensors, StringComparer.Ordinal), path, metadata);
    }

    /// <summary>Reads a state written by <see cref="Save"/>; tensors come back on the CPU.</summary>
    public static StateDict Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = torch.Load(path);
        var result = new StateDict();
        foreach (var name in file.Keys.ToList())
        {
            result.Tensors[name] = file.Take(name);
        }

        foreach (var (key, text) in file.Metadata)
        {
            if (key.StartsWith(ValuePrefix, StringComparison.Ordinal))
            {
                result.Values[key[ValuePrefix.Length..]] = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        foreach (var t in Tensors.Values)
        {
            t.Dispose();
        }

        Tensors.Clear();
    }
}
