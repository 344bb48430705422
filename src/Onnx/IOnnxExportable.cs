using Crucible.Torch.Nn;

namespace Crucible.Onnx;

/// <summary>
/// A module with its own <see cref="Module.Forward"/> that writes itself into an ONNX graph, in its
/// evaluation form. The built-in layers of <c>Crucible.Torch.Nn</c> need nothing: the exporter knows
/// them. A plugin's composite module implements this to become exportable, usually by passing its
/// children to <see cref="OnnxGraph.Apply"/> and gluing them with a few <see cref="OnnxGraph.Node(string, string[], OnnxAttribute[])"/> calls.
/// </summary>
public interface IOnnxExportable
{
    /// <summary>Adds the nodes computing this module's output from <paramref name="input"/> and returns the output's value name.</summary>
    /// <param name="graph">The graph being written.</param>
    /// <param name="input">The name of the input value (batch first, as <see cref="Module.Forward"/> receives it).</param>
    string ExportOnnx(OnnxGraph graph, string input);
}
