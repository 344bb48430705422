using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Crucible.Abstractions;

namespace Crucible.Host.Configuration;

/// <summary>
/// Validates bound options: DataAnnotations attributes on each property, then
/// <see cref="IValidatableObject"/> for rules across properties, recursively through nested options;
/// resolves <see cref="DataPathAttribute"/> paths to absolute ones and reports missing data.
/// </summary>
internal sealed partial class OptionsValidator
{
    private readonly ProblemCollector problems;
    private readonly ISet<string> failedPaths;
    private readonly PathResolution paths;

    public OptionsValidator(ProblemCollector problems, ISet<string> failedPaths, PathResolution paths)
    {
        this.problems = problems;
        this.failedPaths = failedPaths;
        this.paths = paths;
    }

    public void Validate(object options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        var before = problems.Problems.Count;
        foreach (var property in OptionsBinder.BindableProperties(options.GetType()))
        {
            var propertyPath = JsonPaths.Property(path, OptionsBinder.JsonName(property));
            if (failedPaths.Any(f => JsonPaths.IsPrefixOf(propertyPath, f) || JsonPaths.IsPrefixOf(f, propertyPath)))
            {
                continue;
            }

            var value = property.GetValue(options);
            if (!CheckAttributes(options, property, value, propertyPath))
            {
                continue;
            }

            if (property.GetCustomAttribute<DataPathAttribute>() is { } dataPath)
            {
                ResolveDataPaths(options, property, value, dataPath, propertyPath);
                continue;
            }

            ValidateNested(value, propertyPath);
        }

        // Cross-property rules only make sense on options whose properties are individually valid.
        if (options is IValidatableObject validatable && problems.Problems.Count == before)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.FirstOrDefault();
                var property = member is null ? null : options.GetType().GetProperty(member);
                var at = property is null ? path : JsonPaths.Property(path, OptionsBinder.JsonName(property));
                problems.Add(at, result.ErrorMessage ?? "is invalid.");
            }
        }
    }

    private void ValidateNested(object? value, string path)
    {
        switch (value)
        {
            case null or string:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (IsOptionsObject(entry.Value))
                    {
                        Validate(entry.Value!, JsonPaths.Property(path, (string)entry.Key));
                    }
                }

                return;
            case IEnumerable items when value is not System.Text.Json.Nodes.JsonNode:
                var index = 0;
                foreach (var item in items)
                {
                    if (IsOptionsObject(item))
                    {
                        Validate(item!, JsonPaths.Index(path, index));
                    }

                    index++;
                }

                return;
            default:
                if (IsOptionsObject(value))
                {
                    Validate(value, path);
                }

                return;
        }
    }

    private static bool IsOptionsObject(object? value) =>
        value is not null && value.GetType().IsClass && value is not string and not System.Text.Json.Nodes.JsonNode
        && value.GetType().GetConstructor(Type.EmptyTypes) is not null && value is not IEnumerable;

    private bool CheckAttributes(object owner, PropertyInfo property, object? value, string path)
    {
        var context = new ValidationContext(owner) { MemberName = property.Name, DisplayName = OptionsBinder.JsonName(property) };
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
            {
                problems.Add(path, Message(attribute, value, failure));
                return false;
            }
        }

        return true;
    }

    private static string Message(ValidationAttribute attribute, object? value, ValidationResult failure)
    {
        if (attribute.ErrorMessage is { Length: > 0 } custom && attribute is not RegularExpressionAttribute)
        {
            return failure.ErrorMessage ?? custom;
        }

        var shown = Show(value);
        return attribute switch
        {
            RangeAttribute range => RangeMessage(range, shown),
            RequiredAttribute => "is required.",
            MinLengthAttribute min => $"must have at least {min.Length} {(value is string ? "characters" : "items")}, got {shown}.",
            MaxLengthAttribute max => $"must have at most {max.Length} {(value is string ? "characters" : "items")}, got {shown}.",
            StringLengthAttribute length => $"must have between {length.MinimumLength} and {length.MaximumLength} characters, got {shown}.",
            RegularExpressionAttribute regex => attribute.ErrorMessage is { Length: > 0 } text
                ? $"{text}, got {shown}."
                : $"must match the pattern {regex.Pattern}, got {shown}.",
            _ => failure.ErrorMessage ?? $"is invalid, got {shown}.",
        };
    }

    private static string RangeMessage(RangeAttribute range, string shown)
    {
        var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        var unboundedAbove = max >= int.MaxValue || double.IsPositiveInfinity(max);
        var lower = min == double.Epsilon ? "greater than 0" : $"at least {Format(min)}";
        return unboundedAbove
            ? $"must be {lower}, got {shown}."
            : min == double.Epsilon
                ? $"must be greater than 0 and at most {Format(max)}, got {shown}."
                : $"must be between {Format(min)} and {Format(max)}, got {shown}.";
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        ICollection c => $"{c.Count} items",
        _ => value.ToString() ?? string.Empty,
    };

    private void ResolveDataPaths(object owner, PropertyInfo property, object? value, DataPathAttribute attribute, string path)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (text.Length > 0 && Resolve(text, attribute, path) is { } resolved)
                {
                    property.SetValue(owner, resolved);
                }

                return;
            // An array's IList<string> reports read-only (its size is fixed), but its items can be replaced.
            case IList<string> list when value is string[] || !list.IsReadOnly:
                for (var i = 0; i < list.Count; i++)
                {
                    if (Resolve(list[i], attribute, JsonPaths.Index(path, i)) is { } item)
                    {
                        list[i] = item;
                    }
                }

                return;
            default:
                return;
        }
    }

    private string? Resolve(string given, DataPathAttribute attribute, string path)
    {
        var expanded = Variable().Replace(given, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            return Environment.GetEnvironmentVariable(name) ?? m.Value;
        });
        if (Variable().Match(expanded) is { Success: true } unset)
        {
            problems.Add(path, $"the environment variable in '{given}' ({unset.Value}) is not set.");
            return null;
        }

        if (expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            expanded = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), expanded[2..]);
        }

        string resolved;
        if (Path.IsPathRooted(expanded))
        {
            resolved = Path.GetFullPath(expanded);
        }
        else
        {
            var underData = paths.DataRoot is null ? null : Path.GetFullPath(expanded, paths.DataRoot);
            var besideFile = Path.GetFullPath(expanded, paths.ExperimentDirectory);
            resolved = underData is not null && Exists(underData, attribute) ? underData : besideFile;
        }

        if (attribute.MustExist && !Path.Exists(resolved))
        {
            var what = attribute.IsDirectory ? "data folder" : "data file";
            var where = Path.IsPathRooted(expanded)
                ? resolved
                : paths.DataRoot is null
                    ? $"{resolved}; {PathResolution.DataRootVariable} is not set"
                    : $"looked under {PathResolution.DataRootVariable}={paths.DataRoot} and next to the experiment file";
            problems.Add(path, $"{what} '{given}' not found ({where}).");
            return null;
        }

        // A FIFO blocks the reader, a device never ends, a folder is not a file: only regular files are data.
        if (DataFiles.Problem(resolved, attribute.IsDirectory) is { } unusable && (attribute.MustExist || Path.Exists(resolved)))
        {
            problems.Add(path, $"{(attribute.IsDirectory ? "data folder" : "data file")} '{given}' ({resolved}) {unusable}.");
            return null;
        }

        return resolved;
    }

    private static bool Exists(string path, DataPathAttribute attribute) =>
        attribute.IsDirectory ? Directory.Exists(path) : File.Exists(path);

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
