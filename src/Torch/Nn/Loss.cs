namespace Crucible.Torch.Nn;

/// <summary>How a loss reduces the per-element losses (<c>reduction=</c> in PyTorch).</summary>
public enum Reduction
{
    /// <summary>The mean over elements (the default).</summary>
    Mean,

    /// <summary>The sum over elements.</summary>
    Sum,

    /// <summary>No reduction: one loss per element.</summary>
    None,
}

/// <summary>Base class of the loss functions (<c>torch.nn.MSELoss</c>, <c>CrossEntropyLoss</c>, ...).</summary>
public abstract class Loss
{
    /// <summary>Creates the loss with the given reduction.</summary>
    protected Loss(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Expected Reduction.Mean, Sum or None.");
        }

        Reduction = reduction;
    }

    /// <summary>How per-element losses are reduced.</summary>
    public Reduction Reduction { get; }

    /// <summary>The name used in error messages: the class name, as in PyTorch.</summary>
    protected string Name => GetType().Name;

    /// <summary>libtorch's code for <see cref="Reduction"/> (<c>at::Reduction</c>: 0 none, 1 mean, 2 sum).</summary>
    internal int ReductionCode => Reduction switch
    {
        Reduction.None => 0,
        Reduction.Mean => 1,
        _ => 2,
    };

    /// <summary>Computes the loss of <paramref name="input"/> (predictions) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Same as <see cref="Forward"/>.</summary>
    public Tensor Call(Tensor input, Tensor target) => Forward(input, target);

    /// <summary>Formats a shape as PyTorch prints it in messages: <c>[2, 3]</c>.</summary>
    internal static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Throws unless both tensors have the same shape; the message names both.</summary>
    internal void RequireSameShape(Tensor input, Tensor target, string inputName = "input", string targetName = "target")
    {
        var a = input.Shape;
        var b = target.Shape;
        if (!a.AsSpan().SequenceEqual(b))
        {
            throw new ArgumentException(
                $"{Name}: {inputName} has shape {Format(a)} but {targetName} has shape {Format(b)}; they must be the same.",
                targetName);
        }
    }

    /// <summary>Throws unless <paramref name="tensor"/> holds floating-point numbers of the same type as <paramref name="input"/>.</summary>
    internal void RequireFloatLike(Tensor input, Tensor tensor, string tensorName = "target")
    {
        var expected = input.DType;
        if (!expected.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"{Name}: input must hold floating-point numbers but holds {expected.ToPyTorchName()} (shape {Format(input.Shape)}).",
                nameof(input));
        }

        var actual = tensor.DType;
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{Name}: input is {expected.ToPyTorchName()} (shape {Format(input.Shape)}) but {tensorName} is {actual.ToPyTorchName()} (shape {Format(tensor.Shape)}); convert {tensorName} with To(ScalarType.{expected}).",
                tensorName);
        }
    }

    /// <summary>
    /// Checks class-index targets against an input of scores or log-probabilities: the input is
    /// <c>(C)</c>, <c>(N, C)</c> or <c>(N, C, d1, ...)</c>; the target is int64 with the input's
    /// shape minus the class dimension.
    /// </summary>
    internal void RequireClassIndices(Tensor input, Tensor target, string? floatHint = null)
    {
        var inputShape = input.Shape;
        var targetShape = target.Shape;
        if (inputShape.Length == 0)
        {
            throw new ArgumentException($"{Name}: input must have a class dimension, (C) or (N, C, ...), but is a scalar.", nameof(input));
        }

        if (!input.DType.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"{Name}: input must hold floating-point scores but holds {input.DType.ToPyTorchName()} (shape {Format(inputShape)}).",
                nameof(input));
        }

        var expected = ExpectedIndexShape(inputShape);
        if (target.DType != ScalarType.Int64)
        {
            throw new ArgumentException(
                $"{Name}: class-index targets must be int64 with shape {Format(expected)} for input of shape {Format(inputShape)}, but target is {target.DType.ToPyTorchName()} with shape {Format(targetShape)}."
                + (floatHint is null ? " Convert it with To(ScalarType.Int64)." : " " + floatHint),
                nameof(target));
        }

        if (!expected.AsSpan().SequenceEqual(targetShape))
        {
            throw new ArgumentException(
                $"{Name}: input has shape {Format(inputShape)} so class-index targets must have shape {Format(expected)}, but target has shape {Format(targetShape)}.",
                nameof(target));
        }
    }

    /// <summary>The shape of class-index targets for an input: without its class dimension (dimension 1, or 0 when unbatched).</summary>
    internal static long[] ExpectedIndexShape(long[] inputShape) =>
        inputShape.Length == 1 ? [] : [inputShape[0], .. inputShape[2..]];
}
