namespace Crucible.Torch.Nn;

/// <summary>How <see cref="Init.KaimingUniform"/> and <see cref="Init.KaimingNormal"/> pick the fan.</summary>
public enum FanMode
{
    /// <summary>Preserves the variance of the activations in the forward pass (the default).</summary>
    FanIn,

    /// <summary>Preserves the variance of the gradients in the backward pass.</summary>
    FanOut,
}
