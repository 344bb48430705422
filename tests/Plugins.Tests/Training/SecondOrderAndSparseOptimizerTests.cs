using Crucible.Abstractions;
using Crucible.Plugins.Training.Optimizers;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Tests.Training;

public class SecondOrderAndSparseOptimizerTests
{
    [Fact]
    public void Lbfgs_plugin_passes_its_options_and_fits_a_line_in_a_few_closure_steps()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Linear(1, 1);
        using var optimizer = new LbfgsOptimizer().Create(new LbfgsOptions { Lr = 0.5, MaxIter = 30, HistorySize = 7, LineSearch = LineSearch.StrongWolfe }, new OptimizerContext { Model = model });
        optimizer.Should().BeOfType<LBFGS>();
        var group = optimizer.ParamGroups[0];
        group.LearningRate.Should().Be(0.5);
        group.Option("max_iter").Should().Be(30);
        group.Option("max_eval").Should().Be(37, "maxEval defaults to maxIter * 5 / 4 as in PyTorch");
        group.Option("history_size").Should().Be(7);
        group.Option("line_search_fn").Should().Be(1);

        // y = 3x - 2 on 16 points.
        var x = torch.Linspace(-1, 1, 16).Reshape(16, 1);
        var y = (x * 3) - 2;
        var mse = new MSELoss();
        Tensor Closure()
        {
            optimizer.ZeroGrad();
            var l = mse.Forward(model.Forward(x), y);
            l.Backward();
            return l;
        }

        var first = optimizer.Step(Closure).Item<float>();
        optimizer.Step(Closure);
        var final = mse.Forward(model.Forward(x), y).Item<float>();

        first.Should().BeGreaterThan(0.1f);
        final.Should().BeLessThan(1e-6f);
    }

    [Fact]
    public void Lbfgs_needs_the_closure_form_of_step()
    {
        using var model = new Linear(1, 1);
        using var optimizer = new LbfgsOptimizer().Create(new LbfgsOptions(), new OptimizerContext { Model = model });

        optimizer.Invoking(o => o.Step()).Should().Throw<InvalidOperationException>().WithMessage("*closure*");
    }

    [Fact]
    public void Sparse_adam_refuses_a_model_with_dense_gradients_naming_them()
    {
        using var model = new Sequential(new Embedding(10, 4, sparse: true), new Linear(4, 1));

        new SparseAdamOptimizer().Invoking(p => p.Create(new SparseAdamOptions(), new OptimizerContext { Model = model }))
            .Should().Throw<ExperimentConfigException>().WithMessage("*sparse: true*2 parameters with dense gradients (1.weight, 1.bias)*adam*");
    }

    [Fact]
    public void Sparse_adam_updates_only_the_embedding_rows_a_batch_used()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Embedding(6, 3, sparse: true);
        using var optimizer = new SparseAdamOptimizer().Create(new SparseAdamOptions { Lr = 0.1 }, new OptimizerContext { Model = model });
        optimizer.Should().BeOfType<SparseAdam>();
        var before = model.Parameters().Single().Clone();

        optimizer.ZeroGrad();
        model.Forward(torch.Tensor<long>([1L, 4L])).Sum().Backward();
        optimizer.Step();

        var changed = (model.Parameters().Single() - before).Abs().Sum(1).ToArray<float>();
        changed.Select(c => c > 0).Should().Equal([false, true, false, false, true, false]);
        changed[1].Should().BeApproximately(0.3f, 1e-5f, "Adam's first step moves each element by lr against the gradient's sign");
    }
}
