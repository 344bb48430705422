namespace Crucible.Torch.Nn;

/// <summary>Flattens dimensions <see cref="StartDim"/> to <see cref="EndDim"/> into one (<c>nn.Flatten</c>).</summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; the defaults keep the batch dimension and flatten the rest.</summary>
    public Flatten(long startDim = 1, long endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>First dimension to flatten. Defaults to 1.</summary>
    public long StartDim { get; }

    /// <summary>Last dimension to flatten. Defaults to -1.</summary>
    public long EndDim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Flatten(input, StartDim, EndDim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
