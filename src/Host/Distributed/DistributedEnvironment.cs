using System.Globalization;

namespace Crucible.Host.Distributed;

/// <summary>
/// Where this process stands in a data-parallel job, read from the launcher's environment:
/// torchrun's (<c>RANK</c>, <c>WORLD_SIZE</c>, <c>LOCAL_RANK</c>, <c>MASTER_ADDR</c>, <c>MASTER_PORT</c>;
/// <c>crucible run --nproc</c> sets the same) or Slurm's inside an <c>srun</c> step
/// (<c>SLURM_PROCID</c>, <c>SLURM_NTASKS</c>, <c>SLURM_LOCALID</c>, the first host of the step's node list).
/// </summary>
/// <param name="Rank">This process's global rank.</param>
/// <param name="WorldSize">Number of processes.</param>
/// <param name="LocalRank">Rank among the processes on this machine.</param>
/// <param name="MasterAddress">Where rank 0's rendezvous store listens.</param>
/// <param name="MasterPort">Its port.</param>
/// <param name="Launcher">Which environment said so: <c>torchrun</c> or <c>slurm</c>.</param>
internal sealed record DistributedEnvironment(int Rank, int WorldSize, int LocalRank, string MasterAddress, int MasterPort, string Launcher)
{
    /// <summary>The port Lightning derives from a Slurm job id when <c>MASTER_PORT</c> is unset.</summary>
    internal const int SlurmPortBase = 15000;

    /// <summary>Whether this process is rank 0, the one that records and checkpoints.</summary>
    public bool IsMain => Rank == 0;

    /// <summary>Reads the process's environment; null when no launcher started it as part of a group.</summary>
    public static DistributedEnvironment? FromProcess() =>
        From(name => Environment.GetEnvironmentVariable(name));

    /// <summary>Reads an environment; null when it describes no group. Throws <see cref="FormatException"/> naming the variable that is wrong.</summary>
    public static DistributedEnvironment? From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!string.IsNullOrEmpty(variable("WORLD_SIZE")))
        {
            var worldSize = Number(variable, "WORLD_SIZE", min: 1);
            var rank = Number(variable, "RANK", min: 0);
            if (rank >= worldSize)
            {
                throw new FormatException($"RANK={rank} is not below WORLD_SIZE={worldSize}");
            }

            var localRank = string.IsNullOrEmpty(variable("LOCAL_RANK")) ? rank : Number(variable, "LOCAL_RANK", min: 0);
            var address = Required(variable, "MASTER_ADDR");
            var port = Number(variable, "MASTER_PORT", min: 1, max: ushort.MaxValue);
            return new DistributedEnvironment(rank, worldSize, localRank, address, port, "torchrun");
        }

        // Only inside an srun step with several tasks: a batch script's own shell, or a sweep's
        // one-task array jobs, carry SLURM_* too and are single processes.
        var tasks = variable("SLURM_STEP_NUM_TASKS") ?? variable("SLURM_NTASKS");
        if (string.IsNullOrEmpty(variable("SLURM_STEP_ID")) || string.IsNullOrEmpty(tasks) || tasks == "1")
        {
            return null;
        }

        var size = Number(variable, variable("SLURM_STEP_NUM_TASKS") is null ? "SLURM_NTASKS" : "SLURM_STEP_NUM_TASKS", min: 1);
        var procId = Number(variable, "SLURM_PROCID", min: 0);
        var localId = Number(variable, "SLURM_LOCALID", min: 0);
        var nodes = variable("SLURM_STEP_NODELIST") ?? variable("SLURM_JOB_NODELIST") ?? variable("SLURM_NODELIST");
        var master = variable("MASTER_ADDR") is { Length: > 0 } given
            ? given
            : SlurmHostList.First(nodes ?? throw new FormatException("SLURM_JOB_NODELIST is not set, and neither is MASTER_ADDR"));
        var masterPort = variable("MASTER_PORT") is { Length: > 0 }
            ? Number(variable, "MASTER_PORT", min: 1, max: ushort.MaxValue)
            : SlurmPortBase + (int)(Number(variable, "SLURM_JOB_ID", min: 0) % 10000);
        return new DistributedEnvironment(procId, size, localId, master, masterPort, "slurm");
    }

    private static string Required(Func<string, string?> variable, string name) =>
        variable(name) is { Length: > 0 } value ? value : throw new FormatException($"{name} is not set");

    private static int Number(Func<string, string?> variable, string name, int min, int max = int.MaxValue)
    {
        var text = Required(variable, name);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"{name}={text} is not a whole number from {min} to {max}");
        }

        return value;
    }
}
