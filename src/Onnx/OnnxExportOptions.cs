using Crucible.Torch;

namespace Crucible.Onnx;

/// <summary>What the exported model's input looks like, and how the model file is labelled.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The shape of one sample, without the batch dimension (e.g. [1, 28, 28]); the batch dimension is dynamic ("batch"). Required.</summary>
    public required IReadOnlyList<long> InputShape { get; init; }

    /// <summary>The input's element type: float32 for features, int64 for token indices. Defaults to float32.</summary>
    public ScalarType InputType { get; init; } = ScalarType.Float32;

    /// <summary>The graph input's name. Defaults to "input".</summary>
    public string InputName { get; init; } = "input";

    /// <summary>The graph output's name. Defaults to "output".</summary>
    public string OutputName { get; init; } = "output";

    /// <summary>The graph's name. Defaults to "crucible".</summary>
    public string GraphName { get; init; } = "crucible";

    /// <summary>Free text stored as the model's doc string (e.g. the experiment). Defaults to none.</summary>
    public string? Description { get; init; }

    /// <summary>Key/value pairs stored in the model's metadata_props (run id, class names, ...). Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
