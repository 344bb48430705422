using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_optim_grad_kind(TensorHandle p);

    [LibraryImport(Library)]
    internal static partial int crc_optim_grads(IntPtr* parameters, int n, IntPtr* grads, int* kinds, int* dtypes);

    [LibraryImport(Library)]
    internal static partial int crc_optim_zero_grad(TensorHandle p);
}
