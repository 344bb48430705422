using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>
/// SparseAdam (<c>optim.SparseAdam</c>): Adam for sparse gradients, updating only the rows a batch
/// touched. Every parameter it updates must get a sparse gradient, which only an <c>Embedding</c>
/// created with <c>sparse: true</c> produces; the model is checked when the optimizer is built and
/// an <see cref="ExperimentConfigException"/> names the parameters with dense gradients.
/// </summary>
[Plugin("sparse-adam")]
public sealed class SparseAdamOptimizer : IOptimizer<SparseAdamOptions>
{
    /// <inheritdoc />
    public Optimizer Create(SparseAdamOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var sparse = context.Model.Modules().OfType<Embedding>().Where(e => e.Sparse).SelectMany(e => e.Parameters()).ToHashSet(ReferenceEqualityComparer.Instance);
        var dense = context.Model.NamedParameters().Where(p => !sparse.Contains(p.Parameter)).Select(p => p.Name).ToList();
        if (dense.Count > 0)
        {
            throw new ExperimentConfigException(
                "optimizer 'sparse-adam' updates only parameters with sparse gradients, which only an Embedding with sparse: true produces; " +
                $"this model has {dense.Count} parameters with dense gradients ({string.Join(", ", dense.Take(5))}{(dense.Count > 5 ? ", ..." : string.Empty)}). " +
                "Use adam (or adamw) for this model.");
        }

        var o = options;
        return new SparseAdam(context.Parameters.ToList(), o.Lr, o.Beta1, o.Beta2, o.Eps, o.Maximize);
    }
}
