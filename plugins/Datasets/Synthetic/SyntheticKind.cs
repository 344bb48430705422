namespace Crucible.Plugins.Datasets.Synthetic;

/// <summary>The generated datasets.</summary>
public enum SyntheticKind
{
    /// <summary>The four rows of the XOR truth table (not linearly separable).</summary>
    Xor,

    /// <summary>The four rows of the OR truth table.</summary>
    Or,

    /// <summary>The four rows of the AND truth table.</summary>
    And,

    /// <summary><c>y = slope * x + intercept + noise</c> with x uniform in [xMin, xMax].</summary>
    Linear,

    /// <summary><c>y = sin(x) + noise</c> with x uniform in [0, 2π].</summary>
    Sine,

    /// <summary>Two interleaving half circles, two classes (scikit-learn's make_moons).</summary>
    TwoMoons,

    /// <summary>Interleaved spiral arms, one class per arm (CS231n's spiral data).</summary>
    Spirals,
}
