using Crucible.Abstractions;

namespace Crucible.Host.Data;

/// <summary>One pass over a split, batch by batch, in the order the pass was opened with.</summary>
internal interface IBatchPass : IDisposable
{
    /// <summary>
    /// The next batch, its tensors created on the training device in the caller's dispose scope.
    /// Throws <see cref="DatasetException"/> naming the sample when reading it failed, and
    /// <see cref="OperationCanceledException"/> when the run was interrupted while waiting for it.
    /// </summary>
    TaskBatch Next();
}
