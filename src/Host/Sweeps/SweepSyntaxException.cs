namespace Crucible.Host.Sweeps;

/// <summary>A sweep definition that cannot be understood; the message says what and what would be right.</summary>
internal sealed class SweepSyntaxException(string message) : Exception(message);
