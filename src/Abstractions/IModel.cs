using Crucible.Torch.Nn;

namespace Crucible.Abstractions;

/// <summary>
/// A model plugin: builds a fresh <see cref="Module"/>. The host moves it to the training device
/// afterwards. Implement <see cref="IModel{TOptions}"/>.
/// </summary>
public interface IModel : IPlugin
{
    /// <summary>Builds the module described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    Module Create(object options, ModelContext context);
}

/// <summary>A model plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>model</c> section.</typeparam>
public interface IModel<TOptions> : IModel
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    Module IModel.Create(object options, ModelContext context) => Create((TOptions)options, context);

    /// <summary>
    /// Builds the module; its parameters are initialized from libtorch's generator, which the host
    /// has seeded, so the same seed gives the same initial weights.
    /// </summary>
    Module Create(TOptions options, ModelContext context);
}
