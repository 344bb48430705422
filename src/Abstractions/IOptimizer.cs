using Crucible.Torch.Optim;

namespace Crucible.Abstractions;

/// <summary>An optimizer plugin: builds an <see cref="Optimizer"/> over the model's parameters. Implement <see cref="IOptimizer{TOptions}"/>.</summary>
public interface IOptimizer : IPlugin
{
    /// <summary>Builds the optimizer described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    Optimizer Create(object options, OptimizerContext context);
}

/// <summary>An optimizer plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>optimizer</c> section.</typeparam>
public interface IOptimizer<TOptions> : IOptimizer
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    Optimizer IOptimizer.Create(object options, OptimizerContext context) => Create((TOptions)options, context);

    /// <summary>Builds the optimizer.</summary>
    Optimizer Create(TOptions options, OptimizerContext context);
}
