using System.Text.Json;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Crucible.Torch.Tests.Parity;

namespace Crucible.Torch.Tests.Optim;

/// <summary>
/// The fixed problem of optim_reference.py: x -> h = x @ w1 + b1 -> (h * h) @ w2 + b2, MSE against y,
/// with w1, b1 in group 0 and w2, b2 in group 1, and a factory for each optimizer from its options.
/// </summary>
internal sealed class OptimProblem : IDisposable
{
    private readonly MSELoss mse = new();

    public OptimProblem(JsonElement c)
    {
        Case = c;
        DType = ScalarTypeExtensions.Parse(c.GetProperty("dtype").GetString()!);
        var shapes = c.GetProperty("shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
        var init = c.GetProperty("init").EnumerateArray().ToArray();
        Parameters = shapes.Select((shape, i) => Make(init[i], shape, requiresGrad: true)).ToArray();
        if (c.TryGetProperty("x", out var x))
        {
            X = Make(x, [8, 4], false);
            Y = Make(c.GetProperty("y"), [8, 2], false);
        }
    }

    public JsonElement Case { get; }

    public ScalarType DType { get; }

    public Tensor[] Parameters { get; }

    public Tensor? X { get; }

    public Tensor? Y { get; }

    public string OptimizerName => Case.GetProperty("optimizer").GetString()!;

    public Tensor Loss()
    {
        var h = X!.MatMul(Parameters[0]) + Parameters[1];
        var output = (h * h).MatMul(Parameters[2]) + Parameters[3];
        return mse.Forward(output, Y!);
    }

    /// <summary>One training step: zero, forward, backward, step. Returns the loss.</summary>
    public double TrainStep(Optimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        if (optimizer is LBFGS lbfgs)
        {
            var first = lbfgs.Step(() =>
            {
                lbfgs.ZeroGrad();
                var loss = Loss();
                loss.Backward();
                return loss;
            });
            return ParityJson.Read(first)[0];
        }

        optimizer.ZeroGrad();
        var l = Loss();
        l.Backward();
        optimizer.Step();
        return ParityJson.Read(l)[0];
    }

    /// <summary>Sets the sparse gradients stored for <paramref name="step"/> (the sparse cases).</summary>
    public void SetSparseGrads(int step)
    {
        var grads = Case.GetProperty("sparse_grads")[step].EnumerateArray().ToArray();
        for (var i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            var rows = grads[i].GetProperty("rows").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var coef = grads[i].GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            using var indices = torch.Tensor(rows, [1, rows.Length]);
            using var valuesF64 = torch.Tensor(coef, [rows.Length, coef.Length / rows.Length]);
            using var values = valuesF64.To(DType);
            using var grad = SparseTensors.Coo(indices, values, p.Shape);
            p.Grad = grad;
        }
    }

    public Optimizer Create()
    {
        var defaults = Options(Case.GetProperty("defaults"));
        var groupOptions = Case.GetProperty("groups").EnumerateArray().Select(Options).ToArray();
        var lr = defaults.TryGetValue("lr", out var l) ? l : 1e-3;
        if (OptimizerName == "LBFGS")
        {
            return new LBFGS(Parameters, lr: lr, maxIter: (int)defaults["max_iter"], historySize: (int)defaults["history_size"],
                lineSearch: defaults.ContainsKey("line_search_fn") ? LineSearch.StrongWolfe : LineSearch.None);
        }

        var per = groupOptions.Length == 2 && Parameters.Length == 4 ? 2 : 1;
        var groups = groupOptions.Select((options, g) =>
        {
            var group = new ParamGroup(Parameters.Skip(g * per).Take(per), options.TryGetValue("lr", out var glr) ? glr : null);
            foreach (var (key, value) in defaults.Concat(options))
            {
                if (key != "lr")
                {
                    group.Options[key] = value;
                }
            }

            return group;
        }).ToList();

        return OptimizerName switch
        {
            "SGD" => new SGD(groups, lr),
            "Adam" => new Adam(groups, lr),
            "AdamW" => new AdamW(groups, lr),
            "Adagrad" => new Adagrad(groups, lr),
            "Adadelta" => new Adadelta(groups, lr),
            "Adamax" => new Adamax(groups, lr),
            "ASGD" => new ASGD(groups, lr),
            "RMSprop" => new RMSprop(groups, lr),
            "Rprop" => new Rprop(groups, lr),
            "NAdam" => new NAdam(groups, lr),
            "RAdam" => new RAdam(groups, lr),
            "SparseAdam" => new SparseAdam(groups, lr),
            _ => throw new InvalidOperationException($"Unknown optimizer {OptimizerName} in the reference file."),
        };
    }

    public double[][] Snapshot() => Parameters.Select(ParityJson.Read).ToArray();

    public void Dispose()
    {
        foreach (var p in Parameters)
        {
            p.Dispose();
        }

        X?.Dispose();
        Y?.Dispose();
    }

    private static Dictionary<string, double> Options(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    private Tensor Make(JsonElement values, long[] shape, bool requiresGrad)
    {
        var data = values.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (DType == ScalarType.Float64)
        {
            return torch.Tensor(data, shape, requiresGrad: requiresGrad).DetachFromDisposeScope();
        }

        return torch.Tensor(data.Select(v => (float)v).ToArray(), shape, requiresGrad: requiresGrad).DetachFromDisposeScope();
    }
}
