using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>
/// The scalars a task's steps return over one pass (its loss and its named values), kept on the
/// device per name until the pass ends (<see cref="BatchLosses"/>), then read back as batch-size
/// weighted means: <c>{prefix}_loss</c> and <c>{prefix}_{name}</c>.
/// </summary>
internal sealed class StepValues : IDisposable
{
    private const string LossKey = "loss";
    private readonly Dictionary<string, BatchLosses> values = new(StringComparer.Ordinal);

    /// <summary>
    /// Detaches and keeps <paramref name="step"/>'s loss and values for a batch of <paramref name="batchSize"/>
    /// samples; returns the kept loss (owned here: valid until this is disposed), or null without one.
    /// </summary>
    public Torch.Tensor? Add(StepOutput step, long batchSize)
    {
        Torch.Tensor? kept = null;
        if (step.Loss is { } loss)
        {
            kept = Add(LossKey, loss, batchSize);
        }

        foreach (var (key, value) in step.Values)
        {
            if (key == LossKey)
            {
                throw new TrainingException("A task step returned a value named 'loss'; the step's loss goes in StepOutput.Loss.");
            }

            Add(key, value, batchSize);
        }

        return kept;
    }

    /// <summary>The pass means by recorded name, the loss first; <paramref name="nonFinite"/> is the first NaN or infinite batch value, if any.</summary>
    public Dictionary<string, double> Means(string prefix, out (string Key, double Value, int Batch)? nonFinite)
    {
        nonFinite = null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, losses) in values.OrderBy(p => p.Key == LossKey ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var read = losses.Read();
            var bad = BatchLosses.FirstNonFinite(read);
            if (bad > 0 && nonFinite is null)
            {
                nonFinite = (key, read[bad - 1], bad);
            }

            result[$"{prefix}_{key}"] = losses.Mean(read);
        }

        return result;
    }

    public void Dispose()
    {
        foreach (var losses in values.Values)
        {
            losses.Dispose();
        }

        values.Clear();
    }

    private Torch.Tensor Add(string key, Torch.Tensor value, long batchSize)
    {
        if (!values.TryGetValue(key, out var losses))
        {
            losses = new BatchLosses();
            values[key] = losses;
        }

        var detached = value.Detach();
        losses.Add(detached, batchSize);
        return detached;
    }
}
