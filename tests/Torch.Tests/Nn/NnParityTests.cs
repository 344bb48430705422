using System.Text.Json;
using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

/// <summary>
/// Forward values and gradients (w.r.t. inputs and parameters) of every module against PyTorch
/// 1.13 (Parity/nn_reference.py). The reference module's state dict is loaded into ours, so both
/// compute with the same parameters; running statistics after the step are compared too.
/// </summary>
[Collection(GlobalState.Name)]
public class NnParityTests
{
    public static TheoryData<string> Cases() => [.. NnReference.CaseNames()];

    public static TheoryData<string> InitCases() => [.. NnReference.InitNames()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Module_matches_PyTorch_forward_and_backward(string name)
    {
        var reference = NnReference.Case(name);
        using var scope = torch.NewDisposeScope();
        using var module = Build(name);
        var dtype = ScalarTypeExtensions.Parse(reference.GetProperty("dtype").GetString()!);
        if (dtype != ScalarType.Float32)
        {
            module.To(dtype);
        }

        module.LoadStateDict(NnReference.ToTensors(reference.GetProperty("state")));
        module.Train(reference.GetProperty("training").GetBoolean());

        var inputs = reference.GetProperty("inputs").EnumerateArray()
            .Select(e => NnReference.ToTensor(e, requiresGrad: e.GetProperty("dtype").GetString() != "int64"))
            .ToArray();
        if (reference.GetProperty("rng_seed").ValueKind == JsonValueKind.Number)
        {
            torch.ManualSeed(reference.GetProperty("rng_seed").GetInt64());
        }

        var outputs = Run(name, module, inputs);

        var expectedOutputs = reference.GetProperty("outputs").EnumerateArray().ToArray();
        outputs.Should().HaveCount(expectedOutputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            NumericAssert.Close(outputs[i], expectedOutputs[i], $"{name} output {i}");
        }

        // backward(sum_i <out_i, g_i>) gives every leaf the gradient PyTorch's
        // autograd.backward(outputs, grad_outputs) gives.
        var gradOutputs = reference.GetProperty("grad_outputs").EnumerateArray().Select(e => NnReference.ToTensor(e)).ToArray();
        var objective = outputs.Select((o, i) => (o * gradOutputs[i]).Sum()).Aggregate((a, b) => a + b);
        objective.Backward(torch.Ones([], objective.DType));

        var inputGrads = reference.GetProperty("input_grads").EnumerateArray().ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputGrads[i].ValueKind != JsonValueKind.Null)
            {
                NumericAssert.Close(inputs[i].Grad ?? throw new InvalidOperationException($"input {i} has no gradient"), inputGrads[i], $"{name} d/d input {i}");
            }
        }

        var paramGrads = reference.GetProperty("param_grads");
        var parameters = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        paramGrads.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(parameters.Keys, "every parameter gets a gradient");
        foreach (var expected in paramGrads.EnumerateObject())
        {
            var grad = parameters[expected.Name].Grad ?? throw new InvalidOperationException($"{expected.Name} has no gradient");
            NumericAssert.Close(Dense(grad), expected.Value, $"{name} d/d {expected.Name}");
        }

