namespace Crucible.Integration.Tests.Slurm;

/// <summary>A test that needs a local Slurm cluster; skipped, with the reason, where Slurm cannot run (no root, not installed).</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (LocalSlurm.WhyUnavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
