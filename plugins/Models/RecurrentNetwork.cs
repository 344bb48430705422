using Crucible.Onnx;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>
/// [Embedding,] recurrent layers (batch first), the last step's output, [dropout,] a linear output
/// layer: sequence in, one prediction out (many-to-one), for forecasting and classification.
/// </summary>
internal sealed class RecurrentNetwork : Module, IOnnxExportable
{
    private readonly Embedding? embedding;
    private readonly RNNBase recurrent;
    private readonly Dropout? dropout;
    private readonly Linear head;
    private readonly Module? output;

    public RecurrentNetwork(Embedding? embedding, RNNBase recurrent, double dropout, Linear head, Module? output)
    {
        if (embedding is not null)
        {
            this.embedding = RegisterModule("embedding", embedding);
        }

        this.recurrent = RegisterModule("rnn", recurrent);
        if (dropout > 0)
        {
            this.dropout = RegisterModule("dropout", new Dropout(dropout));
        }

        this.head = RegisterModule("head", head);
        if (output is not null)
        {
            this.output = RegisterModule("output", output);
        }
    }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = embedding?.Forward(input) ?? input;
        if (x.Dim == 2)
        {
            // A univariate window [N, L] becomes [N, L, 1].
            x = x.Unsqueeze(-1);
        }

        var sequence = recurrent.Forward(x);
        var last = sequence.Select(1, sequence.Size(1) - 1);
        if (dropout is not null)
        {
            last = dropout.Forward(last);
        }

        var y = head.Forward(last);
        return output?.Forward(y) ?? y;
    }

    public string ExportOnnx(OnnxGraph graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = embedding is null ? input : graph.Apply(embedding, input);
        if (graph.ShapeOf(x) is { Count: 1 })
        {
            x = graph.Node("Unsqueeze", [x, graph.Constant(-1)]);
        }

        var last = RecurrentLayer.LastStep(graph, graph.Apply(recurrent, x));
        if (dropout is not null)
        {
            last = graph.Apply(dropout, last);
        }

        var y = graph.Apply(head, last);
        return output is null ? y : graph.Apply(output, y);
    }
}
