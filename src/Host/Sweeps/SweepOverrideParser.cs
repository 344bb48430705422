using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Host.Sweeps;

/// <summary>
/// Hydra's sweep override grammar, the part that fits an experiment file:
/// <list type="bullet">
/// <item><c>optimizer.lr=0.1,0.01,0.001</c> and <c>choice(0.1,0.01)</c>: a list of values;</item>
/// <item><c>model.hidden=[4],[8,8]</c>: list values, as JSON (brackets and quotes nest);</item>
/// <item><c>training.epochs=range(10,40,10)</c>: start, stop (excluded), step (default 1), as Python's range;</item>
/// <item><c>optimizer.momentum=interval(0.5,0.99)</c>: a continuous interval (random and tpe only);</item>
/// <item><c>optimizer.lr=tag(log, interval(1e-4,1e-1))</c>: sampled uniformly in log space;</item>
/// <item><c>model.hidden.0=int(interval(4,64))</c>: whole numbers from an interval.</item>
/// </list>
/// A single value (<c>training.epochs=50</c>) fixes the setting for every trial.
/// </summary>
internal static class SweepOverrideParser
{
    /// <summary>Parses <c>key=expression</c>.</summary>
    public static SweepParameter ParseOverride(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new SweepSyntaxException($"'{text}' must look like key.path=values, e.g. optimizer.lr=0.1,0.01 or optimizer.lr=tag(log, interval(1e-4, 1e-1)).");
        }

