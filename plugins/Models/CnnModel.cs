using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>
/// A convolutional network for images [C, H, W]: convolution blocks, flatten, dense layers, output
/// layer; the first dense layer's width is inferred from the blocks' output shape.
/// </summary>
[Plugin("cnn", Description = "Convolutional network with configurable conv blocks and dense layers, or the LeNet-5 preset.")]
public sealed class CnnModel : IModel<CnnModelOptions>
{
    /// <inheritdoc />
    public Module Create(CnnModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.InputShape;
        if (shape.Count != 3)
        {
            throw new ExperimentConfigException($"The cnn model needs image features [channels, height, width], but '{context.Dataset.Name}' has [{string.Join(", ", shape)}].");
        }

        var (blocks, hidden, dropout) = options.Preset switch
        {
            CnnPreset.LeNet5 => (
                new[] { new ConvBlockOptions { Filters = 6, Kernel = 5, Padding = 2 }, new ConvBlockOptions { Filters = 16, Kernel = 5, Padding = 0 } },
                new[] { 120, 84 },
                0.0),
            _ => (options.Blocks, options.Hidden, options.Dropout),
        };

        var features = new Sequential();
        var channels = shape[0];
        foreach (var block in blocks)
        {
            features.Add(new Conv2d(channels, block.Filters, block.Kernel, stride: block.Stride, padding: block.Padding ?? (block.Kernel / 2)));
            if (block.BatchNorm)
            {
                features.Add(new BatchNorm2d(block.Filters));
            }

            if (Layers.Create(options.Activation) is { } activation)
            {
                features.Add(activation);
            }

            if (block.Pool > 1)
            {
                features.Add(block.AveragePool ? new AvgPool2d(block.Pool) : new MaxPool2d(block.Pool));
            }

            if (block.Dropout > 0)
            {
                features.Add(new Dropout2d(block.Dropout));
            }

            channels = block.Filters;
        }

        var convShape = Layers.OutputShape(features, shape);
        if (convShape.Any(d => d < 1))
        {
            throw new ExperimentConfigException($"The convolution blocks shrink a [{string.Join(", ", shape)}] image to nothing; use fewer blocks, padding or smaller pools.");
        }

        var model = new Sequential(("features", features), ("flatten", new Flatten()));
        var width = Layers.FlatSize(convShape);
        var classifier = new Sequential();
        foreach (var h in hidden)
        {
            classifier.Add(new Linear(width, h));
            if (Layers.Create(options.Activation) is { } activation)
            {
                classifier.Add(activation);
            }

            if (dropout > 0)
            {
                classifier.Add(new Dropout(dropout));
            }

            width = h;
        }

        classifier.Add(new Linear(width, context.OutputSize));
        model.Add(classifier);
        model.To(context.Device);
        return model;
    }
}
