using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Onnx;

/// <summary>
/// RNN, LSTM and GRU as ONNX's RNN/LSTM/GRU operators, one node per stacked layer. ONNX orders the
/// gates differently (LSTM i,o,f,c for PyTorch's i,f,g,o; GRU z,r,h for r,z,n), so the weights are
/// re-stacked; GRU sets linear_before_reset as PyTorch computes r ⊙ (W_hn h + b_hn).
/// </summary>
internal static class RecurrentLayers
{
    public static string Export(OnnxGraph g, RNNBase r, string x)
    {
        var (op, gateOrder, activation) = r switch
        {
            LSTM => ("LSTM", new[] { 0, 3, 1, 2 }, (string?)null),
            GRU => ("GRU", new[] { 1, 0, 2 }, null),
            RNN rnn => ("RNN", new[] { 0 }, rnn.Nonlinearity == "relu" ? "Relu" : "Tanh"),
            _ => throw g.Unsupported($"unknown recurrent layer {r.GetType().Name}."),
        };
        if (g.ShapeOf(x) is { Count: not 2 } shape)
        {
            throw g.Unsupported($"it takes batched sequences [N, L, features] here, not a sample of shape [{string.Join(", ", shape)}].");
        }

        var directions = r.Bidirectional ? 2 : 1;
        var perDirection = r.HasBias ? 4 : 2;

        // ONNX's recurrent operators take [L, N, features] (batchwise layout=1 is not in ONNX Runtime).
        var sequence = r.BatchFirst ? g.Node("Transpose", [x], OnnxAttribute.Ints("perm", 1, 0, 2)) : x;
        using var scope = torch.NewDisposeScope();
        for (var layer = 0; layer < r.NumLayers; layer++)
        {
            var weights = Enumerable.Range(0, directions).Select(d => r.FlatWeights.Skip(((layer * directions) + d) * perDirection).Take(perDirection).ToArray()).ToArray();
            var w = g.Initializer(Stack(weights.Select(p => Reorder(p[0], gateOrder, r.HiddenSize))), $"{g.LayerPath}.W_l{layer}");
            var rec = g.Initializer(Stack(weights.Select(p => Reorder(p[1], gateOrder, r.HiddenSize))), $"{g.LayerPath}.R_l{layer}");
            var inputs = new List<string> { sequence, w, rec };
            if (r.HasBias)
            {
                inputs.Add(g.Initializer(Stack(weights.Select(p => torch.Cat([Reorder(p[2], gateOrder, r.HiddenSize), Reorder(p[3], gateOrder, r.HiddenSize)], 0))), $"{g.LayerPath}.B_l{layer}"));
            }

            var attributes = new List<OnnxAttribute>
            {
                OnnxAttribute.Int("hidden_size", r.HiddenSize),
                OnnxAttribute.String("direction", directions == 2 ? "bidirectional" : "forward"),
            };
            if (activation is not null)
            {
                attributes.Add(OnnxAttribute.Strings("activations", [.. Enumerable.Repeat(activation, directions)]));
            }

            if (r is GRU)
            {
                attributes.Add(OnnxAttribute.Int("linear_before_reset", 1));
            }

            // Y is [L, directions, N, H]; the next layer (and PyTorch's output) wants [L, N, directions·H].
            var y = g.Node(op, [.. inputs], [.. attributes]);
            var steps = g.Node("Transpose", [y], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            sequence = g.Node("Reshape", [steps, g.Constant(0, 0, -1)]);
        }

        return r.BatchFirst ? g.Node("Transpose", [sequence], OnnxAttribute.Ints("perm", 1, 0, 2)) : sequence;
    }

    /// <summary>PyTorch's gate blocks (rows of <paramref name="hidden"/>) in ONNX's order.</summary>
    private static Tensor Reorder(Tensor weight, int[] order, long hidden) =>
        torch.Cat([.. order.Select(i => weight.Detach().Narrow(0, i * hidden, hidden))], 0);

    private static Tensor Stack(IEnumerable<Tensor> perDirection) => torch.Stack([.. perDirection], 0);
}
