namespace Crucible.Torch.Optim;

/// <summary>The line search <see cref="LBFGS"/> runs along each direction (<c>line_search_fn</c>).</summary>
public enum LineSearch
{
    /// <summary>None: a fixed step of the learning rate (PyTorch's default).</summary>
    None,

    /// <summary>A line search satisfying the strong Wolfe conditions (<c>"strong_wolfe"</c>).</summary>
    StrongWolfe,
}
