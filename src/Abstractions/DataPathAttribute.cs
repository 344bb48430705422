namespace Crucible.Abstractions;

/// <summary>
/// Marks a string option as a path to data. Before the plugin sees its options the host expands
/// environment variables (<c>${CRUCIBLE_DATA}/mnist</c>), resolves a relative path against the data
/// root (<c>CRUCIBLE_DATA</c>) when it exists there and otherwise against the experiment file's folder,
/// writes the absolute path back, and, with <see cref="MustExist"/>, reports a missing file or folder
/// as a validation problem before anything trains.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class DataPathAttribute : Attribute
{
    /// <summary>
    /// True when the path must exist at validation time. Defaults to true; set false for a path the
    /// plugin may create (a download cache).
    /// </summary>
    public bool MustExist { get; set; } = true;

    /// <summary>True when the path names a folder rather than a file. Defaults to false.</summary>
    public bool IsDirectory { get; set; }
}
