using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Crucible.Torch.Optim;

/// <summary>
/// A parameter group's options by key (<see cref="ParamGroup.Options"/>), counting its changes so
/// that an optimizer re-reads its typed options only after one.
/// </summary>
internal sealed class OptionDictionary : IDictionary<string, double>
{
    private readonly Dictionary<string, double> values = new(StringComparer.Ordinal);

    /// <summary>Changes on every write.</summary>
    public int Version { get; private set; }

    public ICollection<string> Keys => values.Keys;

    public ICollection<double> Values => values.Values;

    public int Count => values.Count;

    public bool IsReadOnly => false;

    public double this[string key]
    {
        get => values[key];
        set
        {
            values[key] = value;
            Version++;
        }
    }

    public void Add(string key, double value)
    {
        values.Add(key, value);
        Version++;
    }

    public void Add(KeyValuePair<string, double> item) => Add(item.Key, item.Value);

    public bool Remove(string key)
    {
        Version++;
        return values.Remove(key);
    }

    public bool Remove(KeyValuePair<string, double> item)
    {
        Version++;
        return ((ICollection<KeyValuePair<string, double>>)values).Remove(item);
    }

    public void Clear()
    {
        values.Clear();
        Version++;
    }

    public bool ContainsKey(string key) => values.ContainsKey(key);

    public bool Contains(KeyValuePair<string, double> item) => ((ICollection<KeyValuePair<string, double>>)values).Contains(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value) => values.TryGetValue(key, out value);

    public void CopyTo(KeyValuePair<string, double>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, double>>)values).CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
