using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Long short-term memory network for sequence regression or classification; token features get an embedding first.</summary>
[Plugin("lstm", Description = "Long short-term memory network: sequence in, one prediction out; embedding input for text.")]
public sealed class LstmModel : IModel<RecurrentModelOptions>
{
    /// <inheritdoc />
    public Module Create(RecurrentModelOptions options, ModelContext context) => RecurrentModelFactory.Create(RecurrentCell.Lstm, options, context);
}
