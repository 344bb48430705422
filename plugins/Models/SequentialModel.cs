using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>
/// A model written as a list of layers in the experiment file, like Keras' Sequential: each layer's
/// input size is inferred by running a probe sample through the layers before it.
/// </summary>
[Plugin("sequential", Description = "A model built from a JSON list of layers, input sizes inferred.")]
public sealed class SequentialModel : IModel<SequentialModelOptions>
{
    /// <inheritdoc />
    public Module Create(SequentialModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var model = new Sequential();
        var tokens = context.Dataset.VocabularySize is not null;
        IReadOnlyList<long> shape = context.InputShape;
        for (var i = 0; i < options.Layers.Length; i++)
        {
            var spec = options.Layers[i];
            var isLast = i == options.Layers.Length - 1 || options.Layers.Skip(i + 1).All(s => IsActivation(s.Type));
            Module layer;
            try
            {
                layer = Build(spec, shape, context, isLast);
            }
            catch (ArgumentException e)
            {
                throw new ExperimentConfigException($"model.layers[{i}] ({spec.Type}): {e.Message}", e);
            }

            model.Add(layer);
            shape = Layers.OutputShape(model, context.InputShape, tokens ? ScalarType.Int64 : ScalarType.Float32);
        }

        model.To(context.Device);
        return model;
    }

    private static bool IsActivation(string type) =>
        type.ToLowerInvariant() is "relu" or "tanh" or "sigmoid" or "leakyrelu" or "elu" or "gelu" or "silu" or "softmax" or "logsoftmax" or "dropout";

    private static Module Build(LayerSpec spec, IReadOnlyList<long> shape, ModelContext context, bool isLast)
    {
        long Last() => shape.Count == 0 ? 1 : shape[^1];
        int Required(int? value, string what) => value ?? throw new ArgumentException($"needs \"out\" ({what}).");
        return spec.Type.ToLowerInvariant() switch
        {
            "linear" or "dense" => new Linear(Layers.FlatSize(shape.Count > 1 ? [shape[^1]] : shape), spec.Out ?? (isLast ? context.OutputSize : throw new ArgumentException("needs \"out\" (output features) unless it is the last layer."))),
            "conv2d" => new Conv2d(Channels(shape, 3), Required(spec.Out, "output channels"), spec.Kernel ?? 3, stride: spec.Stride ?? 1, padding: spec.Padding ?? 0),
            "conv1d" => new Conv1d(Channels(shape, 2), Required(spec.Out, "output channels"), spec.Kernel ?? 3, stride: spec.Stride ?? 1, padding: spec.Padding ?? 0),
            "maxpool2d" => new MaxPool2d(spec.Kernel ?? 2, spec.Stride, spec.Padding ?? 0),
            "avgpool2d" => new AvgPool2d(spec.Kernel ?? 2, spec.Stride, spec.Padding ?? 0),
            "flatten" => new Flatten(),
            "dropout" => new Dropout(spec.P ?? 0.5),
            "dropout2d" => new Dropout2d(spec.P ?? 0.5),
            "batchnorm" => shape.Count == 3 ? new BatchNorm2d(shape[0]) : new BatchNorm1d(shape[0]),
            "layernorm" => new LayerNorm([Last()]),
            "embedding" => new Embedding(context.Dataset.VocabularySize ?? throw new ArgumentException("an embedding needs token features (the text dataset)."), Required(spec.Out, "embedding width"), paddingIdx: 0),
            "rnn" => new RecurrentLayer(new RNN(Steps(shape), Required(spec.Out, "hidden size"), spec.Layers ?? 1, batchFirst: true), spec.ReturnSequences),
            "lstm" => new RecurrentLayer(new LSTM(Steps(shape), Required(spec.Out, "hidden size"), spec.Layers ?? 1, batchFirst: true), spec.ReturnSequences),
            "gru" => new RecurrentLayer(new GRU(Steps(shape), Required(spec.Out, "hidden size"), spec.Layers ?? 1, batchFirst: true), spec.ReturnSequences),
            "relu" => new ReLU(),
            "tanh" => new Tanh(),
            "sigmoid" => new Sigmoid(),
            "leakyrelu" => new LeakyReLU(),
            "elu" => new ELU(),
            "gelu" => new GELU(),
            "silu" => new SiLU(),
            "softmax" => new Softmax(-1),
            "logsoftmax" => new LogSoftmax(-1),
            _ => throw new ArgumentException($"unknown layer type '{spec.Type}'. Known: linear, conv1d, conv2d, maxpool2d, avgpool2d, flatten, dropout, dropout2d, batchnorm, layernorm, embedding, rnn, lstm, gru, relu, tanh, sigmoid, leakyrelu, elu, gelu, silu, softmax, logsoftmax."),
        };
    }

    private static long Channels(IReadOnlyList<long> shape, int rank) =>
        shape.Count == rank ? shape[0] : throw new ArgumentException($"needs input [channels, ...] of {rank} dimensions, but the input is [{string.Join(", ", shape)}].");

    private static long Steps(IReadOnlyList<long> shape) => shape.Count switch
    {
        1 => 1,
        2 => shape[1],
        _ => throw new ArgumentException($"needs sequences [steps, features], but the input is [{string.Join(", ", shape)}]."),
    };
}
