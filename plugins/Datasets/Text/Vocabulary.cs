using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>
/// Maps tokens to embedding indices. Index 0 is padding and 1 stands for every token not in the
/// vocabulary; the rest are the training split's tokens by descending frequency (ties ordinal),
/// so the vocabulary, like every statistic, comes from training data only.
/// </summary>
internal sealed class Vocabulary
{
    public const int PadIndex = TextEncoding.PadIndex;
    public const int UnknownIndex = TextEncoding.UnknownIndex;

    private readonly Dictionary<string, int> index;

    private Vocabulary(IReadOnlyList<string> tokens)
    {
        Tokens = tokens;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            index[tokens[i]] = i;
        }
    }

    /// <summary>Tokens by index, with <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> first.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Number of indices, padding and unknown included (the embedding's size).</summary>
    public int Count => Tokens.Count;

    /// <summary>
    /// Builds from tokenized training documents, keeping tokens seen at least
    /// <paramref name="minFrequency"/> times, at most <paramref name="maxSize"/> indices in all (0 = no limit).
    /// </summary>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> documents, int minFrequency = 1, int maxSize = 0)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var token in doc)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        var kept = counts.Where(p => p.Value >= minFrequency)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key);
        if (maxSize > 0)
        {
            kept = kept.Take(Math.Max(0, maxSize - 2));
        }

        return new Vocabulary(["<pad>", "<unk>", .. kept]);
    }

    /// <summary>The index of <paramref name="token"/>, or <see cref="UnknownIndex"/>.</summary>
    public int IndexOf(string token) => index.TryGetValue(token, out var i) ? i : UnknownIndex;

    /// <summary>
    /// How raw sentences become <paramref name="length"/> indices with this vocabulary: longer documents
    /// keep their first tokens; shorter ones are padded before the tokens (<paramref name="padFront"/>,
    /// Keras' default, so a recurrent network's last step sees the text) or after.
    /// </summary>
    public TextEncoding ToEncoding(int length, bool padFront = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new TextEncoding { Tokens = Tokens, Length = length, PadFront = padFront };
    }

    /// <summary>Encodes to exactly <paramref name="length"/> indices (<see cref="ToEncoding"/>).</summary>
    public long[] Encode(IReadOnlyList<string> tokens, int length, bool padFront = true) => ToEncoding(length, padFront).EncodeTokens(tokens);
}
