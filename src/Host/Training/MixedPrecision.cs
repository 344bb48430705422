using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Amp;
using Crucible.Torch.Nn;

namespace Crucible.Host.Training;

/// <summary>
/// <c>training.precision</c>, as Lightning's <c>Trainer(precision=...)</c>: <c>32</c> trains in float32;
/// <c>bf16</c> runs each forward pass under libtorch's autocast in bfloat16 (matrix products and
/// convolutions in bfloat16, the weights, gradients and optimizer state stay float32); <c>16</c> does
/// the same in float16 on CUDA, with loss scaling (<see cref="GradScaler"/>) so small gradients survive.
/// The model's output leaves the autocast region as float32, so losses and metrics see what they see
/// at 32.
/// </summary>
internal sealed class MixedPrecision
{
    public const string Full = "32";
    public const string BFloat16 = "bf16";
    public const string Half = "16";

    private readonly DeviceType device;
    private readonly ScalarType? dtype;

    private MixedPrecision(string name, DeviceType device, ScalarType? dtype, GradScaler? scaler)
    {
        Name = name;
        this.device = device;
        this.dtype = dtype;
        Scaler = scaler;
    }

    /// <summary>The setting as written (<c>32</c>, <c>bf16</c>, <c>16</c>).</summary>
    public string Name { get; }

    /// <summary>The loss scaler of <c>16</c>, or null.</summary>
    public GradScaler? Scaler { get; }

    /// <summary>Float32 throughout.</summary>
    public static MixedPrecision None { get; } = new(Full, DeviceType.Cpu, null, null);

    /// <summary>The precision <paramref name="precision"/> names on <paramref name="on"/>; <c>16</c> needs CUDA.</summary>
    public static MixedPrecision Create(string precision, Device on) => precision switch
    {
        Full => None,
        BFloat16 => new MixedPrecision(BFloat16, on.Type, ScalarType.BFloat16, null),
        Half when on.IsCuda => new MixedPrecision(Half, on.Type, ScalarType.Float16, new GradScaler()),
        Half => throw new TrainingException(
            "training.precision 16 (float16 with loss scaling) needs a CUDA device; this run trains on the CPU. Use \"bf16\" on the CPU, or \"32\"."),
        _ => throw new TrainingException($"training.precision must be \"32\", \"bf16\" or \"16\", not \"{precision}\"."),
    };

    /// <summary>
    /// Runs a task's step under autocast (the model's matrix products in the lower precision; losses
    /// and reductions stay float32 by autocast's own op lists), or as it is at <c>32</c>.
    /// </summary>
    public T Run<T>(Func<T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (dtype is not { } lower)
        {
            return step();
        }

        using (torch.Autocast(device, lower))
        {
            return step();
        }
    }

    /// <summary><paramref name="tensor"/> as float32 when autocast left it in a lower floating precision.</summary>
    public static Tensor ToFloat32(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.DType is ScalarType.BFloat16 or ScalarType.Float16 ? tensor.To(ScalarType.Float32) : tensor;
    }

    /// <summary><paramref name="model"/>'s output for <paramref name="x"/>, computed under autocast, as float32.</summary>
    public Tensor Forward(Module model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (dtype is not { } lower)
        {
            return model.Forward(x);
        }

        Tensor output;
        using (torch.Autocast(device, lower))
        {
            output = model.Forward(x);
        }

        return output.DType == ScalarType.Float32 ? output : output.To(ScalarType.Float32);
    }
}
