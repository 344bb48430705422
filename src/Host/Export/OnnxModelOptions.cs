using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Onnx;
using Crucible.Torch;

namespace Crucible.Host.Export;

/// <summary>
/// The export options of a composed model: the input is one sample of the dataset's features
/// (int64 tokens for text, float32 otherwise), and the file's metadata_props carry what a deployed
/// app needs to prepare inputs and read outputs without Crucible: the feature scaling
/// (<c>model input = (raw − offset) / scale</c>, per column, or one value for every pixel), class
/// names, target scaling and the run id.
/// </summary>
internal static class OnnxModelOptions
{
    public const string RunIdKey = "crucible.run_id";
    public const string TaskKey = "crucible.task";
    public const string ClassNamesKey = "crucible.class_names";
    public const string FeatureOffsetKey = "crucible.feature_offset";
    public const string FeatureScaleKey = "crucible.feature_scale";
    public const string TargetOffsetKey = "crucible.target_offset";
    public const string TargetScaleKey = "crucible.target_scale";
    public const string DatasetKey = "crucible.dataset";

    public static OnnxExportOptions For(DatasetMetadata metadata, string? runId)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskKey] = metadata.TaskKind.ToString().ToLowerInvariant(),
            [DatasetKey] = metadata.Name,
        };
        if (runId is not null)
        {
            properties[RunIdKey] = runId;
        }

        if (metadata.ClassNames is { Count: > 0 } names)
        {
            properties[ClassNamesKey] = JsonSerializer.Serialize(names);
        }

        if (metadata.FeatureScaling is { } features)
        {
            properties[FeatureOffsetKey] = Numbers(features.Offset);
            properties[FeatureScaleKey] = Numbers(features.Scale);
        }

        if (metadata.TargetScaling is { } targets)
        {
            properties[TargetOffsetKey] = Numbers(targets.Offset);
            properties[TargetScaleKey] = Numbers(targets.Scale);
        }

        return new OnnxExportOptions
        {
            InputShape = metadata.FeatureShape,
            InputType = metadata.VocabularySize is null ? ScalarType.Float32 : ScalarType.Int64,
            Description = $"Crucible model trained on {metadata.Name}" + (runId is null ? "." : $" (run {runId})."),
            Metadata = properties,
        };
    }

    private static string Numbers(IReadOnlyList<double> values) =>
        "[" + string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