        var stateAfter = module.StateDict();
        foreach (var expected in reference.GetProperty("state_after").EnumerateObject())
        {
            NumericAssert.Close(stateAfter[expected.Name], expected.Value, $"{name} {expected.Name} after the step");
        }
    }

    [Theory]
    [MemberData(nameof(InitCases))]
    public void Default_initialization_draws_what_PyTorch_draws_from_the_same_seed(string name)
    {
        var reference = NnReference.InitCase(name);
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(0);
        using Module module = name switch
        {
            "init_linear" => new Linear(5, 3),
            "init_conv2d" => new Conv2d(2, 4, 3),
            "init_conv_transpose2d" => new ConvTranspose2d(2, 4, 3, groups: 2),
            "init_bilinear" => new Bilinear(2, 3, 2),
            "init_embedding" => new Embedding(5, 2, paddingIdx: 0),
            "init_lstm" => new LSTM(3, 2, bidirectional: true),
            "init_sequential" => new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2)),
            _ => throw new ArgumentException($"No module for init case {name}", nameof(name)),
        };

        var state = module.StateDict();
        var expected = reference.GetProperty("state").EnumerateObject().ToArray();
        state.Keys.Should().Equal(expected.Select(e => e.Name), "state dict names and order match PyTorch's");
        foreach (var entry in expected)
        {
            NumericAssert.Close(state[entry.Name], entry.Value, $"{name} {entry.Name}");
        }
    }

    internal static Module Build(string name) => name switch
    {
        "linear" or "linear_f64" => new Linear(4, 3),
        "linear_nobias" => new Linear(4, 3, bias: false),
        "linear_3d" => new Linear(4, 2),
        "bilinear" => new Bilinear(3, 2, 4),
        "conv1d" => new Conv1d(2, 3, 3, padding: 1),
        "conv1d_same" => new Conv1d(2, 4, 4, padding: "same", dilation: 2),
        "conv2d" => new Conv2d(2, 3, 3, stride: 2, padding: 1),
        "conv2d_groups" => new Conv2d(4, 6, (3, 2), stride: (1, 2), padding: (1, 0), dilation: (2, 1), groups: 2),
        "conv2d_f64" => new Conv2d(2, 2, 3),
        "conv_transpose2d" => new ConvTranspose2d(2, 3, 3, stride: 2, padding: 1, outputPadding: 1),
        "max_pool1d" => new MaxPool1d(2),
        "max_pool2d" => new MaxPool2d(3, stride: 2, padding: 1),
        "avg_pool2d" => new AvgPool2d(3, stride: 2, padding: 1),
        "avg_pool2d_nopad" => new AvgPool2d((2, 3), ceilMode: true, countIncludePad: false),
        "adaptive_avg_pool2d" => new AdaptiveAvgPool2d((2, 3)),
        "batch_norm1d_train" or "batch_norm1d_eval" => new BatchNorm1d(3),
        "batch_norm1d_3d_train" => new BatchNorm1d(3, momentum: null),
        "batch_norm2d_train" or "batch_norm2d_f64" => new BatchNorm2d(2),
        "layer_norm" => new LayerNorm(4),
        "layer_norm_2d" => new LayerNorm([3, 4]),
        "group_norm" => new GroupNorm(2, 4),
        "dropout_eval" => new Dropout(0.4),
        "dropout_seeded" => new Dropout(0.4),
        "dropout2d_seeded" => new Dropout2d(0.5),
        "flatten" => new Flatten(),
        "embedding" => new Embedding(10, 3, paddingIdx: 1),
        "embedding_sparse" => new Embedding(10, 3, sparse: true),
        "rnn_tanh" => new RNN(3, 3, numLayers: 2, bidirectional: true),
        "rnn_relu_batch_first" => new RNN(3, 4, nonlinearity: "relu", batchFirst: true),
        "lstm" => new LSTM(3, 3, numLayers: 2, bidirectional: true, batchFirst: true),
        "lstm_f64" or "lstm_unbatched" => new LSTM(3, 2),
        "gru" => new GRU(3, 3, numLayers: 2),
        "gru_bidirectional" => new GRU(3, 2, bidirectional: true, bias: false),
        "relu" or "relu_f64" => new ReLU(),
        "leaky_relu" => new LeakyReLU(0.2),
        "elu" => new ELU(1.5),
        "gelu" => new GELU(),
        "gelu_tanh" => new GELU(approximate: "tanh"),
        "silu" => new SiLU(),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "softmax" => new Softmax(dim: 1),
        "softmax_f64" => new Softmax(dim: 0),
        "log_softmax" => new LogSoftmax(dim: -1),
        "sequential_eval" => new Sequential(new Linear(4, 8), new ReLU(), new Dropout(0.5), new Linear(8, 3), new LogSoftmax(dim: 1)),
        "custom_mlp" => new CustomMlp(),
        _ => throw new ArgumentException($"No module for case {name}; add it here and in nn_reference.py.", nameof(name)),
    };

    private static Tensor[] Run(string name, Module module, Tensor[] inputs) => (module, inputs.Length) switch
    {
        (Bilinear bilinear, 2) => [bilinear.Forward(inputs[0], inputs[1])],
        (LSTM lstm, 3) => Flatten(lstm.Forward(inputs[0], (inputs[1], inputs[2]))),
        (LSTM lstm, 1) => Flatten(lstm.Forward(inputs[0], null)),
        (RNN rnn, _) => Flatten(rnn.Forward(inputs[0], inputs.Length > 1 ? inputs[1] : null)),
        (GRU gru, _) => Flatten(gru.Forward(inputs[0], inputs.Length > 1 ? inputs[1] : null)),
        (_, 1) => [module.Forward(inputs[0])],
        _ => throw new ArgumentException($"Don't know how to call {module.GetType().Name} for {name}", nameof(name)),
    };

    private static Tensor[] Flatten((Tensor Output, Tensor H) result) => [result.Output, result.H];

    private static Tensor[] Flatten((Tensor Output, (Tensor H, Tensor C) State) result) => [result.Output, result.State.H, result.State.C];

    private static Tensor Dense(Tensor t) => t.IsSparse ? t.ToDense() : t;
}
