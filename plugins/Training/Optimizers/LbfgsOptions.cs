using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>lbfgs</c> optimizer.</summary>
public sealed class LbfgsOptions
{
    /// <summary>The learning rate (the step length without a line search). Defaults to 1.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 1.0;

    /// <summary>L-BFGS iterations per optimizer step (per batch). Defaults to 20.</summary>
    [Range(1, int.MaxValue)]
    public int MaxIter { get; set; } = 20;

    /// <summary>Loss evaluations per optimizer step. Defaults to null: maxIter × 5 / 4.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxEval { get; set; }

    /// <summary>Stop when the largest gradient element is at most this. Defaults to 1e-7.</summary>
    [Range(0.0, double.MaxValue)]
    public double ToleranceGrad { get; set; } = 1e-7;

    /// <summary>Stop when the step or the loss changes less than this. Defaults to 1e-9.</summary>
    [Range(0.0, double.MaxValue)]
    public double ToleranceChange { get; set; } = 1e-9;

    /// <summary>Number of past updates kept to approximate the Hessian. Defaults to 100.</summary>
    [Range(1, int.MaxValue)]
    public int HistorySize { get; set; } = 100;

    /// <summary>The line search: <c>none</c> (a fixed step of lr) or <c>strongWolfe</c>. Defaults to none.</summary>
    public LineSearch LineSearch { get; set; } = LineSearch.None;
}
