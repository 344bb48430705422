namespace Crucible.Tracking.Model;

/// <summary>A run parameter; once logged its value cannot change.</summary>
/// <param name="Key">The param name.</param>
/// <param name="Value">The value as text (may be empty).</param>
public sealed record Param(string Key, string Value);
