namespace Crucible.Host.Sweeps;

/// <summary>The launcher could not start or follow trials (sbatch or squeue failed).</summary>
internal sealed class SweepLaunchException(string message) : Exception(message);
