using Crucible.Abstractions;
using Crucible.Plugins.Models;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Tests.Models;

public class ModelPluginTests
{
    private static ModelContext Context(long[] featureShape, int outputs, TaskKind task = TaskKind.Classification, int? vocabulary = null) => new()
    {
        Dataset = new DatasetMetadata
        {
            Name = "test",
            FeatureShape = featureShape,
            TaskKind = task,
            NumClasses = task == TaskKind.Classification ? outputs : 0,
            OutputSize = outputs,
            VocabularySize = vocabulary,
        },
    };

    private static long[] OutputShape(Module model, params long[] inputShape)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        model.Eval();
        return model.Forward(torch.Randn(inputShape)).Shape;
    }

    [Fact]
    public void Mnist_mlp_has_the_course_parameter_count()
    {
        // Flatten, 784x512 + 512, 512x10 + 10 = 407,050 parameters, as Keras' summary shows.
        using var model = new MlpModel().Create(new MlpModelOptions { Hidden = [512], Dropout = 0.2 }, Context([1, 28, 28], 10));
        model.ParameterCount.Should().Be(407_050);
        OutputShape(model, 3, 1, 28, 28).Should().Equal(3, 10);
        model.Modules().OfType<Dropout>().Should().ContainSingle();
    }

    [Fact]
    public void Xor_mlp_2_2_1_ends_in_a_sigmoid()
    {
        using var model = new MlpModel().Create(new MlpModelOptions { Hidden = [2], Activation = Activation.Sigmoid, Output = OutputActivation.Sigmoid }, Context([2], 1, TaskKind.Regression));
        model.ParameterCount.Should().Be(9);
        using var scope = torch.NewDisposeScope();
        var y = model.Forward(torch.Randn([4, 2])).ToArray<float>();
        y.Should().OnlyContain(v => v > 0 && v < 1);
    }

    [Fact]
    public void Mlp_with_batch_norm_puts_it_before_each_activation()
    {
        using var model = new MlpModel().Create(new MlpModelOptions { Hidden = [8, 4], BatchNorm = true }, Context([5], 3));
        ((Sequential)model).Select(m => m.GetType().Name).Should().Equal("Linear", "BatchNorm1d", "ReLU", "Linear", "BatchNorm1d", "ReLU", "Linear");
    }

    [Fact]
    public void Linear_and_logistic_are_one_layer()
    {
        using var linear = new LinearModel().Create(new LinearModelOptions(), Context([1], 1, TaskKind.Regression));
        linear.ParameterCount.Should().Be(2);
        using var logistic = new LogisticModel().Create(new LinearModelOptions(), Context([4], 3));
        logistic.ParameterCount.Should().Be(15);
        var act = () => new LogisticModel().Create(new LinearModelOptions(), Context([4], 1, TaskKind.Regression));
        act.Should().Throw<ExperimentConfigException>().WithMessage("*regression*");
    }

    [Fact]
    public void LeNet5_preset_has_61706_parameters_on_mnist()
    {
        using var model = new CnnModel().Create(new CnnModelOptions { Preset = CnnPreset.LeNet5 }, Context([1, 28, 28], 10));
        model.ParameterCount.Should().Be(61_706);
        OutputShape(model, 2, 1, 28, 28).Should().Equal(2, 10);
    }

    [Fact]
    public void Cnn_infers_the_dense_input_from_the_blocks()
    {
        // Two same-padded 3x3 blocks with 2x2 pooling: 28 -> 14 -> 7, so 64*7*7 = 3136 inputs to the dense layer.
        using var model = new CnnModel().Create(new CnnModelOptions { Hidden = [16] }, Context([1, 28, 28], 10));
        model.NamedParameters().Single(p => p.Name.EndsWith("0.weight", StringComparison.Ordinal) && p.Parameter.Dim == 2).Parameter.Shape.Should().Equal(16, 3136);
        OutputShape(model, 2, 1, 28, 28).Should().Equal(2, 10);
    }

    [Fact]
    public void Cnn_rejects_non_image_features()
    {
        var act = () => new CnnModel().Create(new CnnModelOptions(), Context([4], 3));
        act.Should().Throw<ExperimentConfigException>().WithMessage("*[channels, height, width]*");
    }

    [Theory]
    [InlineData("rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Recurrent_models_map_windows_to_one_prediction(string kind)
    {
        IModel<RecurrentModelOptions> plugin = kind switch { "rnn" => new RnnModel(), "lstm" => new LstmModel(), _ => new GruModel() };
        using var model = plugin.Create(new RecurrentModelOptions { HiddenSize = 8, Layers = 2, Dropout = 0.1 }, Context([12, 1], 1, TaskKind.Regression));
        OutputShape(model, 5, 12, 1).Should().Equal(5, 1);
    }

    [Fact]
    public void Lstm_on_tokens_embeds_them_first()
    {
        using var model = new LstmModel().Create(new RecurrentModelOptions { HiddenSize = 8, EmbeddingDim = 4 }, Context([6], 2, vocabulary: 50));
        model.NamedParameters().Should().Contain(p => p.Name == "embedding.weight");
        using var scope = torch.NewDisposeScope();
        var tokens = torch.RandInt(50, [3, 6]);
        model.Forward(tokens).Shape.Should().Equal(3, 2);
    }

    [Fact]
    public void Sequential_from_json_layers_infers_every_input_size()
    {
        var options = new SequentialModelOptions
        {
            Layers =
            [
                new LayerSpec { Type = "conv2d", Out = 4, Kernel = 3, Padding = 1 },
                new LayerSpec { Type = "relu" },
                new LayerSpec { Type = "maxpool2d" },
                new LayerSpec { Type = "flatten" },
                new LayerSpec { Type = "linear", Out = 16 },
                new LayerSpec { Type = "batchnorm" },
                new LayerSpec { Type = "dropout", P = 0.2 },
                new LayerSpec { Type = "linear" },
                new LayerSpec { Type = "logsoftmax" },
            ],
        };
        using var model = new SequentialModel().Create(options, Context([1, 8, 8], 3));
        OutputShape(model, 2, 1, 8, 8).Should().Equal(2, 3);
        model.NamedParameters().Single(p => p.Name == "4.weight").Parameter.Shape.Should().Equal(16, 64);
    }

    [Fact]
    public void Sequential_reports_a_bad_layer_with_its_index()
    {
        var options = new SequentialModelOptions { Layers = [new LayerSpec { Type = "flatten" }, new LayerSpec { Type = "dense2" }] };
        var act = () => new SequentialModel().Create(options, Context([4], 2));
        act.Should().Throw<ExperimentConfigException>().WithMessage("model.layers[1] (dense2): unknown layer type*");
    }
}
