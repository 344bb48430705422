using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>
/// The schedulers listed inside <c>sequential</c> and <c>chained</c>: each entry is a scheduler
/// section of its own (<c>{ "name": "linear", "totalIters": 5 }</c>, or just its name for the
/// defaults, as at the top level), bound to the options of the
/// scheduler plugin of that name in this assembly and built by that plugin, so a nested scheduler
/// takes exactly the options and checks it takes at the top level.
/// </summary>
internal static class NestedSchedulers
{
    /// <summary>Schedulers that cannot be nested: the two containers, and the metric-driven one, which neither container can step.</summary>
    private static readonly string[] NotNestable = ["sequential", "chained", "reduce-on-plateau"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private static readonly Lazy<Dictionary<string, ILrScheduler>> Plugins = new(FindPlugins);

    /// <summary>The names a nested entry may use.</summary>
    public static IEnumerable<string> Names => Plugins.Value.Keys.Where(n => !NotNestable.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>Every problem of the entries, each prefixed with the entry's position and name; empty when all bind and validate.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<JsonNode?> specs, SchedulerInterval interval)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            Bind(specs[i], i, interval, problems);
        }

        return problems;
    }

    /// <summary>Builds the entries in order, each on <paramref name="context"/>'s optimizer, as a PyTorch user constructs them before the container.</summary>
    public static IReadOnlyList<LRScheduler> Create(IReadOnlyList<JsonNode?> specs, SchedulerInterval interval, SchedulerContext context, string owner)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<string>();
        var bound = specs.Select((spec, i) => Bind(spec, i, interval, problems)).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The {owner} scheduler's schedulers are invalid: {string.Join(" ", problems)}", nameof(specs));
        }

        return bound.Select(b => b!.Value.Plugin.Create(b.Value.Options, context).Scheduler).ToList();
    }

    private static (ILrScheduler Plugin, object Options)? Bind(JsonNode? node, int index, SchedulerInterval interval, List<string> problems)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"schedulers[{index}]");
        var spec = node switch
        {
            JsonObject given => given,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => new JsonObject { ["name"] = value.GetValue<string>() },
            _ => null,
        };
        if (spec is null)
        {
            var got = node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
            problems.Add($"{at}: expected a scheduler's name or section such as {{ \"name\": \"linear\" }}, got {got}.");
            return null;
        }

        if (spec["name"] is not JsonValue nameNode || nameNode.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"{at}: needs a \"name\", one of: {string.Join(", ", Names)}.");
            return null;
        }

        var name = nameNode.GetValue<string>();
        if (NotNestable.Contains(name, StringComparer.Ordinal))
        {
            problems.Add($"{at}: '{name}' cannot be nested; use one of: {string.Join(", ", Names)}.");
            return null;
        }

        if (!Plugins.Value.TryGetValue(name, out var plugin))
        {
            problems.Add($"{at}: unknown scheduler '{name}'; use one of: {string.Join(", ", Names)}.");
            return null;
        }

        var before = problems.Count;
        var properties = plugin.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var keys = properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();
        var section = new JsonObject();
        foreach (var (key, value) in spec)
        {
            if (key == "name")
            {
                continue;
            }

            if (string.Equals(key, "interval", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{at} ({name}): a nested scheduler is stepped on its container's interval; set 'interval' on the container.");
            }
            else if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{at} ({name}): unknown option '{key}'; '{name}' takes: {string.Join(", ", keys.Where(k => k != "interval"))}.");
            }
            else
            {
                section[key] = value?.DeepClone();
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        object options;
        try
        {
            options = section.Deserialize(plugin.OptionsType, Json) ?? Activator.CreateInstance(plugin.OptionsType)!;
        }
        catch (JsonException e)
        {
            problems.Add($"{at} ({name}): {e.Message}");
            return null;
        }

        if (options is IScheduleOptions scheduled)
        {
            scheduled.Interval = interval;
        }

        foreach (var property in properties)
        {
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = JsonNamingPolicy.CamelCase.ConvertName(property.Name) };
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.GetValidationResult(property.GetValue(options), context) is { ErrorMessage: { } message })
                {
                    problems.Add($"{at} ({name}): {message}");
                }
            }
        }

        if (problems.Count == before && options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.FirstOrDefault() is { } m ? JsonNamingPolicy.CamelCase.ConvertName(m) + " " : string.Empty;
                problems.Add($"{at} ({name}): {member}{result.ErrorMessage}");
            }
        }

        return problems.Count > before ? null : (plugin, options);
    }

    private static Dictionary<string, ILrScheduler> FindPlugins() =>
        typeof(NestedSchedulers).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILrScheduler).IsAssignableFrom(t))
            .Select(t => (Attribute: t.GetCustomAttribute<PluginAttribute>(), Type: t))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => (ILrScheduler)Activator.CreateInstance(x.Type)!, StringComparer.Ordinal);
}
