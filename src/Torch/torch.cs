using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>
/// Entry point of the binding, the C# counterpart of the <c>torch</c> module: tensor creation,
/// seeding, threads, determinism and dispose scopes. Split by area across torch.*.cs files.
/// </summary>
#pragma warning disable IDE1006, CA1708, CS8981 // Named like PyTorch's module so `torch.Zeros` reads as `torch.zeros`.
public static partial class torch
#pragma warning restore IDE1006, CA1708, CS8981
{
    /// <summary>The version of libtorch the shim was built against, e.g. "1.13.1".</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.crc_torch_version()) ?? "unknown";

    /// <summary>
    /// Where factory functions (<c>Zeros</c>, <c>Randn</c>, <c>Tensor</c>, ... and so module parameters)
    /// put tensors when no device is given (<c>torch.set_default_device</c>). Defaults to the CPU.
    /// </summary>
    public static Device DefaultDevice { get; set; } = Crucible.Torch.Device.Cpu;

    /// <summary>Opens a scope that disposes every tensor created on this thread until it closes.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Seeds libtorch's CPU generator and the generators of every CUDA device (<c>torch.manual_seed</c>).</summary>
    public static void ManualSeed(long seed) => NativeMethods.Check(NativeMethods.crc_manual_seed(seed));

    /// <summary>
    /// Number of threads libtorch uses inside one op (<c>torch.get_num_threads</c> /
    /// <c>torch.set_num_threads</c>).
    /// </summary>
    public static int NumThreads
    {
        get => NativeMethods.crc_get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeMethods.Check(NativeMethods.crc_set_num_threads(value));
        }
    }

    /// <summary>
    /// Returns the free memory the process's C heap keeps for reuse to the system. While training,
    /// freed CPU tensor memory stays in the heap so the next step reuses it instead of mapping and
    /// faulting it in again (the shim raises glibc's mmap and trim thresholds when it loads, unless
    /// GLIBC_TUNABLES sets them); call this when a run ends. Returns whether any memory was released.
    /// </summary>
    public static bool ReleaseMemory() => NativeMethods.crc_release_memory() == 1;

    /// <summary>
    /// Makes ops use deterministic algorithms, and ops that have none throw (or only warn with
    /// <paramref name="warnOnly"/>) (<c>torch.use_deterministic_algorithms</c>). Also makes cuDNN
    /// deterministic. On CUDA, PyTorch additionally asks for <c>CUBLAS_WORKSPACE_CONFIG=:4096:8</c>
    /// in the environment before the process starts.
    /// </summary>
    public static void UseDeterministicAlgorithms(bool mode, bool warnOnly = false)
    {
        NativeMethods.Check(NativeMethods.crc_deterministic_set(mode ? 1 : 0, warnOnly ? 1 : 0));
        if (mode)
        {
            NativeMethods.Check(NativeMethods.crc_cudnn_benchmark_set(0));
        }
    }

    /// <summary>Whether deterministic algorithms are enforced (<c>torch.are_deterministic_algorithms_enabled</c>).</summary>
    public static bool AreDeterministicAlgorithmsEnabled() => NativeMethods.crc_deterministic_get() == 1;
}
