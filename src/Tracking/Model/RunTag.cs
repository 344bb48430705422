namespace Crucible.Tracking.Model;

/// <summary>A tag of a run or experiment; setting it again overwrites the value.</summary>
/// <param name="Key">The tag name.</param>
/// <param name="Value">The value as text.</param>
public sealed record RunTag(string Key, string Value);
