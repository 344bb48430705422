using System.Text;

namespace Crucible.Torch.Nn;

/// <summary>
/// A state dict does not fit a module: names missing or unexpected (strict loading), or a tensor
/// whose shape or dtype differs. Nothing was loaded. The message lists every difference.
/// </summary>
public sealed class StateDictMismatchException : TorchException
{
    /// <summary>Creates the exception from the differences found while loading into <paramref name="moduleName"/>.</summary>
    public StateDictMismatchException(string moduleName, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<string> mismatches)
        : base(Describe(moduleName, missingKeys, unexpectedKeys, mismatches))
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        Mismatches = mismatches;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StateDictMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StateDictMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public StateDictMismatchException()
    {
    }

    /// <summary>Names the module has and the state dict lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];

    /// <summary>Names the state dict has and the module lacks.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; } = [];

    /// <summary>One line per tensor whose shape or dtype differs: name, state dict's value, module's value.</summary>
    public IReadOnlyList<string> Mismatches { get; } = [];

    private static string Describe(string moduleName, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> mismatches)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(unexpected);
        ArgumentNullException.ThrowIfNull(mismatches);
        var text = new StringBuilder($"Error(s) in loading state dict for {moduleName}:");
        if (missing.Count > 0)
        {
            text.Append("\n  Missing key(s): ").AppendJoin(", ", missing.Select(k => $"\"{k}\"")).Append('.');
        }

        if (unexpected.Count > 0)
        {
            text.Append("\n  Unexpected key(s): ").AppendJoin(", ", unexpected.Select(k => $"\"{k}\"")).Append('.');
        }

        foreach (var line in mismatches)
        {
            text.Append("\n  ").Append(line).Append('.');
        }

        return text.ToString();
    }
}
