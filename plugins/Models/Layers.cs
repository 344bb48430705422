using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>Helpers shared by the model plugins.</summary>
internal static class Layers
{
    public static Module? Create(Activation activation) => activation switch
    {
        Activation.Relu => new ReLU(),
        Activation.Tanh => new Tanh(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.LeakyRelu => new LeakyReLU(),
        Activation.Elu => new ELU(),
        Activation.Gelu => new GELU(),
        Activation.Silu => new SiLU(),
        Activation.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    public static Module? Create(OutputActivation activation) => activation switch
    {
        OutputActivation.None => null,
        OutputActivation.Sigmoid => new Sigmoid(),
        OutputActivation.Softmax => new Softmax(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown output activation."),
    };

    /// <summary>The number of features of one flattened sample.</summary>
    public static long FlatSize(IReadOnlyList<long> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    /// <summary>
    /// The per-sample output shape of <paramref name="module"/> for inputs of <paramref name="inputShape"/>,
    /// found by running one zero sample through it without recording gradients (shape inference, as
    /// Keras does when it builds a model).
    /// </summary>
    public static long[] OutputShape(Module module, IReadOnlyList<long> inputShape, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var wasTraining = module.Training;
        module.Eval();
        try
        {
            var probe = torch.Zeros([1, .. inputShape], dtype);
            return module.Forward(probe).Shape[1..];
        }
        finally
        {
            module.Train(wasTraining);
        }
    }
}
