namespace Crucible.Host.Training;

/// <summary>The range test's curve (the rate and the smoothed loss of each step) and the suggested rate, or null when the curve is too short.</summary>
internal sealed record LrFindResult(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, double? Suggestion);
