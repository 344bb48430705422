using Crucible.Abstractions;
using Crucible.Plugins.Training.Losses;
using Crucible.Plugins.Training.Optimizers;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Losses = Crucible.Plugins.Training.Losses;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Tests.Training;

public class AdapterTests
{
    private static readonly DatasetMetadata Meta = new() { Name = "t", FeatureShape = [2], TaskKind = TaskKind.Regression, OutputSize = 1 };

    [Fact]
    public void Every_loss_plugin_creates_its_binding_class()
    {
        var context = new LossContext { Dataset = Meta };
        new MseLoss().Create(new MseLossOptions(), context).Should().BeOfType<MSELoss>();
        new Losses.L1Loss().Create(new L1LossOptions(), context).Should().BeOfType<Nn.L1Loss>();
        new Losses.SmoothL1Loss().Create(new SmoothL1LossOptions(), context).Should().BeOfType<Nn.SmoothL1Loss>();
        new Losses.HuberLoss().Create(new HuberLossOptions(), context).Should().BeOfType<Nn.HuberLoss>();
        new BceLoss().Create(new BceLossOptions(), context).Should().BeOfType<BCELoss>();
        new BceWithLogitsLoss().Create(new BceWithLogitsLossOptions(), context).Should().BeOfType<BCEWithLogitsLoss>();
        new Losses.CrossEntropyLoss().Create(new CrossEntropyLossOptions(), context).Should().BeOfType<Nn.CrossEntropyLoss>();
        new NllLoss().Create(new NllLossOptions(), context).Should().BeOfType<NLLLoss>();
        new KlDivLoss().Create(new KlDivLossOptions(), context).Should().BeOfType<KLDivLoss>();
    }

    [Fact]
    public void Loss_options_reach_the_loss()
    {
        var loss = new MseLoss().Create(new MseLossOptions { Reduction = Reduction.Sum }, new LossContext { Dataset = Meta });
        using var scope = torch.NewDisposeScope();
        loss.Forward(torch.Tensor<float>([1f, 2f]), torch.Tensor<float>([0f, 0f])).Item<float>().Should().Be(5f);
    }

    [Fact]
    public void Optimizer_plugins_use_the_configured_learning_rate()
    {
        using var model = new Linear(2, 1);
        var context = new OptimizerContext { Model = model };
        using var sgd = new SgdOptimizer().Create(new SgdOptions { Lr = 0.1, Momentum = 0.9 }, context);
        sgd.Should().BeOfType<SGD>();
        sgd.ParamGroups[0].LearningRate.Should().Be(0.1);
        IOptimizer[] all = [new AdamOptimizer(), new AdamWOptimizer(), new AdagradOptimizer(), new AdadeltaOptimizer(), new AdamaxOptimizer(), new RmsPropOptimizer(), new RpropOptimizer(), new NAdamOptimizer(), new RAdamOptimizer(), new AsgdOptimizer()];
        foreach (var plugin in all)
        {
            using var optimizer = plugin.Create(Activator.CreateInstance(plugin.OptionsType)!, context);
            optimizer.ParamGroups[0].Parameters.Should().HaveCount(2);
        }
    }

    [Fact]
    public void Sgd_step_moves_the_weights_against_the_gradient()
    {
        using var model = new Linear(1, 1, bias: false);
        using var optimizer = new SgdOptimizer().Create(new SgdOptions { Lr = 0.5 }, new OptimizerContext { Model = model });
        var before = model.Parameters().Single().ToArray<float>()[0];
        using (var scope = torch.NewDisposeScope())
        {
            // loss = w * 1, gradient 1: w decreases by lr.
            model.Forward(torch.Ones([1, 1])).Sum().Backward();
            optimizer.Step();
        }

        model.Parameters().Single().ToArray<float>()[0].Should().BeApproximately(before - 0.5f, 1e-6f);
    }
}
