using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

/// <summary>Modules on a GPU: same results as on the CPU, and To(Device) keeps what optimizers rely on.</summary>
public class CudaModuleTests
{
    [CudaFact]
    public void To_cuda_moves_parameters_buffers_and_gradients_keeping_identity_and_requires_grad()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential(new Linear(3, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 2));
        var parameters = model.Parameters().ToList();
        model.Forward(torch.Randn([5, 3])).Sum().Backward(torch.Ones([]));

        model.To(Device.Parse("cuda:0"));

        model.Parameters().Should().Equal(parameters, (a, b) => ReferenceEquals(a, b));
        model.Parameters().Should().OnlyContain(p => p.Device.IsCuda && p.RequiresGrad);
        model.Buffers().Should().OnlyContain(b => b.Device.IsCuda);
        parameters.Should().OnlyContain(p => p.Grad != null && p.Grad.Device.IsCuda);

        model.ZeroGrad();
        var y = model.Forward(torch.Randn([5, 3]).To(Device.Cuda));
        y.Device.IsCuda.Should().BeTrue();
        y.Sum().Backward(torch.Ones([], device: Device.Cuda));
        parameters.Should().OnlyContain(p => p.Grad != null && p.Grad.Device.IsCuda);
    }

    [CudaFact]
    public void A_conv_net_on_cuda_computes_what_it_computes_on_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        using var cpu = new Sequential(
            new Conv2d(2, 4, 3, padding: 1), new BatchNorm2d(4), new GELU(), new MaxPool2d(2),
            new Flatten(), new Linear(4 * 2 * 2, 3), new LogSoftmax(1));
        using var gpu = new Sequential(
            new Conv2d(2, 4, 3, padding: 1, device: Device.Cuda), new BatchNorm2d(4, device: Device.Cuda), new GELU(), new MaxPool2d(2),
            new Flatten(), new Linear(4 * 2 * 2, 3, device: Device.Cuda), new LogSoftmax(1));
        gpu.LoadStateDict(cpu.StateDict());
        var x = torch.Randn([3, 2, 4, 4]);

        var expected = cpu.Forward(x).ToArray<float>();
        var actual = gpu.Forward(x.To(Device.Cuda)).ToArray<float>();

        actual.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-4 + (1e-4 * Math.Abs(b)));
        gpu.StateDict()["1.running_mean"].ToArray<float>().Should().Equal(
            cpu.StateDict()["1.running_mean"].ToArray<float>(), (a, b) => Math.Abs(a - b) <= 1e-5);
    }

    [CudaFact]
    public void An_LSTM_on_cuda_matches_the_cpu_in_values_and_gradients()
    {
        using var scope = torch.NewDisposeScope();
        using var cpu = new LSTM(3, 4, numLayers: 2, bidirectional: true, batchFirst: true);
        using var gpu = new LSTM(3, 4, numLayers: 2, bidirectional: true, batchFirst: true).To(Device.Cuda);
        gpu.LoadStateDict(cpu.StateDict());
        var x = torch.Randn([2, 5, 3]);

        var (cpuOut, _) = cpu.Forward(x, null);
        var (gpuOut, _) = ((LSTM)gpu).Forward(x.To(Device.Cuda), null);
        cpuOut.Sum().Backward(torch.Ones([]));
        gpuOut.Sum().Backward(torch.Ones([], device: Device.Cuda));

        // cuDNN's RNN kernels compute in TF32 on Ampere and later (PyTorch's default
        // cudnn.allow_tf32 = True): about 1e-3 relative error against the CPU, seen on an H100.
        static bool Close(float a, float b) => Math.Abs(a - b) <= 1e-3 + (5e-3 * Math.Abs(b));
        gpuOut.ToArray<float>().Should().Equal(cpuOut.ToArray<float>(), Close);
        foreach (var ((name, c), (_, g)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
        {
            g.Grad!.ToArray<float>().Should().Equal(c.Grad!.ToArray<float>(), Close, name);
        }
    }

    [CudaFact]
    public void Embedding_and_dropout_run_on_cuda()
    {
        using var scope = torch.NewDisposeScope();
        using var embedding = new Embedding(10, 4, paddingIdx: 0, device: Device.Cuda);
        var indices = torch.Tensor(new long[] { 0, 3, 9, 3 }, [2, 2], device: Device.Cuda);

        var y = F.Dropout(embedding.Forward(indices), 0.5, training: true);

        y.Shape.Should().Equal(2, 2, 4);
        y.Device.IsCuda.Should().BeTrue();
        embedding.Forward(indices).ToArray<float>().Take(4).Should().OnlyContain(v => v == 0f, "the padding row starts at zero");
    }
}
