using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Models;

/// <summary>
/// Logistic regression: a linear layer producing logits, one for a binary dataset with a single
/// output (pair with bce-with-logits) or one per class (multinomial, softmax regression; pair with
/// cross-entropy). The sigmoid or softmax is inside the loss, which is numerically safer.
/// </summary>
[Plugin("logistic", Description = "Logistic regression, binary (one logit) or multinomial (softmax regression).")]
public sealed class LogisticModel : IModel<LinearModelOptions>
{
    /// <inheritdoc />
    public Module Create(LinearModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Dataset.TaskKind != TaskKind.Classification)
        {
            throw new ExperimentConfigException($"The logistic model needs a classification dataset, but '{context.Dataset.Name}' is a regression one; use the linear model.");
        }

        return LinearModel.Build(options, context);
    }
}
