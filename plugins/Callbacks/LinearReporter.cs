using System.Globalization;
using System.Text;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Callbacks;

/// <summary>The <c>linear-report</c> callback of one run.</summary>
internal sealed class LinearReporter : ITrainingCallback
{
    private readonly bool everyEpoch;
    private readonly DatasetMetadata dataset;
    private readonly DatasetColumns columns;

    public LinearReporter(bool everyEpoch, DatasetMetadata dataset)
    {
        this.everyEpoch = everyEpoch;
        this.dataset = dataset;
        columns = DatasetColumns.Of(dataset);
    }

    /// <summary>Fails the run before any training when the model is not one linear layer.</summary>
    public void OnFitStart(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = LayerOf(context.Model);
    }

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (everyEpoch)
        {
            Record(context, Coefficients(context.Model));
        }
    }

    public void OnFitEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var coefficients = Coefficients(context.Model);
        Record(context, coefficients);
        foreach (var equation in Equations(coefficients))
        {
            context.Logger.LogLinearFit(equation);
        }
    }

    /// <summary>The model's slopes and intercepts in the data's units.</summary>
    internal LinearCoefficients Coefficients(Module model)
    {
        var layer = LayerOf(model);
        double[,] weight;
        double[]? bias;
        using (var scope = torch.NewDisposeScope())
        {
            var w = layer.Weight.Detach().To(Device.Cpu).To(ScalarType.Float64).Contiguous().ToArray<double>();
            weight = new double[layer.OutFeatures, layer.InFeatures];
            Buffer.BlockCopy(w, 0, weight, 0, w.Length * sizeof(double));
            bias = layer.Bias?.Detach().To(Device.Cpu).To(ScalarType.Float64).Contiguous().ToArray<double>();
        }

        // Classification outputs are logits: there is no target scaling to undo.
        var targets = dataset.TaskKind == TaskKind.Regression ? dataset.TargetScaling : null;
        return LinearCoefficients.FromScaled(weight, bias, dataset.FeatureScaling, targets);
    }

    /// <summary>
    /// Metric names: <c>slope</c> and <c>intercept</c> for one feature and one output;
    /// <c>slope_&lt;feature&gt;</c> for several features; <c>_&lt;output&gt;</c> appended to both for several outputs.
    /// </summary>
    internal IReadOnlyDictionary<string, double> Metrics(LinearCoefficients coefficients)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var o = 0; o < coefficients.Outputs; o++)
        {
            var suffix = coefficients.Outputs == 1 ? string.Empty : "_" + MetricKeys.Part(OutputName(o));
            for (var f = 0; f < coefficients.Features; f++)
            {
                var feature = coefficients.Features == 1 ? string.Empty : "_" + MetricKeys.Part(columns.Features[f]);
                result["slope" + feature + suffix] = coefficients.Slopes[o, f];
            }

            result["intercept" + suffix] = coefficients.Intercepts[o];
        }

        return result;
    }

    private void Record(ITrainerContext context, LinearCoefficients coefficients)
    {
        foreach (var (key, value) in Metrics(coefficients))
        {
            context.LogMetric(key, value);
        }
    }

    private IEnumerable<string> Equations(LinearCoefficients coefficients)
    {
        for (var o = 0; o < coefficients.Outputs; o++)
        {
            var text = new StringBuilder(coefficients.Outputs == 1 ? columns.Label : OutputName(o)).Append(" = ");
            for (var f = 0; f < coefficients.Features; f++)
            {
                var slope = coefficients.Slopes[o, f];
                text.Append(f == 0 ? Format(slope) : (slope < 0 ? " - " : " + ") + Format(Math.Abs(slope)))
                    .Append(" * ")
                    .Append(columns.Features[f]);
            }

            var intercept = coefficients.Intercepts[o];
            text.Append(intercept < 0 ? " - " : " + ").Append(Format(Math.Abs(intercept)));
            yield return text.ToString();
        }
    }

    private string OutputName(int output) =>
        dataset.TaskKind == TaskKind.Classification && dataset.ClassNames is { } names && dataset.OutputSize == names.Count
            ? names[output]
            : string.Create(CultureInfo.InvariantCulture, $"{columns.Label}_{output}");

    private static Linear LayerOf(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.Modules().OfType<Linear>().ToList();
        if (layers.Count != 1)
        {
            throw new TrainingException(string.Create(
                CultureInfo.InvariantCulture,
                $"linear-report reports a model made of one linear layer (the linear or logistic model), but this model has {layers.Count} Linear layers."));
        }

        return layers[0];
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
