namespace Crucible.Torch.Nn;

/// <summary>How <see cref="F.Pad"/> fills the border (<c>F.pad</c>'s <c>mode</c>).</summary>
public enum PaddingMode
{
    /// <summary>A constant value (the default).</summary>
    Constant,

    /// <summary>The input mirrored at its edge, without repeating the edge value.</summary>
    Reflect,

    /// <summary>The edge value repeated.</summary>
    Replicate,

    /// <summary>The input wrapped around, as if it were periodic.</summary>
    Circular,
}
