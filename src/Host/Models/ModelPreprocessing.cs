using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Abstractions;

namespace Crucible.Host.Models;

/// <summary>
/// Everything a logged model needs besides its weights to turn raw inputs into the tensor the model
/// was trained on and its outputs back into the data's units: the dataset's metadata (shapes, task,
/// class names, feature and target scalers, column names) and the decision threshold of a
/// single-output classifier. Written as <c>preprocessing.json</c> in the <c>crucible</c> flavor.
/// </summary>
internal sealed class ModelPreprocessing
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public required string Dataset { get; init; }

    public required IReadOnlyList<long> FeatureShape { get; init; }

    public required TaskKind TaskKind { get; init; }

    public int NumClasses { get; init; }

    public required int OutputSize { get; init; }

    /// <summary>Input column names in the order the model reads them (<c>x0</c>, <c>x1</c>, ... when the data names none).</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    public required string Label { get; init; }

    public IReadOnlyList<string>? ClassNames { get; init; }

    public int? VocabularySize { get; init; }

    /// <summary>For a text model: how a raw sentence becomes its token indices (vocabulary, length, padding).</summary>
    public TextEncoding? Text { get; init; }

    /// <summary>For an image model trained on image files: how a file becomes its features (decoding, resize, crop, normalization).</summary>
    public ImageEncoding? Image { get; init; }

    /// <summary>
    /// True when a one-dimensional input is one tensor rather than named columns (a generator's noise
    /// vector, as the model data's schema says); null otherwise.
    /// </summary>
    public bool? TensorInput { get; init; }

    /// <summary>
    /// The shape of one sample's output when it is a tensor in the data's units (an autoencoder's
    /// reconstruction, a generator's image); null when the output is a class or target values.
    /// </summary>
    public IReadOnlyList<long>? TargetShape { get; init; }

    public Scaler? FeatureScaling { get; init; }

    public Scaler? TargetScaling { get; init; }

    /// <summary>For a single-output classifier: the output above which class 1 is predicted.</summary>
    public double Threshold { get; init; }

    /// <summary>Whether the model takes images (features <c>[channels, height, width]</c>).</summary>
    [JsonIgnore]
    public bool IsImage => FeatureShape.Count == 3;

    [JsonIgnore]
    public bool IsClassifier => TaskKind == TaskKind.Classification;

    /// <summary>Whether the model reads raw sentences.</summary>
    [JsonIgnore]
    public bool IsText => Text is not null;

    /// <summary>Whether inputs are named columns (a DataFrame) rather than one tensor or sentences.</summary>
    [JsonIgnore]
    public bool IsColumnar => FeatureShape.Count == 1 && VocabularySize is null && TensorInput != true;

    /// <summary>The number of raw values one sample has.</summary>
    [JsonIgnore]
    public int FeatureCount => checked((int)FeatureShape.Aggregate(1L, (a, b) => a * b));

    public static ModelPreprocessing From(DatasetMetadata metadata, double threshold)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var count = checked((int)metadata.FeatureShape.Aggregate(1L, (a, b) => a * b));
        var (features, label) = Columns(metadata.Schema, count);
        return new ModelPreprocessing
        {
            Dataset = metadata.Name,
            FeatureShape = metadata.FeatureShape.ToArray(),
            TaskKind = metadata.TaskKind,
            NumClasses = metadata.NumClasses,
            OutputSize = metadata.OutputSize,
            FeatureNames = features,
            Label = label,
            ClassNames = metadata.ClassNames?.ToArray()
                ?? (metadata.TaskKind == TaskKind.Classification
                    ? Enumerable.Range(0, Math.Max(metadata.NumClasses, 2)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()
                    : null),
            VocabularySize = metadata.VocabularySize,
            Text = metadata.TextEncoding,
            Image = metadata.ImageEncoding,
            TensorInput = metadata.FeatureShape.Count == 1 && IsTensorSchema(metadata.Schema) ? true : null,
            TargetShape = metadata.TargetShape?.ToArray(),
            FeatureScaling = Scaler.From(metadata.FeatureScaling),
            TargetScaling = Scaler.From(metadata.TargetScaling),
            Threshold = threshold,
        };
    }

    /// <summary>The metadata a model plugin sees when it builds the network again.</summary>
    public DatasetMetadata ToMetadata() => new()
    {
        Name = Dataset,
        FeatureShape = FeatureShape,
        TaskKind = TaskKind,
        NumClasses = NumClasses,
        OutputSize = OutputSize,
        ClassNames = ClassNames,
        VocabularySize = VocabularySize,
        TextEncoding = Text,
        ImageEncoding = Image,
        TargetShape = TargetShape,
        FeatureScaling = FeatureScaling?.ToColumnScaling(),
        TargetScaling = TargetScaling?.ToColumnScaling(),
    };

    /// <summary>
    /// Scales raw feature values in place; column c of a sample uses scaler column c modulo its width,
    /// except that an image's per-channel scaler (one column per channel of <c>[channels, height, width]</c>)
    /// scales each channel's plane. An image model read from files scales pixels in single precision
    /// exactly as its dataset did (<c>pixel · 1/(255 std) − mean/std</c>), so its outputs are the run's.
    /// </summary>
    public void ScaleFeatures(Span<float> values, ReadOnlySpan<double> raw)
    {
        if (Image is { } image && IsImage)
        {
            ScalePixels(values, raw, image, checked((int)(FeatureShape[1] * FeatureShape[2])));
            return;
        }

        var scaler = FeatureScaling;
        var columns = scaler?.Offset.Count ?? 0;
        var plane = PlaneSize(FeatureShape, columns);
        for (var i = 0; i < raw.Length; i++)
        {
            if (columns == 0)
            {
                values[i] = (float)raw[i];
                continue;
            }

            var c = (i / plane) % columns;
            values[i] = (float)((raw[i] - scaler!.Offset[c]) / scaler.Scale[c]);
        }
    }

    /// <summary>Maps one sample's model outputs to the data's units: a class name, or target values.</summary>
    public Prediction Decode(ReadOnlySpan<float> outputs)
    {
        if (IsClassifier)
        {
            var index = 0;
            if (outputs.Length == 1)
            {
                index = outputs[0] > Threshold ? 1 : 0;
            }
            else
            {
                for (var j = 1; j < outputs.Length; j++)
                {
                    if (outputs[j] > outputs[index])
                    {
                        index = j;
                    }
                }
            }

            var names = ClassNames;
            return new Prediction(names is not null && index < names.Count ? names[index] : index.ToString(CultureInfo.InvariantCulture), index, []);
        }

        var values = new double[outputs.Length];
        var scaler = TargetScaling;
        var columns = scaler?.Offset.Count ?? 0;
        var plane = TargetShape is { } shape ? PlaneSize(shape, columns) : 1;
        for (var j = 0; j < values.Length; j++)
        {
            var c = columns == 0 ? 0 : (j / plane) % columns;
            values[j] = columns == 0 ? outputs[j] : (outputs[j] * scaler!.Scale[c]) + scaler.Offset[c];
        }

        return new Prediction(null, -1, values);
    }

    /// <summary>The output column names: the label for a classifier or a single target, label_j otherwise.</summary>
    public IReadOnlyList<string> OutputNames() =>
        IsClassifier || OutputSize == 1
            ? [Label]
            : Enumerable.Range(0, OutputSize).Select(j => string.Create(CultureInfo.InvariantCulture, $"{Label}_{j}")).ToArray();

    /// <summary>How many values share one scaler column: an image's channel plane when the scaler is per channel, else 1.</summary>
    private static int PlaneSize(IReadOnlyList<long> shape, int columns) =>
        shape.Count == 3 && columns > 1 && columns == shape[0] ? checked((int)(shape[1] * shape[2])) : 1;

    private static void ScalePixels(Span<float> values, ReadOnlySpan<double> raw, ImageEncoding image, int plane)
    {
        var channels = image.Channels;
        Span<float> scale = stackalloc float[channels];
        Span<float> shift = stackalloc float[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = (float)(1.0 / (255.0 * image.Std[c]));
            shift[c] = (float)(-image.Mean[c] / image.Std[c]);
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var c = (i / plane) % channels;
            values[i] = ((float)raw[i] * scale[c]) + shift[c];
        }
    }

    private static bool IsTensorSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(schema);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("mlflow_tensorspec", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static (string[] Features, string Label) Columns(string? schema, int count)
    {
        if (!string.IsNullOrWhiteSpace(schema))
        {
            try
            {
                using var document = JsonDocument.Parse(schema);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("mlflow_colspec", out var columns)
                    && columns.ValueKind == JsonValueKind.Array
                    && columns.GetArrayLength() == count + 1)
                {
                    var names = columns.EnumerateArray()
                        .Select(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null)
                        .ToList();
                    if (names.All(n => n is not null))
                    {
                        return (names.Take(count).Select(n => n!).ToArray(), names[^1]!);
                    }
                }
            }
            catch (JsonException)
            {
                // A schema in another shape only costs the column names.
            }
        }

        return (Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"x{i}")).ToArray(), "y");
    }

    /// <summary><c>scaled = (raw - offset) / scale</c> per column, as <see cref="ColumnScaling"/>.</summary>
    internal sealed record Scaler(IReadOnlyList<double> Offset, IReadOnlyList<double> Scale)
    {
        public static Scaler? From(ColumnScaling? scaling) => scaling is null ? null : new Scaler(scaling.Offset.ToArray(), scaling.Scale.ToArray());

        public ColumnScaling ToColumnScaling() => new(Offset, Scale);
    }
}

/// <summary>One sample's prediction in the data's units: a class (name and index) or target values.</summary>
internal sealed record Prediction(string? ClassName, int ClassIndex, IReadOnlyList<double> Values);
