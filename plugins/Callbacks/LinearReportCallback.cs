using Crucible.Abstractions;

namespace Crucible.Plugins.Callbacks;

/// <summary>
/// Reports a linear model (<c>linear</c>, <c>logistic</c>) as the equation a course writes on the
/// board: its slopes and intercept in the data's own units, with the dataset's feature and target
/// scaling undone. Printed, and recorded as metrics <c>slope</c> (or <c>slope_&lt;feature&gt;</c>)
/// and <c>intercept</c>.
/// </summary>
[Plugin("linear-report", Description = "A linear model's slopes and intercept in the data's units (scaling undone), printed and recorded.")]
public sealed class LinearReportCallback : ICallback<LinearReportOptions>
{
    /// <inheritdoc />
    public ITrainingCallback Create(LinearReportOptions options, CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LinearReporter(options.EveryEpoch, context.Dataset);
    }
}
