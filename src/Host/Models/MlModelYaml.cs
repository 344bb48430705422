using System.Globalization;
using System.Text;

namespace Crucible.Host.Models;

/// <summary>
/// Writes and reads the block YAML of an MLflow <c>MLmodel</c> file: nested mappings with sorted keys
/// (as PyYAML's <c>yaml.safe_dump</c> writes them), strings plain when YAML reads them back as the same
/// string and single-quoted otherwise, numbers, booleans and null. MLflow's <c>Model.load</c> parses
/// it with <c>yaml.safe_load</c>.
/// </summary>
internal static class MlModelYaml
{
    public static string Write(IReadOnlyDictionary<string, object?> mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var text = new StringBuilder();
        WriteMapping(text, mapping, 0);
        return text.ToString();
    }

    /// <summary>Reads nested mappings; scalars come back as strings (null for YAML null).</summary>
    public static Dictionary<string, object?> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .ToList();
        var index = 0;
        return ReadMapping(lines, ref index, 0);
    }

    private static void WriteMapping(StringBuilder text, IReadOnlyDictionary<string, object?> mapping, int indent)
    {
        foreach (var (key, value) in mapping.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                if (nested.Count == 0)
                {
                    text.Append(" {}\n");
                }
                else
                {
                    text.Append('\n');
                    WriteMapping(text, nested, indent + 2);
                }
            }
            else
            {
                text.Append(' ').Append(Scalar(value)).Append('\n');
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => PlainIsSafe(s) ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException($"Unsupported MLmodel value {value.GetType()}.", nameof(value)),
    };

    /// <summary>
    /// Plain only for names, ids, versions and paths that no YAML resolver reads as anything but that
    /// string: word characters, '.', '-', '/', with a letter other than e/E (so never a number), not a
    /// boolean or null word, not a 0x/0o/0b literal.
    /// </summary>
    private static bool PlainIsSafe(string s) =>
        s.Length > 0
        && (char.IsAsciiLetterOrDigit(s[0]) || s[0] == '_')
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/')
        && s.Any(c => char.IsAsciiLetter(c) && c is not ('e' or 'E'))
        && !(s.Length > 1 && s[0] == '0' && s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        && !BooleanOrNull.Contains(s.ToLowerInvariant());

    private static readonly HashSet<string> BooleanOrNull = new(StringComparer.Ordinal) { "null", "true", "false", "yes", "no", "on", "off", "y", "n" };

    private static Dictionary<string, object?> ReadMapping(List<string> lines, ref int index, int indent)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (index < lines.Count)
        {
            var line = lines[index];
            var lineIndent = line.Length - line.TrimStart(' ').Length;
            if (lineIndent < indent)
            {
                break;
            }

            var body = line[lineIndent..];
            var colon = KeyEnd(body);
            if (colon < 0)
            {
                throw new FormatException($"MLmodel line {index + 1}: expected 'key: value', got '{body}'.");
            }

            var key = Unquote(body[..colon].Trim());
            var rest = body[(colon + 1)..].Trim();
            index++;
            if (rest.Length == 0)
            {
                var childIndent = index < lines.Count ? lines[index].Length - lines[index].TrimStart(' ').Length : 0;
                result[key] = childIndent > lineIndent ? ReadMapping(lines, ref index, childIndent) : null;
                continue;
            }

            // A quoted scalar may continue on more indented lines (PyYAML folds long ones).
            while ((rest.StartsWith('\'') && !ClosedSingle(rest)) || (rest.StartsWith('"') && !ClosedDouble(rest)))
            {
                if (index >= lines.Count)
                {
                    throw new FormatException($"MLmodel: the value of '{key}' is not closed.");
                }

                rest += " " + lines[index].Trim();
                index++;
            }

            result[key] = rest == "{}" ? new Dictionary<string, object?>(StringComparer.Ordinal) : rest is "null" or "~" ? null : Unquote(rest);
        }

        return result;
    }

    private static int KeyEnd(string body)
    {
        if (body.StartsWith('\''))
        {
            var close = 1;
            while (close < body.Length)
            {
                if (body[close] == '\'' && (close + 1 >= body.Length || body[close + 1] != '\''))
                {
                    break;
                }

                close += body[close] == '\'' ? 2 : 1;
            }

            return body.IndexOf(':', close);
        }

        var i = body.IndexOf(": ", StringComparison.Ordinal);
        return i >= 0 ? i : body.EndsWith(':') ? body.Length - 1 : -1;
    }

    private static bool ClosedSingle(string s)
    {
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == '\'')
            {
                if (i + 1 < s.Length && s[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return true;
            }

            i++;
        }

        return false;
    }

    private static bool ClosedDouble(string s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return true;
            }
        }

        return false;
    }

    private static string Unquote(string s)
    {
        if (s.Length >= 2 && s[0] == '\'' && s[^1] == '\'')
        {
            return s[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            return System.Text.RegularExpressions.Regex.Unescape(s[1..^1]);
        }

        return s;
    }
}
