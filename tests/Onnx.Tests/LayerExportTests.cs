using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Onnx.Tests;

/// <summary>Every built-in layer's ONNX form gives libtorch's evaluation output (ONNX Runtime, within 1e-5).</summary>
public sealed class LayerExportTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Layers() => [.. Cases.Keys];

    private static readonly Dictionary<string, (Func<Module> Create, long[] Sample)> Cases = new()
    {
        ["linear"] = (() => new Sequential(new Linear(5, 3)), [5]),
        ["linear-no-bias-3d"] = (() => new Linear(4, 6, bias: false), [7, 4]),
        ["mlp-relu-dropout"] = (() => new Sequential(new Linear(6, 8), new ReLU(), new Dropout(0.5), new Linear(8, 2)), [6]),
        ["conv1d"] = (() => new Sequential(new Conv1d(3, 4, 3, stride: 2, padding: 1), new Tanh()), [3, 11]),
        ["conv1d-same"] = (() => new Conv1d(2, 3, 4, "same", dilation: 2), [2, 9]),
        ["conv2d-maxpool"] = (() => new Sequential(new Conv2d(1, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2)), [1, 8, 8]),
        ["conv2d-same-groups"] = (() => new Conv2d(4, 4, 5, "same", groups: 2), [4, 7, 6]),
        ["avgpool2d"] = (() => new Sequential(new Conv2d(2, 3, 3, stride: 2), new AvgPool2d(2, padding: 1, countIncludePad: false)), [2, 9, 9]),
        ["maxpool1d"] = (() => new MaxPool1d(3, stride: 2, padding: 1), [2, 10]),
        ["adaptive-avgpool"] = (() => new Sequential(new AdaptiveAvgPool2d(1), new Flatten()), [3, 5, 5]),
        ["adaptive-avgpool-2x2"] = (() => new AdaptiveAvgPool2d((2, 2)), [3, 6, 4]),
        ["conv-transpose2d"] = (() => new ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, outputPadding: 1), [3, 4, 4]),
        ["batchnorm1d"] = (() => Trained(new Sequential(new Linear(4, 5), new BatchNorm1d(5), new Sigmoid()), [4]), [4]),
        ["batchnorm2d"] = (() => Trained(new Sequential(new Conv2d(2, 3, 3), new BatchNorm2d(3), new Dropout2d(0.3)), [2, 6, 6]), [2, 6, 6]),
        ["layernorm"] = (() => new Sequential(new Linear(4, 6), new LayerNorm(6)), [3, 4]),
        ["groupnorm"] = (() => new Sequential(new Conv2d(2, 4, 3), new GroupNorm(2, 4)), [2, 5, 5]),
        ["flatten-middle"] = (() => new Flatten(2, 3), [2, 3, 4, 5]),
        ["activations"] = (() => new Sequential(new LeakyReLU(0.2), new ELU(0.7), new SiLU(), new GELU(), new GELU("tanh"), new Softmax(-1)), [9]),
        ["logsoftmax"] = (() => new Sequential(new Linear(3, 4), new LogSoftmax(1)), [3]),
        ["rnn-tanh"] = (() => new RNN(3, 5, batchFirst: true), [6, 3]),
        ["rnn-relu-2-layers"] = (() => new RNN(3, 4, numLayers: 2, nonlinearity: "relu", batchFirst: true), [5, 3]),
        ["lstm"] = (() => new LSTM(3, 4, batchFirst: true), [7, 3]),
        ["lstm-bidirectional-2-layers"] = (() => new LSTM(2, 3, numLayers: 2, bidirectional: true, batchFirst: true), [5, 2]),
        ["gru"] = (() => new GRU(4, 3, batchFirst: true), [6, 4]),
        ["gru-bidirectional-no-bias"] = (() => new GRU(4, 3, bias: false, bidirectional: true, batchFirst: true), [6, 4]),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Onnx_runtime_matches_libtorch(string layer)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        var (create, sample) = Cases[layer];
        using var module = create();
        var input = torch.Randn([4, .. sample]);
        OnnxRun.MaxDifference(module, sample, input).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void An_embedding_takes_int64_tokens()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var module = new Sequential(new Embedding(10, 4, paddingIdx: 0), new GRU(4, 3, batchFirst: true));
        var tokens = torch.RandInt(0, 10, [5, 6]);
        OnnxRun.MaxDifference(module, [6], tokens).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void A_layer_without_an_onnx_form_is_named()
    {
        using var module = new Sequential(("encoder", new Sequential(new Linear(4, 4), new Bilinear(4, 4, 2))));
        var act = () => OnnxExporter.Export(module, new OnnxExportOptions { InputShape = [4] });
        act.Should().Throw<OnnxExportException>()
            .WithMessage("Cannot export layer 'encoder.1' (Bilinear) to ONNX:*")
            .Which.LayerPath.Should().Be("encoder.1");
    }

    [Fact]
    public void Batch_norm_without_running_statistics_says_why()
    {
        using var module = new Sequential(new Linear(3, 3), new BatchNorm1d(3, trackRunningStats: false));
        var act = () => OnnxExporter.Export(module, new OnnxExportOptions { InputShape = [3] });
        act.Should().Throw<OnnxExportException>().WithMessage("*'1' (BatchNorm1d)*track_running_stats*");
    }

    [Fact]
    public void Export_leaves_the_training_flag_as_it_was()
    {
        using var module = new Sequential(new Linear(2, 2), new Dropout(0.5));
        module.Train();
        OnnxExporter.Export(module, new OnnxExportOptions { InputShape = [2] });
        module.Training.Should().BeTrue();
    }

    /// <summary>Moves batch norm's running statistics away from 0/1 with a few training-mode passes.</summary>
    private static Module Trained(Module module, long[] sample)
    {
        module.Train();
        using (torch.NoGrad())
        {
            for (var i = 0; i < 5; i++)
            {
                using var scope = torch.NewDisposeScope();
                module.Forward((torch.Randn([8, .. sample]) * 2) + 1);
            }
        }

        return module;
    }
}
