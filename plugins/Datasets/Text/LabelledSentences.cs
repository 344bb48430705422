using System.Globalization;
using System.Text;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Text;

/// <summary>
/// Reads <c>sentence&lt;TAB&gt;label</c> files (UCI's sentiment labelled sentences). Each line is
/// split at its last tab, never parsed as CSV: sentences contain unbalanced quotes.
/// </summary>
internal static class LabelledSentences
{
    public static List<(string Text, string Label)> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CrucibleException($"The text file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static List<(string Text, string Label)> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<(string, string)>();
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab < 0)
            {
                throw new CrucibleException(string.Create(CultureInfo.InvariantCulture, $"'{source}' line {number} has no tab between the sentence and its label."));
            }

            result.Add((line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }

        return result;
    }
}
