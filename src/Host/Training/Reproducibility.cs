using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// Puts libtorch in the state the experiment asks for before anything random happens: threads, the
/// one seed (weights, shuffling, splits, dropout, augmentation all draw from libtorch's generator),
/// deterministic algorithms, and the device.
/// </summary>
internal static class Reproducibility
{
    /// <summary>cuBLAS needs this workspace setting before CUDA starts to be deterministic.</summary>
    private const string CublasWorkspaceVariable = "CUBLAS_WORKSPACE_CONFIG";

    public static void Apply(long seed, bool deterministic, int? threads)
    {
        if (threads is { } n)
        {
            torch.NumThreads = n;
        }

        if (deterministic && Environment.GetEnvironmentVariable(CublasWorkspaceVariable) is null)
        {
            Environment.SetEnvironmentVariable(CublasWorkspaceVariable, ":4096:8");
        }

        torch.UseDeterministicAlgorithms(deterministic);
        torch.ManualSeed(seed);
    }

    /// <summary>Resolves <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>; asking for a GPU that is not there is an error.</summary>
    public static Device ResolveDevice(string setting)
    {
        var device = Device.Parse(setting);
        if (device.IsCuda)
        {
            if (!torch.Cuda.IsAvailable)
            {
                throw new TrainingException(
                    $"training.device is '{setting}' but CUDA is not available (libtorch {torch.Version} without CUDA, or no GPU visible). Use \"cpu\" or \"auto\".");
            }

            if (device.Index >= torch.Cuda.DeviceCount)
            {
                throw new TrainingException(
                    $"training.device is '{setting}' but only {torch.Cuda.DeviceCount} GPU(s) are visible (cuda:0..cuda:{torch.Cuda.DeviceCount - 1}).");
            }
        }

        return device;
    }
}
