using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>cyclic</c> scheduler.</summary>
public sealed class CyclicLrOptions : IScheduleOptions, IValidatableObject
{
    /// <summary>The lower rate of the cycle. Defaults to null: the optimizer's learning rate.</summary>
    [Range(0.0, double.MaxValue)]
    public double? BaseLr { get; set; }

    /// <summary>The upper rate of the cycle. Required.</summary>
    [Required]
    [Range(0.0, double.MaxValue)]
    public double? MaxLr { get; set; }

    /// <summary>Steps of the rising half of a cycle. Defaults to 2000.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double StepSizeUp { get; set; } = 2000;

    /// <summary>Steps of the falling half of a cycle. Defaults to null: <c>stepSizeUp</c>.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double? StepSizeDown { get; set; }

    /// <summary>Amplitude policy: <c>triangular</c>, <c>triangular2</c> (halved every cycle) or <c>expRange</c> (scaled by gamma^step). Defaults to triangular.</summary>
    public CyclicMode Mode { get; set; } = CyclicMode.Triangular;

    /// <summary>The base of the <c>expRange</c> amplitude. Defaults to 1.</summary>
    [Range(0.0, double.MaxValue)]
    public double Gamma { get; set; } = 1.0;

    /// <summary>Cycle the optimizer's momentum inversely to the rate; needs an optimizer with momentum (sgd, rmsprop). Defaults to true.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>The lower momentum. Defaults to 0.8.</summary>
    [Range(0.0, 1.0)]
    public double BaseMomentum { get; set; } = 0.8;

    /// <summary>The upper momentum. Defaults to 0.9.</summary>
    [Range(0.0, 1.0)]
    public double MaxMomentum { get; set; } = 0.9;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to batch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Batch;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseLr is { } low && MaxLr is { } high && low > high)
        {
            yield return new ValidationResult($"must be at least baseLr ({low}), got {high}.", [nameof(MaxLr)]);
        }
    }
}
