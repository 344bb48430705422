using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Plugins.Training.Losses;

/// <summary>The per-class or per-output weights a loss takes from the experiment file, as a tensor on the training device.</summary>
internal static class LossWeights
{
    /// <summary>
    /// A float tensor of <paramref name="values"/> on the context's device, or null when none were
    /// given; <paramref name="expected"/> values are needed (one per class, or per model output).
    /// </summary>
    public static Tensor? Create(IReadOnlyList<double>? values, int expected, string what, string option, string loss, LossContext context)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count != expected)
        {
            throw new ExperimentConfigException(string.Create(CultureInfo.InvariantCulture,
                $"loss '{loss}': {option} needs one weight per {what} ({expected} for dataset '{context.Dataset.Name}'), got {values.Count}."));
        }

        var data = values.Select(v => (float)v).ToArray();
        return torch.Tensor(data, device: context.Device).DetachFromDisposeScope();
    }

    /// <summary>Weights must be finite and not negative.</summary>
    public static IEnumerable<ValidationResult> Check(IReadOnlyList<double>? values, string member)
    {
        foreach (var bad in (values ?? []).Where(v => !(v >= 0) || double.IsInfinity(v)).Take(1))
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"every weight must be finite and at least 0, got {bad}."), [member]);
        }
    }
}
