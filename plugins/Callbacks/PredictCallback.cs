using System.Globalization;
using Crucible.Abstractions;

namespace Crucible.Plugins.Callbacks;

/// <summary>
/// Predicts a few samples given in raw units at the end of training, as a course does after
/// <c>fit</c>: "what weight for 178 cm?". The inputs go through the dataset's feature scaling, the
/// outputs back through its target scaling; they are printed, recorded as metrics and written to
/// <c>predictions/&lt;name&gt;.csv</c>.
/// </summary>
[Plugin("predict", Description = "At the end of training, predicts samples given in raw units; prints them and records metrics and a CSV.")]
public sealed class PredictCallback : ICallback<PredictOptions>
{
    /// <inheritdoc />
    public ITrainingCallback Create(PredictOptions options, CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var features = context.Dataset.FeatureShape.Aggregate(1L, (a, b) => a * b);
        var width = options.Inputs[0].Length;
        if (width != features)
        {
            throw new ExperimentConfigException(string.Create(
                CultureInfo.InvariantCulture,
                $"callbacks: predict: each input row has {width} values, but dataset '{context.Dataset.Name}' has {features} features per sample (shape [{string.Join(", ", context.Dataset.FeatureShape)}])."));
        }

        return new RawInputPredictor(options.Inputs, options.FileName, options.MetricPrefix, context.Dataset);
    }
}
