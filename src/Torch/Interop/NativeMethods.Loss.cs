using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_mse(TensorHandle input, TensorHandle target, int reduction);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_l1(TensorHandle input, TensorHandle target, int reduction);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_smooth_l1(TensorHandle input, TensorHandle target, int reduction, double beta);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_huber(TensorHandle input, TensorHandle target, int reduction, double delta);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_bce(TensorHandle input, TensorHandle target, IntPtr weight, int reduction);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_bce_with_logits(TensorHandle input, TensorHandle target, IntPtr weight, IntPtr posWeight, int reduction);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_cross_entropy(TensorHandle input, TensorHandle target, IntPtr weight, int reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_nll(TensorHandle input, TensorHandle target, IntPtr weight, int reduction, long ignoreIndex);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_kl_div(TensorHandle input, TensorHandle target, int reduction, int logTarget);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_cosine_embedding(TensorHandle input1, TensorHandle input2, TensorHandle target, double margin, int reduction);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_loss_margin_ranking(TensorHandle input1, TensorHandle input2, TensorHandle target, double margin, int reduction);
}
