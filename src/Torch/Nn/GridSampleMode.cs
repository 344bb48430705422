namespace Crucible.Torch.Nn;

/// <summary>How <see cref="F.GridSample"/> interpolates between input pixels (<c>F.grid_sample</c>'s <c>mode</c>).</summary>
public enum GridSampleMode
{
    /// <summary>Bilinear (trilinear for 5-D input) interpolation (the default).</summary>
    Bilinear = 0,

    /// <summary>The nearest input pixel.</summary>
    Nearest = 1,

    /// <summary>Bicubic interpolation (4-D input only).</summary>
    Bicubic = 2,
}
