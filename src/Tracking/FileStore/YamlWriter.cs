using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// Writes the flat meta.yaml files of MLflow's file store byte for byte as PyYAML's
/// <c>yaml.dump(d, default_flow_style=False, allow_unicode=True)</c> does: sorted keys, plain
/// scalars when PyYAML would use them, single quotes otherwise, lines folded at column 80.
/// </summary>
internal static partial class YamlWriter
{
    /// <summary>Marks a value written as an empty list (<c>[]</c>).</summary>
    public static readonly object EmptyList = new();

    private const int BestWidth = 80;

    /// <summary>
    /// Values: <see cref="string"/>, <see cref="long"/>, <see cref="int"/>, null,
    /// <see cref="EmptyList"/>, or an <see cref="IReadOnlyDictionary{TKey,TValue}"/> of strings (one level).
    /// </summary>
    public static string Write(IReadOnlyDictionary<string, object?> mapping)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in mapping.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            WriteEntry(sb, key, value, 0);
        }

        return sb.ToString();
    }

    private static void WriteEntry(StringBuilder sb, string key, object? value, int indent)
    {
        var lineStart = sb.Length;
        sb.Append(' ', indent).Append(key).Append(':');
        switch (value)
        {
            case null:
                sb.Append(" null\n");
                break;
            case long l:
                sb.Append(' ').Append(l.ToString(CultureInfo.InvariantCulture)).Append('\n');
                break;
            case int i:
                sb.Append(' ').Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
                break;
            case string s:
                sb.Append(' ');
                WriteScalar(sb, s, sb.Length - lineStart, indent + 2);
                sb.Append('\n');
                break;
            case IReadOnlyDictionary<string, string> nested when nested.Count == 0:
                sb.Append(" {}\n");
                break;
            case IReadOnlyDictionary<string, string> nested:
                sb.Append('\n');
                foreach (var (k, v) in nested.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    WriteEntry(sb, k, v, indent + 2);
                }

                break;
            default:
                if (ReferenceEquals(value, EmptyList))
                {
                    sb.Append(" []\n");
                    break;
                }

                throw new ArgumentException($"Unsupported YAML value type {value.GetType()} for key '{key}'.", nameof(value));
        }
    }

    private static void WriteScalar(StringBuilder sb, string text, int column, int indent)
    {
        var analysis = Analyze(text);
        if (analysis.AllowPlain && !ResolvesToNonString(text))
        {
            WriteFolded(sb, text, column, indent, quoted: false);
        }
        else if (analysis.AllowSingleQuoted)
        {
            sb.Append('\'');
            WriteFolded(sb, text, column + 1, indent, quoted: true);
            sb.Append('\'');
        }
        else
        {
            WriteDoubleQuoted(sb, text);
        }
    }

    // PyYAML's write_plain / write_single_quoted: a single space after column 80 becomes a line
    // break plus the indent; quotes are doubled inside single-quoted scalars.
    private static void WriteFolded(StringBuilder sb, string text, int column, int indent, bool quoted)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                var start = i;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                var single = i - start == 1;
                var canBreak = single && column > BestWidth && (!quoted || (start != 0 && i != text.Length));
                if (canBreak)
                {
                    sb.Append('\n').Append(' ', indent);
                    column = indent;
                }
                else
                {
                    sb.Append(' ', i - start);
                    column += i - start;
                }
            }
            else
            {
                var ch = text[i];
                if (quoted && ch == '\'')
                {
                    sb.Append("''");
                    column += 2;
                }
                else
                {
                    sb.Append(ch);
                    column++;
                }

                i++;
            }
        }
    }

    private static void WriteDoubleQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u00a0': sb.Append("\\_"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (IsPrintable(ch))
                    {
                        sb.Append(ch);
                    }
                    else if (ch <= 0xFF)
                    {
                        sb.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static bool IsPrintable(char ch) =>
        ch is (>= '\x20' and <= '\x7E') or '\x85' or (>= '\xA0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD')
        || char.IsSurrogate(ch);

    private static bool IsSpaceOrBreak(char ch) => ch is '\0' or ' ' or '\t' or '\r' or '\n' or '\x85' or '\u2028' or '\u2029';

    private static bool IsBreak(char ch) => ch is '\n' or '\x85' or '\u2028' or '\u2029';

    private static (bool AllowPlain, bool AllowSingleQuoted) Analyze(string s)
    {
        if (s.Length == 0)
        {
            return (false, true);
        }

        bool flowIndicators = false, blockIndicators = false, lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
        {
            flowIndicators = blockIndicators = true;
        }

        var precededByWhitespace = true;
        var followedByWhitespace = s.Length == 1 || IsSpaceOrBreak(s[1]);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (i == 0)
            {
                if ("#,[]{}&*!|>'\"%@`".Contains(ch, StringComparison.Ordinal))
                {
                    flowIndicators = blockIndicators = true;
                }

                if (ch is '?' or ':')
                {
                    flowIndicators = true;
                    blockIndicators |= followedByWhitespace;
                }

                if (ch == '-' && followedByWhitespace)
                {
                    flowIndicators = blockIndicators = true;
                }
            }
            else
            {
                if (",?[]{}".Contains(ch, StringComparison.Ordinal))
                {
                    flowIndicators = true;
                }

                if (ch == ':')
                {
                    flowIndicators = true;
                    blockIndicators |= followedByWhitespace;
                }

                if (ch == '#' && precededByWhitespace)
                {
                    flowIndicators = blockIndicators = true;
                }
            }

            if (IsBreak(ch))
            {
                lineBreaks = true;
            }

            if (!(ch == '\n' || (ch >= '\x20' && ch <= '\x7E')) && (!IsPrintable(ch) || ch == '\uFEFF'))
            {
                special = true;
            }

            if (ch == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == s.Length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(ch))
            {
                leadingBreak |= i == 0;
                trailingBreak |= i == s.Length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = previousBreak = false;
            }

            precededByWhitespace = IsSpaceOrBreak(ch);
            followedByWhitespace = i + 2 >= s.Length || IsSpaceOrBreak(s[i + 2]);
        }

        bool allowPlain = true, allowSingle = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            allowPlain = false;
        }

        if (breakSpace || spaceBreak || special)
        {
            allowPlain = allowSingle = false;
        }

        if (lineBreaks || blockIndicators)
        {
            allowPlain = false;
        }

        // Multi-line text goes double-quoted: always valid YAML, and simpler than PyYAML's
        // single-quoted line-break doubling (MLflow never writes such values itself).
        if (lineBreaks)
        {
            allowSingle = false;
        }

        _ = flowIndicators;
        return (allowPlain, allowSingle);
    }

    // PyYAML's implicit resolvers: a plain scalar that would read back as bool, int, float,
    // null, timestamp, merge or value must be quoted.
    private static bool ResolvesToNonString(string s) => ImplicitTypes().IsMatch(s);

    [GeneratedRegex(
        @"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
        @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+" +
        @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
        @"|~|null|Null|NULL|<<|=" +
        @"|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ImplicitTypes();
}
