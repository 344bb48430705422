namespace Crucible.Abstractions;

/// <summary>
/// A plugin assembly could not be loaded or registered: a missing dependency, a build against an
/// incompatible Crucible.Abstractions, a constructor that throws, or a name another plugin already has.
/// </summary>
public class PluginLoadException : CrucibleException
{
    /// <summary>Creates the exception for the plugin at <paramref name="pluginPath"/>.</summary>
    public PluginLoadException(string pluginPath, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        PluginPath = pluginPath;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PluginLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PluginLoadException()
    {
    }

    /// <summary>The plugin assembly's path, when known.</summary>
    public string? PluginPath { get; }
}
