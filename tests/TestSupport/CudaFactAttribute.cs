using Crucible.Torch;
using Xunit;

namespace Crucible.TestSupport;

/// <summary>
/// A fact that runs only when libtorch sees a CUDA GPU; otherwise it is reported as skipped, with
/// the reason, rather than silently passing (xunit 2 has no dynamic skip).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.Cuda.IsAvailable)
        {
            Skip = "CUDA is not available (libtorch built without CUDA or no GPU visible).";
        }
    }
}
