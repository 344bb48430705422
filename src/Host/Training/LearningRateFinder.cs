using System.Globalization;
using Crucible.Abstractions;
using Crucible.Host.Data;
using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// Lightning's learning-rate range test (<c>Tuner.lr_find</c>): trains on successive batches while
/// the learning rate grows exponentially from <see cref="LrFindOptions.MinLr"/> to
/// <see cref="LrFindOptions.MaxLr"/>, smooths the loss (exponential average, bias-corrected, beta
/// 0.98), stops once it exceeds <see cref="LrFindOptions.DivergenceThreshold"/> times the best, and
/// suggests the rate where the smoothed loss falls fastest (the steepest negative gradient, skipping
/// the first 10 and the last point, as Lightning does).
/// </summary>
internal static class LearningRateFinder
{
    private const double Beta = 0.98;
    private const int SkipBegin = 10;
    private const int SkipEnd = 1;

    /// <summary>Runs the range test on <paramref name="composed"/>'s model and optimizer (they end up trained: use a fresh composition).</summary>
    public static LrFindResult Run(ComposedRun composed, int batchSize, LrFindOptions options, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ArgumentNullException.ThrowIfNull(options);
        var train = composed.Train;
        if (train.Count == 0)
        {
            throw new TrainingException("The training split is empty: there is nothing to train on.");
        }

        var (model, optimizer) = (composed.Model, composed.Components.Optimizer);
        var loss = composed.Components.Task.GetType() == typeof(SupervisedTask) && composed.Components.Losses.TryGetValue(TaskRoles.Loss, out var single)
            ? single
            : throw new TrainingException("crucible lr-find runs the supervised step (one model, optimizer and loss); this experiment's task is another one.");
        var transform = composed.Data.TrainTransform;
        var device = train.Device;
        var batchesPerPass = (int)((train.Count + batchSize - 1) / batchSize);
        var lrs = new List<double>();
        var losses = new List<double>();
        double average = 0, best = double.PositiveInfinity;
        Tensor? permutation = null;
        IBatchPass? pass = null;
        model.Train();
        try
        {
            for (var i = 0; i < options.Steps; i++)
            {
                interrupt.ThrowIfCancellationRequested();
                var b = i % batchesPerPass;
                if (b == 0)
                {
                    pass?.Dispose();
                    permutation?.Dispose();
                    permutation = torch.RandPerm(train.Count, device: device).DetachFromDisposeScope();
                    pass = train.Pass(permutation, batchSize, batchesPerPass, interrupt);
                }

                var lr = options.MinLr * Math.Pow(options.MaxLr / options.MinLr, options.Steps == 1 ? 0 : (double)i / (options.Steps - 1));
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                double value;
                using (var scope = torch.NewDisposeScope())
                {
                    var (x, y) = pass!.Next();
                    if (transform is not null)
                    {
                        x = transform.Apply(x);
                    }

                    var stepLoss = optimizer.Step(() =>
                    {
                        optimizer.ZeroGrad();
                        var l = loss.Forward(model.Forward(x), y);
                        l.Backward();
                        return l;
                    });
                    value = stepLoss.Detach().To(ScalarType.Float64).Item<double>();
                }

                average = (Beta * average) + ((1 - Beta) * value);
                var smoothed = average / (1 - Math.Pow(Beta, i + 1));
                lrs.Add(lr);
                losses.Add(smoothed);
                if (i > 0 && (smoothed > options.DivergenceThreshold * best || !double.IsFinite(smoothed)))
                {
                    break;
                }

                best = Math.Min(best, smoothed);
            }
        }
        finally
        {
            pass?.Dispose();
            permutation?.Dispose();
        }

        return new LrFindResult(lrs, losses, Suggest(lrs, losses));
    }

    /// <summary>The rate at the steepest descent of the smoothed loss (NumPy's <c>gradient</c>: central differences, one-sided at the ends); null when too few points.</summary>
    public static double? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        ArgumentNullException.ThrowIfNull(losses);
        var points = Enumerable.Range(0, losses.Count)
            .Skip(SkipBegin)
            .Take(Math.Max(0, losses.Count - SkipBegin - SkipEnd))
            .Where(i => double.IsFinite(losses[i]))
            .ToList();
        if (points.Count < 2)
        {
            return null;
        }

        var steepest = 0;
        var steepestGradient = double.PositiveInfinity;
        for (var j = 0; j < points.Count; j++)
        {
            var gradient = j == 0 ? losses[points[1]] - losses[points[0]]
                : j == points.Count - 1 ? losses[points[j]] - losses[points[j - 1]]
                : (losses[points[j + 1]] - losses[points[j - 1]]) / 2;
            if (gradient < steepestGradient)
            {
                steepestGradient = gradient;
                steepest = j;
            }
        }

        return lrs[points[steepest]];
    }

    /// <summary>The curve as CSV (<c>step,lr,loss</c>), for the run's artifact.</summary>
    public static string ToCsv(LrFindResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string> { "step,lr,smoothed_loss" };
        lines.AddRange(result.LearningRates.Select((lr, i) => string.Create(CultureInfo.InvariantCulture, $"{i},{lr:R},{result.Losses[i]:R}")));
        return string.Join('\n', lines) + "\n";
    }
}
