namespace Crucible.Abstractions;

/// <summary>
/// A callback plugin, listed in the experiment file's optional <c>callbacks</c> section: creates a
/// fresh <see cref="ITrainingCallback"/> per run (the callback may hold state; the plugin may not).
/// Implement <see cref="ICallback{TOptions}"/>.
/// </summary>
public interface ICallback : IPlugin
{
    /// <summary>Creates the callback configured by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    ITrainingCallback Create(object options, CallbackContext context);
}

/// <summary>A callback plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the callback's entry in the <c>callbacks</c> list.</typeparam>
public interface ICallback<TOptions> : ICallback
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    ITrainingCallback ICallback.Create(object options, CallbackContext context) => Create((TOptions)options, context);

    /// <summary>Creates the callback.</summary>
    ITrainingCallback Create(TOptions options, CallbackContext context);
}
