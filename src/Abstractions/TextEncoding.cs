using System.Text;

namespace Crucible.Abstractions;

/// <summary>
/// How a text dataset turns a raw sentence into the token indices its model reads, recorded with a
/// trained model so that <c>crucible predict</c> and <c>crucible serve</c> take raw sentences: lower-case
/// word tokens (<see cref="Tokenize"/>), looked up in <see cref="Tokens"/> (index 0 pads, index 1
/// stands for every word not in the vocabulary), cut or padded to <see cref="Length"/> indices.
/// </summary>
public sealed class TextEncoding
{
    /// <summary>The index that pads a short sentence.</summary>
    public const int PadIndex = 0;

    /// <summary>The index of every word that is not in the vocabulary.</summary>
    public const int UnknownIndex = 1;

    private Dictionary<string, int>? index;

    /// <summary>The vocabulary by index, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> first. Required.</summary>
    public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary>Indices per sample: longer sentences keep their first tokens, shorter ones are padded. Required.</summary>
    public required int Length { get; init; }

    /// <summary>Whether padding goes before the tokens (so a recurrent model's last step sees text) rather than after. Defaults to true.</summary>
    public bool PadFront { get; init; } = true;

    /// <summary>
    /// Splits <paramref name="text"/> into lower-case word tokens: runs of letters and digits, with
    /// apostrophes kept inside words (<c>don't</c>); punctuation and other separators are dropped.
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if ((ch == '\'' || ch == '\u2019') && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                current.Append('\'');
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>The index of <paramref name="token"/>, or <see cref="UnknownIndex"/>.</summary>
    public int IndexOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        index ??= Tokens.Select((t, i) => (t, i)).GroupBy(p => p.t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return index.TryGetValue(token, out var i) ? i : UnknownIndex;
    }

    /// <summary>The <see cref="Length"/> indices of a raw sentence.</summary>
    public long[] Encode(string text) => EncodeTokens(Tokenize(text));

    /// <summary>The <see cref="Length"/> indices of a tokenized sentence.</summary>
    public long[] EncodeTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new long[Length];
        var n = Math.Min(tokens.Count, Length);
        var start = PadFront ? Length - n : 0;
        for (var i = 0; i < n; i++)
        {
            result[start + i] = IndexOf(tokens[i]);
        }

        return result;
    }
}
