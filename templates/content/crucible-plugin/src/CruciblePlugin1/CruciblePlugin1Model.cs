using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace CruciblePlugin1;

/// <summary>A perceptron with one tanh hidden layer, written as its own module.</summary>
[Plugin("crucibleplugin1", Description = "A perceptron with one tanh hidden layer.")]
public sealed class CruciblePlugin1Model : IModel<CruciblePlugin1Options>
{
    /// <inheritdoc />
    public Module Create(CruciblePlugin1Options options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.InputShape.Aggregate(1L, (size, dim) => size * dim);
        return new Network(inputs, options.Hidden, context.OutputSize, context.Device);
    }

    /// <summary>The module: its layers are registered by name, so checkpoints read <c>hidden.weight</c>.</summary>
    private sealed class Network : Module
    {
        private readonly Linear hidden;
        private readonly Linear output;

        public Network(long inputs, int width, int outputs, Device device)
        {
            hidden = RegisterModule("hidden", new Linear(inputs, width, device: device));
            output = RegisterModule("output", new Linear(width, outputs, device: device));
        }

        public override Tensor Forward(Tensor input) => output.Forward(F.Tanh(hidden.Forward(input.Flatten(1))));
    }
}
