using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>The experiment file's <c>training</c> section: how the trainer runs the loop.</summary>
internal sealed class TrainingOptions
{
    /// <summary>Passes over the training data. Defaults to 10.</summary>
    [Range(1, 1_000_000)]
    public int Epochs { get; set; } = 10;

    /// <summary>Samples per training batch (validation and test use the same size). Defaults to 32.</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Whether training batches are drawn in a new random order each epoch. Defaults to true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Whether the last batch of an epoch is dropped when it is shorter than <see cref="BatchSize"/>
    /// (PyTorch's <c>drop_last</c>). Defaults to false.
    /// </summary>
    public bool DropLast { get; set; }

    /// <summary>
    /// Background threads reading the samples of a dataset that streams its splits (idx and csv with
    /// <c>streaming</c>, image-folder); 0 reads each batch on the training thread. Batches come in the
    /// same order with any number. In-memory splits ignore it. Defaults to 0.
    /// </summary>
    [Range(0, 64)]
    public int Workers { get; set; }

    /// <summary>
    /// Batches the loader holds at most for a streamed split, read ahead of the batch being trained on;
    /// memory is bounded by prefetch x batchSize samples. Defaults to 2.
    /// </summary>
    [Range(1, 1024)]
    public int Prefetch { get; set; } = 2;

    /// <summary>
    /// The fraction of the training split held out for validation when the dataset provides no
    /// validation split of its own (a separate file, which always takes precedence); 0 means no
    /// validation. Defaults to 0.
    /// </summary>
    [Range(0.0, 0.95)]
    public double ValidationSplit { get; set; }

    /// <summary>Stop when a metric stops improving. Defaults to null (train every epoch).</summary>
    public EarlyStoppingOptions? EarlyStopping { get; set; }

    /// <summary>
    /// Sum the gradients of this many batches before each optimizer step (an effective batch this many
    /// times larger, in the memory of one). Each batch's loss is weighted by its share of the samples
    /// the step sees, so the step equals one over the large batch. Defaults to 1.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int AccumulateGradBatches { get; set; } = 1;

    /// <summary>Best and last checkpoints. Defaults to enabled, best by val_loss, last at most every 10 s.</summary>
    public CheckpointOptions Checkpoint { get; set; } = new();

    /// <summary>Gradient clipping before each optimizer step. Defaults to null (off).</summary>
    public GradientClippingOptions? GradientClipping { get; set; }

    /// <summary>
    /// Where to train: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, or <c>auto</c> (CUDA when a GPU is
    /// available). Defaults to "auto". <c>--device</c> overrides it.
    /// </summary>
    [Required]
    [RegularExpression("^(cpu|cuda|cuda:[0-9]+|auto)$", ErrorMessage = "must be cpu, cuda, cuda:N or auto")]
    public string Device { get; set; } = "auto";

    /// <summary>
    /// <c>single</c> (one process) or <c>ddp</c> (data-parallel: one replica per process, gradients
    /// averaged across processes; start it with <c>crucible run --nproc N</c>, torchrun or <c>srun</c>).
    /// Defaults to "single".
    /// </summary>
    [Required]
    [RegularExpression("^(single|ddp)$", ErrorMessage = "must be single or ddp")]
    public string Strategy { get; set; } = "single";

    /// <summary>Data-parallel settings (backend, timeout, bucket size) when <see cref="Strategy"/> is ddp. Defaults to null (their defaults).</summary>
    public DistributedOptions? Ddp { get; set; }

    /// <summary>libtorch's intra-op threads. Defaults to null (libtorch's choice). <c>--threads</c> overrides it.</summary>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>The one seed behind weights, shuffling, splits, dropout and augmentation. Defaults to 42.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Whether libtorch runs deterministic algorithms only (slower on a GPU). Defaults to false.</summary>
    public bool Deterministic { get; set; }

    /// <summary>
    /// Float precision of the forward passes (Lightning's <c>precision</c>): <c>32</c>; <c>bf16</c>
    /// (libtorch's autocast in bfloat16, CPU or CUDA); <c>16</c> (autocast in float16 with loss
    /// scaling, CUDA only). Weights and optimizer state stay float32. Defaults to "32".
    /// </summary>
    [Required]
    [NumberAsText]
    [RegularExpression("^(32|bf16|16)$", ErrorMessage = "must be \"32\", \"bf16\" or \"16\"")]
    public string Precision { get; set; } = "32";

    /// <summary>Also record the training loss every this many optimizer steps. Defaults to null (per epoch only).</summary>
    [Range(1, int.MaxValue)]
    public int? LogEverySteps { get; set; }
}
