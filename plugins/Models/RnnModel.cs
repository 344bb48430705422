using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Elman recurrent network (tanh) for sequence regression or classification; token features get an embedding first.</summary>
[Plugin("rnn", Description = "Elman recurrent network (tanh): sequence in, one prediction out; embedding input for text.")]
public sealed class RnnModel : IModel<RecurrentModelOptions>
{
    /// <inheritdoc />
    public Module Create(RecurrentModelOptions options, ModelContext context) => RecurrentModelFactory.Create(RecurrentCell.Rnn, options, context);
}
