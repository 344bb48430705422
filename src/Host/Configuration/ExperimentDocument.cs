using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;

namespace Crucible.Host.Configuration;

/// <summary>
/// An experiment file as JSON, after <c>extends</c> (deep merge: objects merge key by key, anything
/// else is replaced) and <c>--set</c> overrides, remembering which file or override last set each
/// value so every problem names the right place.
/// </summary>
internal sealed class ExperimentDocument
{
    public const string ExtendsKey = "extends";
    public const string SchemaKey = "$schema";

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    private readonly Dictionary<string, string> sources = new(StringComparer.Ordinal);

    private ExperimentDocument(string filePath, string displayPath, JsonObject root)
    {
        FilePath = filePath;
        DisplayPath = displayPath;
        Root = root;
    }

    /// <summary>The absolute path of the experiment file.</summary>
    public string FilePath { get; }

    /// <summary>The file as the user named it, for messages.</summary>
    public string DisplayPath { get; }

    /// <summary>The merged document (without <c>extends</c>).</summary>
    public JsonObject Root { get; }

    /// <summary>The file or override that last set the value at <paramref name="jsonPath"/> (or an ancestor).</summary>
    public string SourceOf(string jsonPath)
    {
        var best = DisplayPath;
        var bestLength = -1;
        foreach (var (path, source) in sources)
        {
            if (path.Length > bestLength && JsonPaths.IsPrefixOf(path, jsonPath))
            {
                best = source;
                bestLength = path.Length;
            }
        }

        return best;
    }

    /// <summary>
    /// Reads <paramref name="path"/> and everything it extends. Throws <see cref="ExperimentConfigException"/>
    /// when a file is missing, is not valid JSON, or the extends chain has a cycle: nothing else can be checked then.
    /// </summary>
    public static ExperimentDocument Load(string path, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path, workingDirectory);
        var document = new ExperimentDocument(full, path, []);
        var merged = document.LoadFile(full, path, path, [], null);
        foreach (var (key, value) in merged)
        {
            document.Root[key] = value?.DeepClone();
        }

        return document;
    }

    /// <summary>Applies <c>--set key.path=value</c> overrides in order; bad ones become problems.</summary>
    public void ApplyOverrides(IEnumerable<string> overrides, ProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var text in overrides)
        {
            var source = $"--set {text}";
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add(new ConfigProblem(source, JsonPaths.Root, "an override must look like key.path=value (for example optimizer.lr=0.01)."));
                continue;
            }

            var key = text[..equals].Trim();
            var valueText = text[(equals + 1)..];
            var segments = key.Split('.');
            if (segments.Any(s => s.Length == 0))
            {
                problems.Add(new ConfigProblem(source, JsonPaths.Root, $"'{key}' is not a valid key path: segments are separated by single dots."));
                continue;
            }

            var error = Set(segments, ParseOverrideValue(valueText), out var jsonPath);
            if (error is not null)
            {
                problems.Add(new ConfigProblem(source, jsonPath, error));
                continue;
            }

            sources[jsonPath] = source;
        }
    }

    /// <summary>JSON when the text is JSON (<c>0.01</c>, <c>true</c>, <c>[64,32]</c>, <c>"x"</c>), else the text as a string.</summary>
    private static JsonNode? ParseOverrideValue(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: ParseOptions);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private string? Set(string[] segments, JsonNode? value, out string jsonPath)
    {
        jsonPath = JsonPaths.Root;
        JsonNode current = Root;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            switch (current)
            {
                case JsonObject obj:
                    jsonPath = JsonPaths.Property(jsonPath, segment);
                    if (last)
                    {
                        obj[segment] = value;
                        return null;
                    }

                    if (obj[segment] is null)
                    {
                        obj[segment] = new JsonObject();
                    }

                    current = obj[segment]!;
                    break;
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    if (index >= array.Count)
                    {
                        return $"index {index} is past the end of the list ({array.Count} items).";
                    }

                    jsonPath = JsonPaths.Index(jsonPath, index);
                    if (last)
                    {
                        array[index] = value;
                        return null;
                    }

                    current = array[index] ?? throw new InvalidOperationException("unreachable");
                    break;
                default:
                    return $"cannot set '{segment}' inside a {Kind(current)} value.";
            }
        }

        return null;
    }

    private JsonObject LoadFile(string full, string display, string written, List<string> chain, string? extendedFrom)
    {
        if (chain.Contains(full, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", chain.Append(full).Select(Path.GetFileName));
            throw new ExperimentConfigException(extendedFrom ?? display, $"$.{ExtendsKey}", $"extends forms a cycle: {cycle}.");
        }

        if (!File.Exists(full))
        {
            throw extendedFrom is null
                ? new ExperimentConfigException(display, JsonPaths.Root, $"the experiment file does not exist ({full}).")
                : new ExperimentConfigException(extendedFrom, $"$.{ExtendsKey}", $"the base file '{written}' does not exist ({full}).");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(full), documentOptions: ParseOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new ExperimentConfigException(display, JsonPaths.Root, $"invalid JSON{where}: {ShortMessage(e)}");
        }

        if (node is not JsonObject obj)
        {
            throw new ExperimentConfigException(display, JsonPaths.Root, $"an experiment file must be a JSON object, not {Kind(node)}.");
        }

        var bases = BaseFiles(obj, display);
        obj.Remove(ExtendsKey);
        var merged = new JsonObject();
        chain.Add(full);
        foreach (var baseFile in bases)
        {
            var baseFull = Path.GetFullPath(baseFile, Path.GetDirectoryName(full)!);
            var baseDisplay = Path.GetRelativePath(Environment.CurrentDirectory, baseFull);
            var baseObject = LoadFile(baseFull, baseDisplay.StartsWith("..", StringComparison.Ordinal) ? baseFull : baseDisplay, baseFile, chain, display);
            Merge(merged, baseObject, JsonPaths.Root, null);
        }

        chain.RemoveAt(chain.Count - 1);
        Merge(merged, obj, JsonPaths.Root, display);
        return merged;
    }

    private static List<string> BaseFiles(JsonObject obj, string display)
    {
        var extends = obj[ExtendsKey];
        if (extends is null)
        {
            return [];
        }

        if (extends is JsonValue v && v.TryGetValue<string>(out var one))
        {
            return [one];
        }

        if (extends is JsonArray array && array.All(a => a is JsonValue av && av.TryGetValue<string>(out _)))
        {
            return array.Select(a => a!.GetValue<string>()).ToList();
        }

        throw new ExperimentConfigException(display, $"$.{ExtendsKey}", "extends must be a file path or a list of file paths.");
    }

    /// <summary>Deep-merges <paramref name="source"/> into <paramref name="target"/>; records <paramref name="file"/> as the source of what it sets.</summary>
    private void Merge(JsonObject target, JsonObject source, string path, string? file)
    {
        foreach (var (key, value) in source)
        {
            var childPath = JsonPaths.Property(path, key);
            if (value is JsonObject sourceChild && target[key] is JsonObject targetChild)
            {
                Merge(targetChild, sourceChild, childPath, file);
                continue;
            }

            target[key] = value?.DeepClone();
            if (file is not null)
            {
                // Whatever an inner merge recorded below this path is superseded.
                foreach (var stale in sources.Keys.Where(p => JsonPaths.IsPrefixOf(childPath, p)).ToList())
                {
                    sources.Remove(stale);
                }

                sources[childPath] = file;
            }
        }
    }

    /// <summary>Describes a JSON value's kind for messages: "a string", "an object", ...</summary>
    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
            _ => node.ToJsonString(),
        },
    };

    private static string ShortMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
