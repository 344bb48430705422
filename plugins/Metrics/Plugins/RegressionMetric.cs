using Crucible.Abstractions;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>
/// MSE, RMSE, MAE and R-squared over a whole pass, in the data's own units: when the dataset scaled
/// its targets, outputs and targets are mapped back first.
/// </summary>
[Plugin("regression", Description = "MSE, RMSE, MAE and R-squared in the data's units.")]
public sealed class RegressionMetric : IMetric<NoOptions>
{
    /// <inheritdoc />
    public IMetricAccumulator Create(NoOptions options, MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Accumulator(context.Dataset.TargetScaling);
    }

    private sealed class Accumulator(ColumnScaling? scaling) : IMetricAccumulator
    {
        private RegressionMath math = new();

        public void Reset() => math = new RegressionMath();

        public void Update(Crucible.Torch.Tensor output, Crucible.Torch.Tensor target)
        {
            var (predicted, width) = BatchReader.Outputs(output);
            var (truth, _) = BatchReader.Outputs(target);
            if (scaling is not null)
            {
                for (var i = 0; i < predicted.Length; i++)
                {
                    predicted[i] = (float)scaling.Invert(predicted[i], i % width);
                    truth[i] = (float)scaling.Invert(truth[i], i % width);
                }
            }

            math.Add(predicted, truth);
        }

        public IReadOnlyDictionary<string, double> Compute() => new Dictionary<string, double>
        {
            ["mse"] = math.MeanSquaredError,
            ["rmse"] = math.RootMeanSquaredError,
            ["mae"] = math.MeanAbsoluteError,
            ["r2"] = math.RSquared,
        };

        public void Dispose()
        {
        }
    }
}
