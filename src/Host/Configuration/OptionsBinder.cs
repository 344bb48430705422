using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Crucible.Host.Configuration;

/// <summary>
/// Binds a JSON section to an options class: every key must name a settable property (camelCase,
/// matched case-insensitively), every value must have the property's type. Each mismatch becomes one
/// problem at its JSON path; binding goes on so all problems are reported at once.
/// </summary>
internal sealed class OptionsBinder
{
    private readonly ProblemCollector problems;
    private readonly NullabilityInfoContext nullability = new();

    public OptionsBinder(ProblemCollector problems)
    {
        this.problems = problems;
    }

    /// <summary>Where problems go.</summary>
    public ProblemCollector Problems => problems;

    /// <summary>JSON paths whose values failed to bind; validation skips them so one mistake is one message.</summary>
    public HashSet<string> FailedPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>The JSON name of a property: its [JsonPropertyName], else camelCase.</summary>
    public static string JsonName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
    }

    /// <summary>The properties an options class binds, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .OrderBy(p => p.MetadataToken)
            .ToList();

    /// <summary>
    /// Creates an instance of <paramref name="type"/> (defaults from its initializers) and sets what
    /// <paramref name="section"/> holds, ignoring <paramref name="ignoredKeys"/> (a plugin section's <c>name</c>).
    /// </summary>
    public object BindObject(JsonObject? section, Type type, string path, string owner, params string[] ignoredKeys)
    {
        ArgumentNullException.ThrowIfNull(type);
        var instance = Activator.CreateInstance(type)!;
        if (section is null)
        {
            return instance;
        }

        var properties = BindableProperties(type);
        var byName = properties.ToDictionary(JsonName, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section)
        {
            if (ignoredKeys.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            var keyPath = JsonPaths.Property(path, key);
            if (!byName.TryGetValue(key, out var property))
            {
                var names = properties.Select(JsonName).ToList();
                var known = names.Count == 0
                    ? $"{owner} takes no options."
                    : $"{owner} takes: {string.Join(", ", names)}.";
                problems.Add(keyPath, $"unknown option '{key}'.{NameSuggestions.DidYouMean(key, names)} {known}");
                FailedPaths.Add(keyPath);
                continue;
            }

            var allowNull = nullability.Create(property).WriteState != NullabilityState.NotNull;
            var given = property.GetCustomAttribute<NumberAsTextAttribute>() is not null && value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                ? JsonValue.Create(number.ToJsonString())
                : value;
            if (TryBind(given, property.PropertyType, keyPath, allowNull, out var bound))
            {
                property.SetValue(instance, bound);
            }
            else
            {
                FailedPaths.Add(keyPath);
            }
        }

        return instance;
    }

    private bool TryBind(JsonNode? node, Type type, string path, bool allowNull, out object? result)
    {
        result = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is null)
        {
            if (underlying is not null || (allowNull && !type.IsValueType))
            {
                return true;
            }

            return Fail(path, $"must not be null; expected {Describe(type)}.");
        }

        type = underlying ?? type;
        if (type == typeof(JsonNode) || typeof(JsonNode).IsAssignableFrom(type))
        {
            var clone = node.DeepClone();
            if (!type.IsInstanceOfType(clone))
            {
                return Fail(path, $"expected {Describe(type)}, got {ExperimentDocument.Kind(node)}.");
            }

            result = clone;
            return true;
        }

        if (type == typeof(JsonElement))
        {
            result = JsonSerializer.SerializeToElement(node);
            return true;
        }

        if (type == typeof(string))
        {
            return TryScalar(node, JsonValueKind.String, type, path, n => n.GetValue<string>(), out result);
        }

        if (type == typeof(bool))
        {
            return node is JsonValue && node.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? Ok(node.GetValue<bool>(), out result)
                : Fail(path, $"expected true or false, got {ExperimentDocument.Kind(node)}.");
        }

        if (IsInteger(type))
        {
            return TryInteger(node, type, path, out result);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return TryReal(node, type, path, out result);
        }

        if (type.IsEnum)
        {
            return TryEnum(node, type, path, out result);
        }

        if (ElementTypeOfList(type) is { } elementType)
        {
            return TryList(node, type, elementType, path, out result);
        }

        if (ValueTypeOfDictionary(type) is { } valueType)
        {
            return TryDictionary(node, type, valueType, path, out result);
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            if (node is not JsonObject obj)
            {
                return Fail(path, $"expected an object, got {ExperimentDocument.Kind(node)}.");
            }

            // Problems inside are reported at their own paths; the object itself is still set.
            result = BindObject(obj, type, path, $"'{path}'");
            return true;
        }

        try
        {
            result = node.Deserialize(type);
            return true;
        }
        catch (JsonException e)
        {
            return Fail(path, $"expected {Describe(type)}: {e.Message}");
        }
    }

    private bool TryScalar(JsonNode node, JsonValueKind kind, Type type, string path, Func<JsonNode, object> read, out object? result)
    {
        if (node is JsonValue && node.GetValueKind() == kind)
        {
            result = read(node);
            return true;
        }

        result = null;
        return Fail(path, $"expected {Describe(type)}, got {ExperimentDocument.Kind(node)}.");
    }

    private bool TryInteger(JsonNode node, Type type, string path, out object? result)
    {
        result = null;
        if (node is not JsonValue || node.GetValueKind() != JsonValueKind.Number)
        {
            return Fail(path, $"expected an integer, got {ExperimentDocument.Kind(node)}.");
        }

        var raw = node.ToJsonString();
        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(path, $"{raw} is out of range for {Describe(type)}.");
        }

        if (value != decimal.Truncate(value))
        {
            return Fail(path, $"expected an integer, got {raw}.");
        }

        try
        {
            result = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            return true;
        }
        catch (OverflowException)
        {
            return Fail(path, $"{raw} is out of range for {Describe(type)}.");
        }
    }

    private bool TryReal(JsonNode node, Type type, string path, out object? result)
    {
        result = null;
        double value;
        if (node is JsonValue && node.GetValueKind() == JsonValueKind.Number)
        {
            value = node.GetValue<double>();
        }
        else if (node is JsonValue && node.GetValueKind() == JsonValueKind.String
            && node.GetValue<string>() is "Infinity" or "-Infinity" or "NaN" or "inf" or "-inf")
        {
            // JSON has no literal for them; PyTorch users write float("inf").
            value = node.GetValue<string>() switch
            {
                "Infinity" or "inf" => double.PositiveInfinity,
                "-Infinity" or "-inf" => double.NegativeInfinity,
                _ => double.NaN,
            };
        }
        else
        {
            return Fail(path, $"expected a number, got {ExperimentDocument.Kind(node)}.");
        }

        if (type == typeof(float))
        {
            result = (float)value;
        }
        else if (type == typeof(decimal))
        {
            result = (decimal)value;
        }
        else
        {
            result = value;
        }

        return true;
    }

    private bool TryEnum(JsonNode node, Type type, string path, out object? result)
    {
        result = null;
        var names = EnumNames(type);
        if (node is JsonValue && node.GetValueKind() == JsonValueKind.String)
        {
            var text = node.GetValue<string>();
            var key = Canonical(text);
            var match = Enum.GetNames(type).FirstOrDefault(n => Canonical(n) == key);
            if (match is not null)
            {
                result = Enum.Parse(type, match);
                return true;
            }

            return Fail(path, $"'{text}' is not one of: {string.Join(", ", names)}.{NameSuggestions.DidYouMean(text, names)}");
        }

        return Fail(path, $"expected one of {string.Join(", ", names)} (a string), got {ExperimentDocument.Kind(node)}.");
    }

    private bool TryList(JsonNode node, Type type, Type elementType, string path, out object? result)
    {
        result = null;
        if (node is not JsonArray array)
        {
            return Fail(path, $"expected a list, got {ExperimentDocument.Kind(node)}.");
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        var ok = true;
        var elementNullable = !elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null;
        for (var i = 0; i < array.Count; i++)
        {
            if (TryBind(array[i], elementType, JsonPaths.Index(path, i), elementNullable, out var item))
            {
                list.Add(item);
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return false;
        }

        if (type.IsArray)
        {
            var typed = Array.CreateInstance(elementType, list.Count);
            list.CopyTo(typed, 0);
            result = typed;
        }
        else
        {
            result = list;
        }

        return true;
    }

    private bool TryDictionary(JsonNode node, Type type, Type valueType, string path, out object? result)
    {
        result = null;
        if (node is not JsonObject obj)
        {
            return Fail(path, $"expected an object, got {ExperimentDocument.Kind(node)}.");
        }

        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        var ok = true;
        foreach (var (key, value) in obj)
        {
            if (TryBind(value, valueType, JsonPaths.Property(path, key), !valueType.IsValueType, out var item))
            {
                dictionary[key] = item;
            }
            else
            {
                ok = false;
            }
        }

        result = dictionary;
        return ok;
    }

    private bool Fail(string path, string message)
    {
        problems.Add(path, message);
        FailedPaths.Add(path);
        return false;
    }

    private static bool Ok(object value, out object? result)
    {
        result = value;
        return true;
    }

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    /// <summary>The element type when <paramref name="type"/> is an array or a list-like interface or List.</summary>
    public static Type? ElementTypeOfList(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The value type when <paramref name="type"/> is a dictionary keyed by string.</summary>
    public static Type? ValueTypeOfDictionary(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        return (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            && args[0] == typeof(string)
            ? args[1]
            : null;
    }

    /// <summary>The JSON spellings of an enum's values (camelCase).</summary>
    public static IReadOnlyList<string> EnumNames(Type type) => Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();

    /// <summary>"an integer", "a number", "a list of integers", ... for messages.</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (IsInteger(type))
        {
            return "an integer";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", EnumNames(type))}";
        }

        if (ElementTypeOfList(type) is { } element)
        {
            return $"a list of {Plural(Describe(element))}";
        }

        return ValueTypeOfDictionary(type) is not null || type.IsClass ? "an object" : type.Name;
    }

    private static string Plural(string description) => description switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        "a number" => "numbers",
        "an object" => "objects",
        "true or false" => "booleans",
        _ => description,
    };

    private static string Canonical(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal)
        .Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
