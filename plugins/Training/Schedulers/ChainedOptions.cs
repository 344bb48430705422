using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>chained</c> scheduler.</summary>
public sealed class ChainedOptions : IScheduleOptions, IValidatableObject
{
    /// <summary>
    /// The schedulers stepped together, each a scheduler name or a section of its own (<c>{ "name": "exponential", "gamma": 0.9 }</c>);
    /// any scheduler but sequential, chained and reduce-on-plateau. Required.
    /// </summary>
    [Required]
    [MinLength(1)]
    public List<JsonNode> Schedulers { get; set; } = [];

    /// <summary>When the trainer steps the scheduler (and so every scheduler in it): <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        NestedSchedulers.Problems(Schedulers, Interval).Select(p => new ValidationResult(p, [nameof(Schedulers)]));
}
