using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_tensor_requires_grad(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_set_requires_grad(TensorHandle t, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_backward(TensorHandle t, IntPtr gradOutput, int retainGraph, int createGraph);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_grad(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_set_grad(TensorHandle t, IntPtr grad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_detach(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_grad_is_enabled();

    [LibraryImport(Library)]
    internal static partial int crc_grad_set_enabled(int enabled);
}

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_tensor_is_leaf(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_retain_grad(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial IntPtr crc_tensor_grad_fn_name(TensorHandle t);
}
