using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>
/// Splits text into lower-case word tokens (<see cref="TextEncoding.Tokenize"/>, the rule a trained
/// model's raw sentences are read with too): runs of letters and digits, with apostrophes kept
/// inside words (<c>don't</c>); punctuation and other separators are dropped.
/// </summary>
internal static class Tokenizer
{
    public static IReadOnlyList<string> Tokenize(string text) => TextEncoding.Tokenize(text);
}
