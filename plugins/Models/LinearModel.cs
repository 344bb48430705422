using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Linear regression: one fully connected layer from the (flattened) features to the outputs.</summary>
[Plugin("linear", Description = "Linear regression: y = Wx + b.")]
public sealed class LinearModel : IModel<LinearModelOptions>
{
    /// <inheritdoc />
    public Module Create(LinearModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return Build(options, context);
    }

    internal static Module Build(LinearModelOptions options, ModelContext context)
    {
        var model = new Sequential();
        if (context.InputShape.Count > 1)
        {
            model.Add(new Flatten());
        }

        model.Add(new Linear(Layers.FlatSize(context.InputShape), context.OutputSize, options.Bias, context.Device));
        return model;
    }
}
