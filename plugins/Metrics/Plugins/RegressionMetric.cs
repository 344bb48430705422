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
        private readonly DeviceBatches predicted = new();
        private readonly DeviceBatches truth = new();
        private long columns = 1;

        public void Reset()
        {
            predicted.Clear();
            truth.Clear();
        }

        public void Update(Crucible.Torch.Tensor output, Crucible.Torch.Tensor target)
        {
            columns = BatchReader.Columns(output);
            predicted.Add(BatchReader.Rows(output));
            truth.Add(BatchReader.Rows(target));
        }

        public IReadOnlyDictionary<string, double> Compute()
        {
            var predictedValues = predicted.Read<float>();
            var truthValues = truth.Read<float>();
            if (scaling is not null)
            {
                for (var i = 0; i < predictedValues.Length; i++)
                {
                    predictedValues[i] = (float)scaling.Invert(predictedValues[i], (int)(i % columns));
                    truthValues[i] = (float)scaling.Invert(truthValues[i], (int)(i % columns));
                }
            }

            var math = new RegressionMath();
            math.Add(predictedValues, truthValues);
            return new Dictionary<string, double>
            {
                ["mse"] = math.MeanSquaredError,
                ["rmse"] = math.RootMeanSquaredError,
                ["mae"] = math.MeanAbsoluteError,
                ["r2"] = math.RSquared,
            };
        }

        public void Dispose()
        {
            predicted.Dispose();
            truth.Dispose();
        }
    }
}
