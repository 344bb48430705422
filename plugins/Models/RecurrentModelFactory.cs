using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Builds the <c>rnn</c>, <c>lstm</c> and <c>gru</c> models, which differ only in their recurrent cell.</summary>
internal static class RecurrentModelFactory
{
    public static Module Create(RecurrentCell cell, RecurrentModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.InputShape;
        Embedding? embedding = null;
        long inputSize;
        if (context.Dataset.VocabularySize is int vocabulary)
        {
            if (shape.Count != 1)
            {
                throw new ExperimentConfigException($"Token features must be [length], but '{context.Dataset.Name}' has [{string.Join(", ", shape)}].");
            }

            embedding = new Embedding(vocabulary, options.EmbeddingDim, paddingIdx: 0);
            inputSize = options.EmbeddingDim;
        }
        else
        {
            inputSize = shape.Count switch
            {
                1 => 1,
                2 => shape[1],
                _ => throw new ExperimentConfigException($"A recurrent model needs sequences [steps, features], but '{context.Dataset.Name}' has [{string.Join(", ", shape)}]."),
            };
        }

        var stackedDropout = options.Layers > 1 ? options.Dropout : 0;
        RNNBase recurrent = cell switch
        {
            RecurrentCell.Lstm => new LSTM(inputSize, options.HiddenSize, options.Layers, batchFirst: true, dropout: stackedDropout, bidirectional: options.Bidirectional),
            RecurrentCell.Gru => new GRU(inputSize, options.HiddenSize, options.Layers, batchFirst: true, dropout: stackedDropout, bidirectional: options.Bidirectional),
            _ => new RNN(inputSize, options.HiddenSize, options.Layers, batchFirst: true, dropout: stackedDropout, bidirectional: options.Bidirectional),
        };
        var directions = options.Bidirectional ? 2 : 1;
        var head = new Linear(options.HiddenSize * directions, context.OutputSize);
        var model = new RecurrentNetwork(embedding, recurrent, options.Dropout, head, Layers.Create(options.Output));
        model.To(context.Device);
        return model;
    }
}
