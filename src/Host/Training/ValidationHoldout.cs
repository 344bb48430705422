using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// Holds out a random fraction of the training split for validation when the dataset brings no
/// validation split of its own. The permutation comes from libtorch's seeded generator, so the same
/// seed always holds out the same samples (also when a run is resumed).
/// </summary>
internal static class ValidationHoldout
{
    /// <summary>
    /// Splits <paramref name="train"/> in place: its rows are reordered along the seeded permutation
    /// (the held-out rows last) and both parts are views of its storage, so the holdout costs no copy of
    /// the dataset (a copy would double the peak memory of a run on MNIST). The parts own their views;
    /// <paramref name="train"/> may be disposed right after, its storage lives as long as the parts.
    /// </summary>
    public static (DataSplit Train, DataSplit Validation) Split(DataSplit train, double fraction)
    {
        ArgumentNullException.ThrowIfNull(train);
        var n = train.Count;
        var holdout = Holdout(n, fraction);
        using var scope = torch.NewDisposeScope();
        var permutation = torch.RandPerm(n, device: train.Features.Device);
        train.Features.PermuteRows_(permutation);
        train.Targets.PermuteRows_(permutation);
        var trainPart = new DataSplit(
            train.Features.Narrow(0, 0, n - holdout).DetachFromDisposeScope(),
            train.Targets.Narrow(0, 0, n - holdout).DetachFromDisposeScope());
        var validationPart = new DataSplit(
            train.Features.Narrow(0, n - holdout, holdout).DetachFromDisposeScope(),
            train.Targets.Narrow(0, n - holdout, holdout).DetachFromDisposeScope());
        return (trainPart, validationPart);
    }

    /// <summary>
    /// The same split by sample indices, for a split read lazily: the same draw from libtorch's
    /// generator, so the same seed holds out the same samples as for the split in memory.
    /// </summary>
    public static (long[] Train, long[] Validation) Indices(long n, double fraction, Device device)
    {
        var holdout = Holdout(n, fraction);
        using var scope = torch.NewDisposeScope();
        var permutation = torch.RandPerm(n, device: device).To(Device.Cpu).ToArray<long>();
        return (permutation[..(int)(n - holdout)], permutation[(int)(n - holdout)..]);
    }

    private static long Holdout(long n, double fraction)
    {
        if (fraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be between 0 and 1 (exclusive).");
        }

        var holdout = (long)Math.Round(n * fraction, MidpointRounding.AwayFromZero);
        if (holdout < 1 || holdout >= n)
        {
            throw new TrainingException(string.Create(
                CultureInfo.InvariantCulture,
                $"training.validationSplit = {fraction} of {n} training samples leaves {n - holdout} for training and {holdout} for validation; both need at least one."));
        }

        return holdout;
    }
}
