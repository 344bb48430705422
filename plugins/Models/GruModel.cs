using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Gated recurrent unit network for sequence regression or classification; token features get an embedding first.</summary>
[Plugin("gru", Description = "Gated recurrent unit network: sequence in, one prediction out; embedding input for text.")]
public sealed class GruModel : IModel<RecurrentModelOptions>
{
    /// <inheritdoc />
    public Module Create(RecurrentModelOptions options, ModelContext context) => RecurrentModelFactory.Create(RecurrentCell.Gru, options, context);
}
