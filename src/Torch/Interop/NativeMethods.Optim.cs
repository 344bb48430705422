using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_zeros_like(TensorHandle p);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_full_like(TensorHandle p, double value);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_scalar_float(double value);

    [LibraryImport(Library)]
    internal static partial int crc_optim_item(TensorHandle t, double* output);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_clone(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_optim_grad_kind(TensorHandle p);

    [LibraryImport(Library)]
    internal static partial int crc_optim_zero_grad(TensorHandle p);

    [LibraryImport(Library)]
    internal static partial int crc_optim_sgd_step(IntPtr* parameters, IntPtr* momentumBuffers, int* fresh, int n, double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_adam_step(IntPtr* parameters, IntPtr* expAvg, IntPtr* expAvgSq, IntPtr* maxExpAvgSq, double* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_adamw_step(IntPtr* parameters, IntPtr* expAvg, IntPtr* expAvgSq, IntPtr* maxExpAvgSq, double* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_adagrad_step(IntPtr* parameters, IntPtr* sums, double* steps, int n, double lr, double weightDecay, double lrDecay, double eps, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_adadelta_step(IntPtr* parameters, IntPtr* squareAvgs, IntPtr* accDeltas, int n, double lr, double rho, double eps, double weightDecay, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_adamax_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expInfs, double* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_asgd_step(IntPtr* parameters, IntPtr* axs, IntPtr* etas, IntPtr* mus, double* steps, int n, double lr, double lambd, double alpha, double t0, double weightDecay, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_rmsprop_step(IntPtr* parameters, IntPtr* squareAvgs, IntPtr* gradAvgs, IntPtr* momentumBuffers, int n, double lr, double alpha, double eps, double weightDecay, double momentum, int centered, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_rprop_step(IntPtr* parameters, IntPtr* prevs, IntPtr* stepSizes, int n, double etaminus, double etaplus, double stepSizeMin, double stepSizeMax, int maximize);

    [LibraryImport(Library)]
    internal static partial int crc_optim_nadam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, IntPtr* muProducts, double* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay);

    [LibraryImport(Library)]
    internal static partial int crc_optim_radam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, double* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay);

    [LibraryImport(Library)]
    internal static partial int crc_optim_sparse_adam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, double* steps, int n, double lr, double beta1, double beta2, double eps, int maximize);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_lbfgs_flat_grad(IntPtr* parameters, int n);

    [LibraryImport(Library)]
    internal static partial int crc_optim_lbfgs_add_grad(IntPtr* parameters, int n, double stepSize, TensorHandle update);

    [LibraryImport(Library)]
    internal static partial int crc_optim_lbfgs_copy_params(IntPtr* parameters, IntPtr* sources, int n);

    [LibraryImport(Library)]
    internal static partial int crc_optim_vec_dot(TensorHandle a, TensorHandle b, double* output);

    [LibraryImport(Library)]
    internal static partial int crc_optim_vec_abs_max(TensorHandle a, double* output);

    [LibraryImport(Library)]
    internal static partial int crc_optim_vec_abs_sum(TensorHandle a, double* output);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_vec_neg(TensorHandle a);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_vec_sub(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_vec_mul_scalar(TensorHandle a, double value);

    [LibraryImport(Library)]
    internal static partial int crc_optim_vec_add_(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Library)]
    internal static partial int crc_optim_vec_copy_(TensorHandle dst, TensorHandle src);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_optim_sparse_coo(TensorHandle indices, TensorHandle values, long* size, int ndim);
}
