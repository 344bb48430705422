using System.Globalization;
using System.Text;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Callbacks;

/// <summary>The <c>predict</c> callback of one run: runs the trained model on the configured raw inputs.</summary>
internal sealed class RawInputPredictor : ITrainingCallback
{
    private readonly double[][] inputs;
    private readonly string name;
    private readonly string prefix;
    private readonly DatasetMetadata dataset;
    private readonly DatasetColumns columns;

    public RawInputPredictor(double[][] inputs, string name, string prefix, DatasetMetadata dataset)
    {
        this.inputs = inputs;
        this.name = name;
        this.prefix = prefix;
        this.dataset = dataset;
        columns = DatasetColumns.Of(dataset);
    }

    /// <summary>Whether outputs are class scores (a predicted class is added) rather than values.</summary>
    private bool MultiClass => dataset.TaskKind == TaskKind.Classification && dataset.OutputSize > 1;

    public void OnFitEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outputs = Predict(context.Model, context.Device);
        var rows = new List<string[]>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var output = outputs[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{i}");
            if (output.Length == 1)
            {
                context.LogMetric(key, output[0]);
            }
            else
            {
                for (var j = 0; j < output.Length; j++)
                {
                    context.LogMetric(string.Create(CultureInfo.InvariantCulture, $"{key}_{j}"), output[j]);
                }
            }

            var cells = inputs[i].Select(Format).Concat(output.Select(Format)).ToList();
            var shown = $"[{string.Join(", ", output.Select(Format))}]";
            if (MultiClass)
            {
                var predicted = ArgMax(output);
                context.LogMetric(key + "_class", predicted);
                var className = ClassName(predicted);
                cells.Add(className);
                shown = $"class {className} {shown}";
            }

            rows.Add([.. cells]);
            var given = $"[{string.Join(", ", inputs[i].Select(Format))}]";
            context.Logger.LogPrediction(given, shown);
        }

        var directory = Path.Combine(context.OutputDirectory, "predictions");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".csv");
        File.WriteAllText(path, Csv(Header(outputs[0].Length), rows));
        context.LogArtifact(path, "predictions");
    }

    /// <summary>The model's outputs for the raw inputs, in the data's units, one array per input.</summary>
    internal double[][] Predict(Module model, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        var n = inputs.Length;
        var last = (int)dataset.FeatureShape[^1];
        var scaled = new float[n * inputs[0].Length];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < inputs[i].Length; j++)
            {
                var raw = inputs[i][j];
                scaled[(i * inputs[i].Length) + j] = (float)(dataset.FeatureScaling?.Apply(raw, j % last) ?? raw);
            }
        }

        var wasTraining = model.Training;
        double[] values;
        using (var scope = torch.NewDisposeScope())
        using (torch.NoGrad())
        {
            model.Eval();
            try
            {
                var x = torch.Tensor(scaled, [n, .. dataset.FeatureShape], device);
                values = model.Forward(x).Detach().To(Device.Cpu).To(ScalarType.Float64).Reshape([n, -1]).Contiguous().ToArray<double>();
            }
            finally
            {
                model.Train(wasTraining);
            }
        }

        var width = values.Length / n;
        var target = dataset.TaskKind == TaskKind.Regression ? dataset.TargetScaling : null;
        return Enumerable.Range(0, n)
            .Select(i => Enumerable.Range(0, width).Select(j => target?.Invert(values[(i * width) + j], j) ?? values[(i * width) + j]).ToArray())
            .ToArray();
    }

    private List<string> Header(int width)
    {
        var header = columns.Features.ToList();
        if (width == 1)
        {
            header.Add(dataset.TaskKind == TaskKind.Regression ? columns.Label : "output");
        }
        else
        {
            header.AddRange(Enumerable.Range(0, width).Select(j => MultiClass ? "score_" + ClassName(j) : string.Create(CultureInfo.InvariantCulture, $"{columns.Label}_{j}")));
        }

        if (MultiClass)
        {
            header.Add("class");
        }

        return header;
    }

    private string ClassName(int index) =>
        dataset.ClassNames is { } names && index < names.Count ? names[index] : index.ToString(CultureInfo.InvariantCulture);

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }

        return best;
    }

    private static string Csv(IEnumerable<string> header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', header.Select(Quote)));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', row.Select(Quote)));
        }

        return text.ToString();
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
