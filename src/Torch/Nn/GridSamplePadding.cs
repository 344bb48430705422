namespace Crucible.Torch.Nn;

/// <summary>What <see cref="F.GridSample"/> reads outside the input (<c>F.grid_sample</c>'s <c>padding_mode</c>).</summary>
public enum GridSamplePadding
{
    /// <summary>Zeros (the default).</summary>
    Zeros = 0,

    /// <summary>The nearest border value.</summary>
    Border = 1,

    /// <summary>The input reflected at its border.</summary>
    Reflection = 2,
}
