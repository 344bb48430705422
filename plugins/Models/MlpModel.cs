using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>A multi-layer perceptron: Flatten, then (Linear, [BatchNorm], activation, [Dropout]) per hidden layer, then Linear.</summary>
[Plugin("mlp", Description = "Multi-layer perceptron with configurable hidden layers, activation, dropout and batch norm.")]
public sealed class MlpModel : IModel<MlpModelOptions>
{
    /// <inheritdoc />
    public Module Create(MlpModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Hidden.Any(h => h < 1))
        {
            throw new ExperimentConfigException($"Every hidden layer width must be at least 1, not [{string.Join(", ", options.Hidden)}].");
        }

        var model = new Sequential();
        if (context.InputShape.Count > 1)
        {
            model.Add(new Flatten());
        }

        var width = Layers.FlatSize(context.InputShape);
        foreach (var hidden in options.Hidden)
        {
            model.Add(new Linear(width, hidden, device: context.Device));
            if (options.BatchNorm)
            {
                model.Add(new BatchNorm1d(hidden, device: context.Device));
            }

            if (Layers.Create(options.Activation) is { } activation)
            {
                model.Add(activation);
            }

            if (options.Dropout > 0)
            {
                model.Add(new Dropout(options.Dropout));
            }

            width = hidden;
        }

        model.Add(new Linear(width, context.OutputSize, device: context.Device));
        if (Layers.Create(options.Output) is { } output)
        {
            model.Add(output);
        }

        return model;
    }
}
