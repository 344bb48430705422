namespace Crucible.Abstractions;

/// <summary>The options of a plugin that takes none: its section may only hold its name.</summary>
public sealed class NoOptions
{
}
