namespace Crucible.Abstractions;

/// <summary>
/// A per-column affine rescaling a dataset applied, fitted on its training split:
/// <c>scaled = (raw - Offset[c]) / Scale[c]</c>. Kept in <see cref="DatasetMetadata"/> so new raw
/// inputs can be scaled the same way and scaled outputs mapped back to the data's units.
/// </summary>
/// <param name="Offset">Subtracted from each column (its training mean or minimum).</param>
/// <param name="Scale">Divides each column after the offset (its standard deviation or range).</param>
public sealed record ColumnScaling(IReadOnlyList<double> Offset, IReadOnlyList<double> Scale)
{
    /// <summary>Maps a raw value of column <paramref name="column"/> to the scaled one.</summary>
    public double Apply(double raw, int column) => (raw - Offset[column]) / Scale[column];

    /// <summary>Maps a scaled value of column <paramref name="column"/> back to raw units.</summary>
    public double Invert(double scaled, int column) => (scaled * Scale[column]) + Offset[column];
}
