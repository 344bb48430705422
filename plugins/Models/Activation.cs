namespace Crucible.Plugins.Models;

/// <summary>A nonlinearity between layers.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>ReLU with slope 0.01 for negative inputs.</summary>
    LeakyRelu,

    /// <summary>Exponential linear unit.</summary>
    Elu,

    /// <summary>Gaussian error linear unit.</summary>
    Gelu,

    /// <summary>x · sigmoid(x) (swish).</summary>
    Silu,

    /// <summary>No nonlinearity (identity).</summary>
    None,
}
