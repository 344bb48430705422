using System.Globalization;
using System.Text;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// Reads the meta.yaml files of MLflow's file store: a block mapping of scalars (plain, single- or
/// double-quoted, possibly folded over several lines), <c>[]</c>, <c>{}</c>, and one level of nested
/// mapping (input tags). Values come back as text (null for YAML null) so callers parse numbers.
/// </summary>
internal static class YamlReader
{
    public static Dictionary<string, object?> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Length == 0 || line.TrimStart().StartsWith('#') || line.StartsWith(' '))
            {
                i++;
                continue;
            }

            var (key, rest) = SplitKey(line);
            i++;
            if (rest.Length == 0)
            {
                // A nested mapping (indented lines) or an empty value.
                var nested = new Dictionary<string, string>(StringComparer.Ordinal);
                while (i < lines.Length && lines[i].StartsWith(' '))
                {
                    var inner = lines[i].TrimStart();
                    i++;
                    var (k, v) = SplitKey(inner);
                    v = Continue(lines, ref i, v, minIndent: lines[i - 1].Length - inner.Length + 1);
                    nested[k] = ParseScalar(v) ?? string.Empty;
                }

                result[key] = nested.Count == 0 ? null : nested;
                continue;
            }

            rest = Continue(lines, ref i, rest, minIndent: 1);
            result[key] = rest switch
            {
                "{}" => new Dictionary<string, string>(StringComparer.Ordinal),
                "[]" => Array.Empty<string>(),
                _ => ParseScalar(rest),
            };
        }

        return result;
    }

    public static string? GetString(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as string : null;

    public static long? GetLong(this Dictionary<string, object?> map, string key) =>
        map.GetString(key) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

    // Folded continuation lines of a multi-line scalar: joined by a space.
    private static string Continue(string[] lines, ref int i, string value, int minIndent)
    {
        var sb = new StringBuilder(value);
        while (i < lines.Length && lines[i].Length >= minIndent && lines[i].StartsWith(' ') && !IsNestedKey(lines[i], minIndent))
        {
            sb.Append(' ').Append(lines[i].Trim());
            i++;
        }

        return sb.ToString();
    }

    private static bool IsNestedKey(string line, int minIndent)
    {
        // A nested mapping entry sits at exactly the parent's indent + 2 and is "key: value";
        // continuation lines of a top-level scalar also start with two spaces, so only treat the
        // line as a key when we are reading nested values (minIndent > 1).
        if (minIndent <= 1)
        {
            return false;
        }

        var trimmed = line.TrimStart();
        return line.Length - trimmed.Length < minIndent;
    }

    private static (string Key, string Value) SplitKey(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"Not a YAML mapping entry: '{line}'.");
        }

        var key = line[..colon].Trim();
        if (key.Length > 1 && key[0] == '\'' && key[^1] == '\'')
        {
            key = key[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        return (key, line[(colon + 1)..].Trim());
    }

    private static string? ParseScalar(string raw)
    {
        if (raw.Length == 0 || raw is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (raw[0] == '\'' && raw.Length >= 2 && raw[^1] == '\'')
        {
            return raw[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (raw[0] == '"' && raw.Length >= 2 && raw[^1] == '"')
        {
            return Unescape(raw[1..^1]);
        }

        return raw;
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }

            var c = s[++i];
            switch (c)
            {
                case '0': sb.Append('\0'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'v': sb.Append('\v'); break;
                case 'f': sb.Append('\f'); break;
                case 'r': sb.Append('\r'); break;
                case 'e': sb.Append('\u001b'); break;
                case 'N': sb.Append('\u0085'); break;
                case '_': sb.Append('\u00a0'); break;
                case 'L': sb.Append('\u2028'); break;
                case 'P': sb.Append('\u2029'); break;
                case 'x': sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 2), 16)); i += 2; break;
                case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 4), 16)); i += 4; break;
                case 'U': sb.Append(char.ConvertFromUtf32(Convert.ToInt32(s.Substring(i + 1, 8), 16))); i += 8; break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
