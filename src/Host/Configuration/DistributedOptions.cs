using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>The <c>training.ddp</c> section: how data-parallel ranks talk (<c>training.strategy: ddp</c>).</summary>
internal sealed class DistributedOptions
{
    /// <summary>
    /// The collective backend: <c>gloo</c> (CPU tensors), <c>nccl</c> (CUDA tensors, on a libtorch built
    /// with NCCL), or <c>auto</c> (nccl when training on CUDA, else gloo). Defaults to "auto".
    /// </summary>
    [Required]
    [RegularExpression("^(auto|gloo|nccl)$", ErrorMessage = "must be auto, gloo or nccl")]
    public string Backend { get; set; } = "auto";

    /// <summary>How long the rendezvous and each collective may wait for the other ranks, in seconds. Defaults to 1800, as PyTorch's.</summary>
    [Range(1, 86_400)]
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>Gradients averaged per all-reduce, in MiB (DDP's <c>bucket_cap_mb</c>). Defaults to 25.</summary>
    [Range(1, 4096)]
    public int BucketMegabytes { get; set; } = 25;
}
