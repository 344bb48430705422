namespace Crucible.Host.Plugins;

/// <summary>A plugin could not be installed; the message says why and what would work.</summary>
internal sealed class PluginInstallException : Exception
{
    public PluginInstallException(string message)
        : base(message)
    {
    }

    public PluginInstallException()
    {
    }

    public PluginInstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
