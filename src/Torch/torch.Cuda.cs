using System.Runtime.InteropServices;
using System.Text;
using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>CUDA queries and generators (<c>torch.cuda</c>).</summary>
    public static partial class Cuda
    {
        /// <summary>True when libtorch was built with CUDA and a GPU is visible.</summary>
        public static bool IsAvailable => NativeMethods.crc_cuda_is_available() == 1;

        /// <summary>Number of visible GPUs (0 without CUDA).</summary>
        public static int DeviceCount => NativeMethods.Check(NativeMethods.crc_cuda_device_count());

        /// <summary>The product name of a GPU, e.g. "NVIDIA H100 80GB HBM3" (<c>torch.cuda.get_device_name</c>).</summary>
        public static unsafe string GetDeviceName(int device = 0)
        {
            var count = DeviceCount;
            if (device < 0 || device >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(device), device, $"There are {count} visible CUDA devices.");
            }

            // libtorch's CPU build has no device-property API, so ask the driver, which is present
            // wherever a GPU is; it honours CUDA_VISIBLE_DEVICES like libtorch does.
            if (!NativeLibrary.TryLoad("libcuda.so.1", out var driver))
            {
                throw new TorchException("The CUDA driver library (libcuda.so.1) could not be loaded.");
            }

            var cuInit = (delegate* unmanaged<uint, int>)NativeLibrary.GetExport(driver, "cuInit");
            var cuDeviceGet = (delegate* unmanaged<int*, int, int>)NativeLibrary.GetExport(driver, "cuDeviceGet");
            var cuDeviceGetName = (delegate* unmanaged<byte*, int, int, int>)NativeLibrary.GetExport(driver, "cuDeviceGetName");
            var handle = 0;
            var name = stackalloc byte[256];
            var status = cuInit(0);
            if (status == 0)
            {
                status = cuDeviceGet(&handle, device);
            }

            if (status == 0)
            {
                status = cuDeviceGetName(name, 256, handle);
            }

            if (status != 0)
            {
                throw new TorchException($"The CUDA driver could not name device {device} (CUresult {status}).");
            }

            return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
        }

        /// <summary>Seeds the generator of every visible GPU (<c>torch.cuda.manual_seed_all</c>).</summary>
        public static void ManualSeedAll(long seed)
        {
            for (var i = 0; i < DeviceCount; i++)
            {
                NativeMethods.Check(NativeMethods.crc_rng_seed((int)Crucible.Torch.DeviceType.Cuda, i, seed));
            }
        }

        /// <summary>The generator state of one GPU, as a uint8 CPU tensor (<c>torch.cuda.get_rng_state</c>).</summary>
        public static Tensor GetRngState(int device = 0) => new(NativeMethods.crc_rng_get_state((int)Crucible.Torch.DeviceType.Cuda, device));

        /// <summary>Restores the generator state of one GPU (<c>torch.cuda.set_rng_state</c>).</summary>
        public static void SetRngState(Tensor state, int device = 0) =>
            NativeMethods.Check(NativeMethods.crc_rng_set_state((int)Crucible.Torch.DeviceType.Cuda, device, Crucible.Torch.Tensor.H(state)));
    }
}
