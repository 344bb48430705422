using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>sequential</c> scheduler.</summary>
public sealed class SequentialOptions : IScheduleOptions, IValidatableObject
{
    /// <summary>
    /// The schedulers, in order, each a scheduler name or a section of its own (<c>{ "name": "linear", "totalIters": 5 }</c>);
    /// any scheduler but sequential, chained and reduce-on-plateau. Required.
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<JsonNode> Schedulers { get; set; } = [];

    /// <summary>The steps at which the next scheduler takes over; one fewer than the schedulers. Defaults to none.</summary>
    [Required]
    public List<int> Milestones { get; set; } = [];

    /// <summary>When the trainer steps the scheduler (and so every scheduler in it): <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Milestones.Count != Schedulers.Count - 1)
        {
            yield return new ValidationResult(
                $"must have one milestone fewer than the schedulers: {Schedulers.Count} schedulers need {Schedulers.Count - 1}, got {Milestones.Count}.",
                [nameof(Milestones)]);
        }

        for (var i = 1; i < Milestones.Count; i++)
        {
            if (Milestones[i] <= Milestones[i - 1])
            {
                yield return new ValidationResult($"must increase, got {Milestones[i - 1]} then {Milestones[i]}.", [nameof(Milestones)]);
                break;
            }
        }

        foreach (var problem in NestedSchedulers.Problems(Schedulers, Interval))
        {
            yield return new ValidationResult(problem, [nameof(Schedulers)]);
        }
    }
}
