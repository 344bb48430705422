namespace Crucible.Plugins.Datasets.Common;

/// <summary>Sample indices of the train, validation and test parts of one dataset.</summary>
internal sealed record SplitIndices(int[] Train, int[] Validation, int[] Test)
{
    /// <summary>
    /// Splits <paramref name="count"/> samples: a seeded shuffle (unless <paramref name="shuffle"/>
    /// is false, for time series), then the test part is taken from the end, the validation part
    /// before it, the rest trains. Fractions round to the nearest sample count.
    /// </summary>
    public static SplitIndices Create(int count, double validationFraction, double testFraction, int seed, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction),
                $"Validation ({validationFraction}) and test ({testFraction}) fractions must be >= 0 and sum to less than 1.");
        }

        var order = Enumerable.Range(0, count).ToArray();
        if (shuffle)
        {
            Shuffle(order, seed);
        }

        var testCount = (int)Math.Round(count * testFraction, MidpointRounding.AwayFromZero);
        var validationCount = (int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero);
        var trainCount = count - testCount - validationCount;
        return new SplitIndices(
            order[..trainCount],
            order[trainCount..(trainCount + validationCount)],
            order[(trainCount + validationCount)..]);
    }

    /// <summary>Fisher-Yates with a seeded generator, so splits depend on the seed only.</summary>
    public static void Shuffle(int[] items, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
#pragma warning disable CA5394 // Reproducible data shuffling, not security.
        var random = new Random(seed);
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
#pragma warning restore CA5394
    }
}
