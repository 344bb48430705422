using System.Text;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>
/// Splits text into lower-case word tokens: runs of letters and digits, with apostrophes kept
/// inside words (<c>don't</c>); punctuation and other separators are dropped.
/// </summary>
internal static class Tokenizer
{
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
}