        return Parse(text[..equals].Trim(), text[(equals + 1)..]);
    }

    /// <summary>Parses the values expression of <paramref name="key"/>.</summary>
    public static SweepParameter Parse(string key, string expression)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(expression);
        if (key.Length == 0 || key.Split('.').Any(s => s.Length == 0))
        {
            throw new SweepSyntaxException($"'{key}' is not a key path: segments are separated by single dots (e.g. optimizer.lr).");
        }

        var reader = new Reader(key, expression);
        var items = reader.ReadList();
        reader.ExpectEnd();
        if (items.Count == 1 && items[0] is SweepParameter single)
        {
            return single;
        }

        var values = new List<JsonNode?>();
        foreach (var item in items)
        {
            switch (item)
            {
                case ChoiceParameter c:
                    values.AddRange(c.Values.Select(v => v?.DeepClone()));
                    break;
                case IntervalParameter:
                    throw new SweepSyntaxException($"{key}: an interval cannot be one item of a list ('{expression}'); sweep either a list of values or one interval.");
                default:
                    values.Add((JsonNode?)item);
                    break;
            }
        }

        return new ChoiceParameter(key, expression.Trim(), values);
    }

    private sealed class Reader(string key, string text)
    {
        private int position;

        /// <summary>Items separated by top-level commas; each a JSON value or a parsed function.</summary>
        public List<object?> ReadList()
        {
            var items = new List<object?>();
            while (true)
            {
                SkipSpace();
                items.Add(ReadItem());
                SkipSpace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }

                return items;
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (position < text.Length)
            {
                throw Error($"unexpected '{text[position..]}'");
            }
        }

        private object? ReadItem()
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var name = text[start..position];
            SkipSpace();
            if (name.Length > 0 && char.IsAsciiLetter(name[0]) && Peek() == '(')
            {
                position++;
                return ReadFunction(name);
            }

            position = start;
            return ReadValue();
        }

        private SweepParameter ReadFunction(string name)
        {
            switch (name)
            {
                case "choice":
                {
                    var items = ReadList();
                    Expect(')');
                    if (items.Any(i => i is SweepParameter))
                    {
                        throw Error("choice() takes plain values");
                    }

                    return new ChoiceParameter(key, text.Trim(), items.Cast<JsonNode?>().ToList());
                }

                case "range":
                {
                    var args = Numbers(ReadList(), "range(start, stop[, step])");
                    Expect(')');
                    return Range(args);
                }

                case "interval":
                {
                    var args = Numbers(ReadList(), "interval(low, high)");
                    Expect(')');
                    if (args.Count != 2 || !(args[0] < args[1]))
                    {
                        throw Error("interval(low, high) needs two numbers with low < high");
                    }

                    return new IntervalParameter(key, text.Trim(), args[0], args[1], Log: false, Integer: false);
                }

                case "int":
                {
                    var inner = ReadItem();
                    SkipSpace();
                    Expect(')');
                    return inner is IntervalParameter i
                        ? i with { Integer = true, Low = Math.Ceiling(i.Low), High = Math.Floor(i.High) }
                        : throw Error("int() takes an interval, e.g. int(interval(4, 64))");
                }

                case "tag":
                {
                    var items = ReadList();
                    Expect(')');
                    if (items.Count < 2 || items[^1] is not SweepParameter inner)
                    {
                        throw Error("tag(name, ..., interval(a, b)) ends with the swept expression");
                    }

                    var tags = items[..^1].Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
                    if (tags.Any(t => t is not "log"))
                    {
                        throw Error("the only tag understood is log, as in tag(log, interval(1e-4, 1e-1))");
                    }

                    if (inner is not IntervalParameter interval)
                    {
                        throw Error("tag(log, ...) applies to an interval");
                    }

                    if (interval.Low <= 0)
                    {
                        throw Error("a log interval needs a low bound above 0");
                    }

                    return interval with { Log = true, Text = text.Trim() };
                }

                default:
                    throw Error($"unknown function '{name}'; the functions are choice, range, interval, int and tag");
            }
        }

        private ChoiceParameter Range(List<double> args)
        {
            if (args.Count is < 1 or > 3)
            {
                throw Error("range(start, stop[, step]) takes one to three numbers");
            }

            var (start, stop, step) = args.Count switch
            {
                1 => (0.0, args[0], 1.0),
                2 => (args[0], args[1], 1.0),
                _ => (args[0], args[1], args[2]),
            };
            if (step == 0 || (stop - start) / step <= 0)
            {
                throw Error("range() is empty: stop must lie beyond start in the direction of step");
            }

            var count = (int)Math.Ceiling(((stop - start) / step) - 1e-9);
            if (count > 10_000)
            {
                throw Error("range() has more than 10,000 values");
            }

            var whole = args.All(a => a == Math.Floor(a));
            var values = Enumerable.Range(0, count)
                .Select(i => start + (i * step))
                .Select(v => whole ? (JsonNode?)JsonValue.Create((long)v) : JsonValue.Create(Math.Round(v, 12)))
                .ToList();
            return new ChoiceParameter(key, text.Trim(), values);
        }

        private List<double> Numbers(List<object?> items, string usage)
        {
            var numbers = new List<double>();
            foreach (var item in items)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    numbers.Add(AsNumber(v));
                }
                else
                {
                    throw Error($"{usage} takes numbers");
                }
            }

            return numbers;
        }

        /// <summary>A JSON value up to the next top-level ',' or ')'; a bare word is a string.</summary>
        private JsonNode? ReadValue()
        {
            SkipSpace();
            var start = position;
            var depth = 0;
            char? quote = null;
            for (; position < text.Length; position++)
            {
                var c = text[position];
                if (quote is { } q)
                {
                    if (c == '\\')
                    {
                        position++;
                    }
                    else if (c == q)
                    {
                        quote = null;
                    }

                    continue;
                }

                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c is '[' or '{' or '(')
                {
                    depth++;
                }
                else if (c is ']' or '}' || (c == ')' && depth > 0))
                {
                    depth--;
                }
                else if (depth == 0 && c is ',' or ')')
                {
                    break;
                }
            }

            if (quote is not null || depth != 0)
            {
                throw Error("unbalanced quotes or brackets");
            }

            var raw = text[start..position].Trim();
            if (raw.Length == 0)
            {
                throw Error("empty value");
            }

            if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'')
            {
                return JsonValue.Create(raw[1..^1]);
            }

            try
            {
                return JsonNode.Parse(raw);
            }
            catch (JsonException)
            {
                return JsonValue.Create(raw);
            }
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            position++;
        }

        private char? Peek() => position < text.Length ? text[position] : null;

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private SweepSyntaxException Error(string what) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{key}={text}: {what} (at character {position + 1}). {Usage}"));

        private const string Usage = "Sweeps are written as in Hydra: a,b,c | choice(a,b) | range(start,stop[,step]) | interval(low,high) | tag(log, interval(low,high)) | int(interval(low,high)).";
    }

    /// <summary>A JSON number as a double, whatever .NET type holds it.</summary>
    public static double AsNumber(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as <c>--set</c> takes it: JSON text.</summary>
    public static string FormatValue(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    /// <summary>The value for a table cell: strings bare, everything else as JSON.</summary>
    public static string Display(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : value is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? AsNumber(n).ToString("G6", CultureInfo.InvariantCulture)
        : FormatValue(value);
}
