using System.Globalization;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Distributed;

namespace Crucible.Host.Distributed;

/// <summary>
/// The process group a <c>training.strategy: ddp</c> run trains in. Joining is the rendezvous: rank 0
/// hosts a TCP store at the master's address, every rank connects and joins a Gloo group. Only rank 0
/// records to MLflow and writes checkpoints; every rank trains.
/// </summary>
internal sealed class DistributedRun : IDisposable
{
    private readonly Store store;

    private DistributedRun(DistributedEnvironment environment, Store store, ProcessGroup group, int bucketMegabytes)
    {
        Environment = environment;
        this.store = store;
        Group = group;
        Parallel = new DataParallel(group, bucketMegabytes * 1024L * 1024L);
        Sampler = new DistributedSampler(environment.Rank, environment.WorldSize);
    }

    public DistributedEnvironment Environment { get; }

    public ProcessGroup Group { get; }

    public DataParallel Parallel { get; }

    public DistributedSampler Sampler { get; }

    /// <summary>Whether this rank records the run (rank 0).</summary>
    public bool IsMain => Environment.IsMain;

    /// <summary>
    /// Joins the group the launcher's environment describes. Throws <see cref="CompositionException"/>
    /// (bad input, known before training) for a backend this build lacks or a rendezvous that fails.
    /// </summary>
    public static DistributedRun Join(DistributedEnvironment environment, DistributedOptions? options, Device device)
    {
        ArgumentNullException.ThrowIfNull(environment);
        options ??= new DistributedOptions();
        var backend = options.Backend == "auto" ? (device.Type == DeviceType.Cuda ? "nccl" : "gloo") : options.Backend;
        if (backend == "nccl")
        {
            const string Message = "nccl is not available: Crucible's binding speaks c10d's Gloo backend only " +
                "(Debian's libtorch is a CPU build). Use \"gloo\" (training.ddp.backend), which trains on CPU tensors.";
            throw new CompositionException("$.training.ddp.backend", Message, new TrainingException(Message));
        }

        if (!ProcessGroupGloo.IsAvailable)
        {
            const string Message = "ddp needs c10d's Gloo backend, and this Crucible's libtorch shim was built without it " +
                "(install Gloo's headers, Debian: libgloo-dev, then rebuild).";
            throw new CompositionException("$.training.strategy", Message, new TrainingException(Message));
        }

        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var where = string.Create(CultureInfo.InvariantCulture, $"{environment.MasterAddress}:{environment.MasterPort}");
        Store? store = null;
        try
        {
            store = new TcpStore(environment.MasterAddress, environment.MasterPort, environment.WorldSize, environment.IsMain, timeout);
            var group = new ProcessGroupGloo(store, environment.Rank, environment.WorldSize, timeout);
            return new DistributedRun(environment, store, group, options.BucketMegabytes);
        }
        catch (TorchException e)
        {
            store?.Dispose();
            var role = environment.IsMain ? $"rank 0 could not host the rendezvous at {where}" : $"rank {environment.Rank} could not reach the rendezvous at {where}";
            throw new CompositionException(
                "$.training.strategy",
                $"{role} (world size {environment.WorldSize}, from {environment.Launcher}'s environment): {e.Message.Split('\n')[0]}. " +
                "Check MASTER_ADDR and MASTER_PORT, that every rank started, and training.ddp.timeoutSeconds.",
                e);
        }
    }

    /// <summary>A run over a group that is already joined (ranks as threads in tests); it owns <paramref name="store"/> and <paramref name="group"/>.</summary>
    internal static DistributedRun Over(DistributedEnvironment environment, Store store, ProcessGroup group) =>
        new(environment, store, group, new DistributedOptions().BucketMegabytes);

    public void Dispose()
    {
        Group.Dispose();
        store.Dispose();
    }
}
