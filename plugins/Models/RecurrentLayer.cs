using Crucible.Onnx;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>A recurrent layer in a <see cref="Sequential"/>: [N, L, F] to [N, L, H], or to the last step [N, H].</summary>
internal sealed class RecurrentLayer : Module, IOnnxExportable
{
    private readonly RNNBase inner;
    private readonly bool returnSequences;

    public RecurrentLayer(RNNBase inner, bool returnSequences)
    {
        this.inner = RegisterModule("rnn", inner);
        this.returnSequences = returnSequences;
    }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.Dim == 2 ? input.Unsqueeze(-1) : input;
        var output = inner.Forward(x);
        return returnSequences ? output : output.Select(1, output.Size(1) - 1);
    }

    public string ExportOnnx(OnnxGraph graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = graph.ShapeOf(input) is { Count: 1 } ? graph.Node("Unsqueeze", [input, graph.Constant(-1)]) : input;
        var output = graph.Apply(inner, x);
        return returnSequences ? output : LastStep(graph, output);
    }

    /// <summary>[N, L, H] to the last step [N, H] (the Select(1, L - 1) of the forward pass).</summary>
    internal static string LastStep(OnnxGraph graph, string sequence) =>
        graph.Node("Squeeze", [graph.Node("Gather", [sequence, graph.Constant(-1)], OnnxAttribute.Int("axis", 1)), graph.Constant(1)]);
}
