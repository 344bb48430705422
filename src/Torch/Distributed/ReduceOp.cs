namespace Crucible.Torch.Distributed;

/// <summary>How a reducing collective combines the ranks' tensors (<c>torch.distributed.ReduceOp</c>).</summary>
public enum ReduceOp
{
    /// <summary>Element-wise sum.</summary>
    Sum = 0,

    /// <summary>Element-wise product.</summary>
    Product = 1,

    /// <summary>Element-wise minimum.</summary>
    Min = 2,

    /// <summary>Element-wise maximum.</summary>
    Max = 3,
}
