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
        Reduction = reduction;
    }

    /// <summary>How per-element losses are reduced.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss of <paramref name="input"/> (predictions) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Same as <see cref="Forward"/>.</summary>
    public Tensor Call(Tensor input, Tensor target) => Forward(input, target);
}
