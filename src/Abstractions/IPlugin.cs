namespace Crucible.Abstractions;

/// <summary>
/// What every plugin is: a stateless factory, named by a <see cref="PluginAttribute"/>, configured by an
/// options object bound from its section of the experiment file. Implement one of the generic kind
/// interfaces (<see cref="IDataset{TOptions}"/>, <see cref="IModel{TOptions}"/>, ...), never this one directly.
/// </summary>
public interface IPlugin
{
    /// <summary>
    /// The options class the host binds the plugin's experiment-file section to. It needs a public
    /// parameterless constructor; its property initializers are the defaults.
    /// </summary>
    Type OptionsType { get; }
}
