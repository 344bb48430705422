using Crucible.Tracking.Model;

namespace Crucible.Tracking;

/// <summary>Conveniences over <see cref="ITrackingStore"/>.</summary>
public static class TrackingStoreExtensions
{
    /// <summary>
    /// The id of the active experiment with that name, created when missing. Safe when two
    /// processes create it at once: the loser reads the winner's experiment.
    /// </summary>
    public static async Task<string> GetOrCreateExperimentAsync(
        this ITrackingStore store,
        string name,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var existing = await store.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                return await store.CreateExperimentAsync(name, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceAlreadyExistsException)
            {
                existing = await store.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false)
                    ?? throw new TrackingException($"Experiment '{name}' was reported as existing but cannot be read from {store.TrackingUri}.");
            }
        }

        if (existing.LifecycleStage == LifecycleStage.Deleted)
        {
            throw new TrackingException(
                $"Experiment '{name}' (id {existing.ExperimentId}) in {store.TrackingUri} is deleted. " +
                "Restore it in the MLflow UI, or choose another experiment name.");
        }

        return existing.ExperimentId;
    }

    /// <summary>Every run matching the query, following page tokens.</summary>
    public static async Task<IReadOnlyList<Run>> SearchAllRunsAsync(
        this ITrackingStore store,
        SearchRunsQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var all = new List<Run>();
        var page = await store.SearchRunsAsync(query, cancellationToken).ConfigureAwait(false);
        all.AddRange(page.Runs);
        while (!string.IsNullOrEmpty(page.NextPageToken))
        {
            page = await store.SearchRunsAsync(query with { PageToken = page.NextPageToken }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Runs);
        }

        return all;
    }
}
