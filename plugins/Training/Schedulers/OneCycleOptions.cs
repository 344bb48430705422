using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>one-cycle</c> scheduler.</summary>
public sealed class OneCycleOptions : IScheduleOptions
{
    /// <summary>The peak rate. Defaults to null: the optimizer's learning rate.</summary>
    [Range(0.0, double.MaxValue)]
    public double? MaxLr { get; set; }

    /// <summary>
    /// Steps in the cycle. Defaults to null: the whole run, <c>training.epochs</c> × batches per
    /// epoch (per-batch interval) or <c>training.epochs</c> (per-epoch interval).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? TotalSteps { get; set; }

    /// <summary>Fraction of the cycle spent raising the rate; between 0 and 1. Defaults to 0.3.</summary>
    [Range(0.0, 1.0)]
    public double PctStart { get; set; } = 0.3;

    /// <summary>How the rate moves: <c>cos</c> or <c>linear</c>. Defaults to cos.</summary>
    public AnnealStrategy AnnealStrategy { get; set; } = AnnealStrategy.Cos;

    /// <summary>Cycle the momentum (or Adam's beta1) inversely to the rate. Defaults to true.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>The lower momentum. Defaults to 0.85.</summary>
    [Range(0.0, 1.0)]
    public double BaseMomentum { get; set; } = 0.85;

    /// <summary>The upper momentum. Defaults to 0.95.</summary>
    [Range(0.0, 1.0)]
    public double MaxMomentum { get; set; } = 0.95;

    /// <summary>The initial rate is <c>maxLr / divFactor</c>. Defaults to 25.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double DivFactor { get; set; } = 25.0;

    /// <summary>The final rate is the initial rate / <c>finalDivFactor</c>. Defaults to 1e4.</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double FinalDivFactor { get; set; } = 1e4;

    /// <summary>Rise, fall back to the initial rate, then anneal to the final one. Defaults to false.</summary>
    public bool ThreePhase { get; set; }

    /// <summary>When the trainer steps the scheduler: <c>batch</c> or <c>epoch</c>. Defaults to batch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Batch;
}
