using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>multi-step</c> scheduler.</summary>
public sealed class MultiStepLrOptions : IScheduleOptions, IValidatableObject
{
    /// <summary>The steps (epochs, or batches with a per-batch interval) at which the rate decays; a step listed twice decays twice. Required.</summary>
    [Required]
    [MinLength(1)]
    public List<int> Milestones { get; set; } = [];

    /// <summary>The factor the rate is multiplied by at each milestone. Defaults to 0.1.</summary>
    [Range(0.0, double.MaxValue)]
    public double Gamma { get; set; } = 0.1;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The scheduler's first step is step 1: a milestone at 0 or below would never fire.
        foreach (var milestone in Milestones.Where(m => m < 1).Take(1))
        {
            yield return new ValidationResult($"every milestone must be at least 1 (the first step), got {milestone}.", [nameof(Milestones)]);
        }
    }
}
