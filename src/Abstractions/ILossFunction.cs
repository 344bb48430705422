using Crucible.Torch.Nn;

namespace Crucible.Abstractions;

/// <summary>A loss plugin: builds the <see cref="Loss"/> the trainer minimizes. Implement <see cref="ILossFunction{TOptions}"/>.</summary>
public interface ILossFunction : IPlugin
{
    /// <summary>Builds the loss described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    Loss Create(object options, LossContext context);
}

/// <summary>A loss plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>loss</c> section.</typeparam>
public interface ILossFunction<TOptions> : ILossFunction
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    Loss ILossFunction.Create(object options, LossContext context) => Create((TOptions)options, context);

    /// <summary>Builds the loss.</summary>
    Loss Create(TOptions options, LossContext context);
}
