using Crucible.Abstractions;

namespace Crucible.Onnx;

/// <summary>A module (or one of its layers) that cannot be written as ONNX; the message names the layer.</summary>
public sealed class OnnxExportException : CrucibleException
{
    /// <summary>Creates the exception for the layer at <paramref name="layerPath"/> of type <paramref name="layerType"/>.</summary>
    public OnnxExportException(string layerPath, string layerType, string reason)
        : base($"Cannot export layer '{(layerPath.Length == 0 ? "(root)" : layerPath)}' ({layerType}) to ONNX: {reason}")
    {
        LayerPath = layerPath;
        LayerType = layerType;
    }

    /// <summary>Creates the exception with a message.</summary>
    public OnnxExportException(string message)
        : base(message)
    {
        LayerPath = string.Empty;
        LayerType = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
        LayerPath = string.Empty;
        LayerType = string.Empty;
    }

    /// <summary>Creates the exception with no message.</summary>
    public OnnxExportException()
    {
        LayerPath = string.Empty;
        LayerType = string.Empty;
    }

    /// <summary>The dotted path of the layer in the module tree (<c>features.0</c>), empty for the root.</summary>
    public string LayerPath { get; }

    /// <summary>The layer's type name (<c>GroupNorm</c>).</summary>
    public string LayerType { get; }
}
