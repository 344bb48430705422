using System.IO.Compression;
using System.Text;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>
/// Reads delimited text into rows of fields: RFC 4180 quoting (<c>"a,b"</c>, <c>""</c> for a quote),
/// LF or CRLF endings, a missing final newline, gzip by the <c>.gz</c> extension, and whitespace as
/// a delimiter (scikit-learn's diabetes file). Blank lines are skipped.
/// </summary>
internal static class CsvText
{
    /// <summary>Reads every row of the file at <paramref name="path"/>.</summary>
    public static List<string[]> ReadFile(string path, string delimiter)
    {
        using var stream = OpenMaybeCompressed(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, delimiter);
    }

    /// <summary>Opens a file, decompressing it when it ends in <c>.gz</c>.</summary>
    public static Stream OpenMaybeCompressed(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }

    /// <summary>
    /// Splits text into rows. <paramref name="delimiter"/> is a single character, or
    /// <c>whitespace</c> for runs of spaces and tabs.
    /// </summary>
    public static List<string[]> Parse(TextReader reader, string delimiter)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        var rows = new List<string[]>();
        var whitespace = delimiter.Equals("whitespace", StringComparison.OrdinalIgnoreCase) || delimiter == " ";
        if (!whitespace && delimiter.Length != 1 && delimiter != "\\t")
        {
            throw new ArgumentException($"The delimiter must be one character or 'whitespace', not '{delimiter}'.", nameof(delimiter));
        }

        var separator = delimiter == "\\t" ? '\t' : delimiter[0];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rows.Add(whitespace
                ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : SplitQuoted(line, separator, reader));
        }

        return rows;
    }

    private static string[] SplitQuoted(string line, char separator, TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (quoted)
                {
                    // A quoted field spans lines; an unterminated quote at end of file ends the field.
                    var next = reader.ReadLine();
                    if (next is null)
                    {
                        break;
                    }

                    field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }

                break;
            }

            var ch = line[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }

            i++;
        }

        fields.Add(field.ToString().Trim());
        return [.. fields];
    }
}
