using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>A recurrent layer in a <see cref="Sequential"/>: [N, L, F] to [N, L, H], or to the last step [N, H].</summary>
internal sealed class RecurrentLayer : Module
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
}
