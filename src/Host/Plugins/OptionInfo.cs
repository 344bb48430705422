using System.Reflection;

namespace Crucible.Host.Plugins;

/// <summary>One option of an options class as users see it: JSON name, type, default, description.</summary>
internal sealed record OptionInfo(string Name, PropertyInfo Property, string TypeDescription, string DefaultJson, string? Description);
