using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Abstractions;

/// <summary>What an optimizer plugin gets besides its options: the model whose parameters it updates.</summary>
public sealed class OptimizerContext : PluginContext
{
    /// <summary>The model, already on the training device (use <see cref="Module.NamedParameters"/> for parameter groups).</summary>
    public required Module Model { get; init; }

    /// <summary>Every parameter of <see cref="Model"/>, in registration order.</summary>
    public IEnumerable<Tensor> Parameters => Model.Parameters();
}
