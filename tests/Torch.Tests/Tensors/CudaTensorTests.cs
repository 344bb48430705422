using Crucible.Torch.Tests.Nn;

namespace Crucible.Torch.Tests.Tensors;

public class CudaTensorTests
{
    [CudaFact]
    public void A_tensor_goes_to_cuda_and_back_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new float[] { 1, 2, 3 });

        var gpu = x.Cuda();

        gpu.Device.Type.Should().Be(DeviceType.Cuda);
        gpu.ToString().Should().Contain("device='cuda:0'");
        gpu.Cpu().ToArray<float>().Should().Equal(1f, 2f, 3f);
        torch.Cuda.GetDeviceName().Should().NotBeNullOrWhiteSpace();
    }

    [CudaFact]
    public void Ops_and_gradients_on_cuda_match_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Randn([4, 5], ScalarType.Float64);
        var b = torch.Randn([5, 3], ScalarType.Float64);
        var ga = a.To(Device.Cuda).RequiresGrad_();

        var cpu = a.MatMul(b).Softmax(1).Sum(0);
        var gpu = ga.MatMul(b.To(Device.Cuda)).Softmax(1).Sum(0);
        (gpu * gpu).Sum().Backward();

        gpu.Cpu().AllClose(cpu, 1e-10, 1e-12).Should().BeTrue();
        ga.Grad!.Device.Type.Should().Be(DeviceType.Cuda);
    }

    [CudaFact]
    public void Tensors_created_on_cuda_and_safetensors_from_cuda()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.Zeros([2, 2], device: Device.Cuda);
        var path = Path.Combine(Path.GetTempPath(), $"crucible-cuda-{Guid.NewGuid():N}.safetensors");
        try
        {
            torch.Save(new Dictionary<string, Tensor> { ["z"] = z + 1 }, path);
            using var loaded = torch.Load(path, Device.Cuda);
            loaded["z"].Device.Type.Should().Be(DeviceType.Cuda);
            loaded["z"].Cpu().ToArray<float>().Should().Equal(1f, 1f, 1f, 1f);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
