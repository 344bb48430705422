using System.Diagnostics.CodeAnalysis;

namespace Crucible.Torch;

/// <summary>
/// The tensors of a safetensors file, by name in file order, with the file's metadata. The
/// tensors belong to this object and to no dispose scope: disposing it frees those not taken
/// with <see cref="Take"/>.
/// </summary>
public sealed class TensorDictionary : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly Dictionary<string, Tensor> tensors = new(StringComparer.Ordinal);
    private List<string> order = [];

    internal TensorDictionary(IReadOnlyDictionary<string, string> metadata) => Metadata = metadata;

    /// <summary>The file's <c>__metadata__</c> (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc/>
    public int Count => tensors.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => order;

    /// <inheritdoc/>
    public IEnumerable<Tensor> Values => order.Select(k => tensors[k]);

    /// <inheritdoc/>
    public Tensor this[string key] => tensors.TryGetValue(key, out var t)
        ? t
        : throw new KeyNotFoundException($"The file holds no tensor named '{key}'; it holds {string.Join(", ", order.Select(n => $"'{n}'"))}.");

    /// <summary>Removes a tensor from this collection: the caller owns it from now on.</summary>
    public Tensor Take(string key)
    {
        var t = this[key];
        tensors.Remove(key);
        order.Remove(key);
        return t;
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => tensors.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => tensors.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, Tensor>(k, tensors[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Frees every tensor still held.</summary>
    public void Dispose()
    {
        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }

        tensors.Clear();
        order.Clear();
    }

    internal void Add(string name, Tensor tensor)
    {
        tensors.Add(name, tensor);
        order.Add(name);
    }

    internal void Order(IEnumerable<string> names) => order = names.ToList();
}
