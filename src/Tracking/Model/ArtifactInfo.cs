namespace Crucible.Tracking.Model;

/// <summary>A file or folder among a run's artifacts.</summary>
/// <param name="Path">Relative to the run's artifact root, with <c>/</c> separators.</param>
/// <param name="IsDirectory">True for a folder.</param>
/// <param name="FileSize">Size in bytes for a file, null for a folder.</param>
public sealed record ArtifactInfo(string Path, bool IsDirectory, long? FileSize);
