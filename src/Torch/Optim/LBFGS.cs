using System.Globalization;

namespace Crucible.Torch.Optim;

/// <summary>
/// L-BFGS (<c>torch.optim.LBFGS</c>): a quasi-Newton method that re-evaluates the model several
/// times per step, so <see cref="Step(Func{Tensor})"/> takes a closure that zeroes the gradients,
/// computes the loss, calls <c>Backward</c> and returns the loss. One parameter group only, as in
/// PyTorch. It follows torch/optim/lbfgs.py of PyTorch 1.13, including its mix of double-precision
/// Python numbers and tensor-precision scalars (<see cref="LbfgsScalar"/>). The closure's losses
/// other than the first are disposed by the step; don't return a tensor you keep elsewhere.
/// </summary>
public sealed class LBFGS : Optimizer
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const double LineSearchToleranceChange = 1e-9;
    private const int MaxLineSearch = 25;

    private readonly List<Tensor> temps = [];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The tensors to optimize (all share one dtype).</param>
    /// <param name="lr">The learning rate. Defaults to 1.</param>
    /// <param name="maxIter">Iterations per step. Defaults to 20.</param>
    /// <param name="maxEval">Function evaluations per step. Defaults to maxIter * 5 / 4.</param>
    /// <param name="toleranceGrad">Stop when the largest gradient element is at most this. Defaults to 1e-7.</param>
    /// <param name="toleranceChange">Stop when the step or the loss changes less. Defaults to 1e-9.</param>
    /// <param name="historySize">Number of corrections kept. Defaults to 100.</param>
    /// <param name="lineSearch">The line search. Defaults to none.</param>
    public LBFGS(IEnumerable<Tensor> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, int historySize = 100, LineSearch lineSearch = LineSearch.None)
        : base([new ParamGroup(parameters)], lr, new Dictionary<string, double>
        {
            ["max_iter"] = maxIter,
            ["max_eval"] = maxEval ?? maxIter * 5 / 4,
            ["tolerance_grad"] = toleranceGrad,
            ["tolerance_change"] = toleranceChange,
            ["history_size"] = historySize,
            ["line_search_fn"] = lineSearch == LineSearch.StrongWolfe ? 1 : 0,
        })
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(historySize, 1);
        if (ParamGroups[0].Parameters.Count == 0)
        {
            throw new ArgumentException("LBFGS needs at least one parameter.", nameof(parameters));
        }
    }

    private IReadOnlyList<Tensor> Params => ParamGroups[0].Parameters;

    /// <summary>Not possible for L-BFGS: throws, pointing to <see cref="Step(Func{Tensor})"/>.</summary>
    public override void Step() =>
        throw new InvalidOperationException("LBFGS re-evaluates the model several times per step: call Step(closure) with a closure that zeroes gradients, computes the loss, calls Backward and returns the loss.");

    /// <summary>Runs up to <c>max_iter</c> L-BFGS iterations; returns the loss of the first evaluation.</summary>
    public override Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        using var noGrad = torch.NoGrad();
        try
        {
            return Run(closure);
        }
        finally
        {
            DisposeTemps();
        }
    }

    private Tensor Run(Func<Tensor> closure)
    {
        var group = ParamGroups[0];
        var lr = group.LearningRate;
        var maxIter = (int)group.Option("max_iter");
        var maxEval = group.Option("max_eval");
        var toleranceGrad = group.Option("tolerance_grad");
        var toleranceChange = group.Option("tolerance_change");
        var historySize = (int)group.Option("history_size");
        var strongWolfe = group.Flag("line_search_fn");
        var single = Params[0].DType == ScalarType.Float32;

        var state = StateOf(Params[0]);
        state.Values.TryAdd("func_evals", 0);
        state.Values.TryAdd("n_iter", 0);

        var origLoss = Evaluate(closure);
        var loss = Item(origLoss);
        var currentEvals = 1;
        state.Values["func_evals"] += 1;

        var flatGrad = FlatGrad();
        var optCond = AbsMax(flatGrad, single) <= toleranceGrad;
        if (optCond)
        {
            return origLoss;
        }

        var d = state.Tensors.TryGetValue("d", out var sd) ? sd : null;
        var t = ReadScalar(state, "t");
        var oldDirs = new List<Tensor>();
        var oldStps = new List<Tensor>();
        var ro = new List<LbfgsScalar>();
        var history = state.Values.TryGetValue("history", out var h) ? (int)h : 0;
        for (var i = 0; i < history; i++)
        {
            oldDirs.Add(state.Tensors[Key("old_dirs", i)]);
            oldStps.Add(state.Tensors[Key("old_stps", i)]);
            ro.Add(ReadScalar(state, Key("ro", i)));
        }

        var hDiag = ReadScalar(state, "H_diag");
        var prevFlatGrad = state.Tensors.TryGetValue("prev_flat_grad", out var pf) ? pf : null;
        var prevLoss = state.Values.TryGetValue("prev_loss", out var pl) ? pl : double.NaN;

        var nIter = 0;
        while (nIter < maxIter)
        {
            nIter++;
            state.Values["n_iter"] += 1;

            if (state.Values["n_iter"] == 1)
            {
                d = Neg(flatGrad);
                oldDirs.Clear();
                oldStps.Clear();
                ro.Clear();
                hDiag = LbfgsScalar.Python(1);
            }
            else
            {
                var y = Sub(flatGrad, prevFlatGrad!);
                var s = Mul(d!, t.Value);
                var ys = Dot(y, s, single);
                if (ys > 1e-10)
                {
                    if (oldDirs.Count == historySize)
                    {
                        oldDirs.RemoveAt(0);
                        oldStps.RemoveAt(0);
                        ro.RemoveAt(0);
                    }

                    oldDirs.Add(y);
                    oldStps.Add(s);
                    ro.Add(LbfgsScalar.Python(1.0) / ys);
                    hDiag = ys / Dot(y, y, single);
                }

                var numOld = oldDirs.Count;
                var al = new LbfgsScalar[numOld];
                var q = Neg(flatGrad);
                for (var i = numOld - 1; i >= 0; i--)
                {
                    al[i] = Dot(oldStps[i], q, single) * ro[i];
                    AddInPlace(q, oldDirs[i], (-al[i]).Value);
                }

                var r = Mul(q, hDiag.Value);
                d = r;
                for (var i = 0; i < numOld; i++)
                {
                    var beI = Dot(oldDirs[i], r, single) * ro[i];
                    AddInPlace(r, oldStps[i], (al[i] - beI).Value);
                }
            }

            if (prevFlatGrad is null)
            {
                prevFlatGrad = Track(flatGrad.Clone());
            }
            else
            {
                prevFlatGrad.Copy_(flatGrad);
            }

            prevLoss = loss;

            t = state.Values["n_iter"] == 1
                ? LbfgsScalar.Min(1.0, LbfgsScalar.Python(1.0) / AbsSum(flatGrad, single)) * lr
                : LbfgsScalar.Python(lr);

            var gtd = Dot(flatGrad, d!, single);
            if (gtd > -toleranceChange)
            {
                break;
            }

            var lsFuncEvals = 0;
            if (strongWolfe)
            {
                var xInit = Params.Select(p => Track(p.Clone())).ToList();
                (loss, flatGrad, t, lsFuncEvals) = StrongWolfeSearch(closure, xInit, t, d!, loss, flatGrad, gtd, single);
                AddGrad(t.Value, d!);
                optCond = AbsMax(flatGrad, single) <= toleranceGrad;
            }
            else
            {
                AddGrad(t.Value, d!);
                if (nIter != maxIter)
                {
                    loss = EvaluateItem(closure);
                    flatGrad = FlatGrad();
                    optCond = AbsMax(flatGrad, single) <= toleranceGrad;
                    lsFuncEvals = 1;
                }
            }

            currentEvals += lsFuncEvals;
            state.Values["func_evals"] += lsFuncEvals;

            if (nIter == maxIter || currentEvals >= maxEval || optCond)
            {
                break;
            }

            if (AbsMax(Mul(d!, t.Value), single) <= toleranceChange)
            {
                break;
            }

            if (Math.Abs(loss - prevLoss) < toleranceChange)
            {
                break;
            }
        }

        Save(state, d, t, oldDirs, oldStps, ro, hDiag, prevFlatGrad, prevLoss);
        return origLoss;
    }

    private (double Loss, Tensor FlatGrad, LbfgsScalar T, int Evals) StrongWolfeSearch(
        Func<Tensor> closure, List<Tensor> x, LbfgsScalar t, Tensor d, double f, Tensor g, LbfgsScalar gtd, bool single)
    {
        var dNorm = AbsMax(d, single);
        var (fNew, gNew) = DirectionalEvaluate(closure, x, t, d);
        var lsFuncEvals = 1;
        var gtdNew = Dot(gNew, d, single);
        LbfgsScalar tPrev = LbfgsScalar.Python(0);
        LbfgsScalar fPrev = f;
        var gPrev = g;
        var gtdPrev = gtd;
        var done = false;
        var lsIter = 0;

        var bracket = new List<LbfgsScalar>();
        var bracketF = new List<LbfgsScalar>();
        var bracketG = new List<Tensor>();
        var bracketGtd = new List<LbfgsScalar>();
        while (lsIter < MaxLineSearch)
        {
            if (fNew > (f + (C1 * t * gtd)) || (lsIter > 1 && fNew >= fPrev))
            {
                bracket = [tPrev, t];
                bracketF = [fPrev, fNew];
                bracketG = [gPrev, gNew];
                bracketGtd = [gtdPrev, gtdNew];
                break;
            }

            if (gtdNew.Abs() <= -C2 * gtd)
            {
                bracket = [t];
                bracketF = [fNew];
                bracketG = [gNew];
                done = true;
                break;
            }

            if (gtdNew >= 0)
            {
                bracket = [tPrev, t];
                bracketF = [fPrev, fNew];
                bracketG = [gPrev, gNew];
                bracketGtd = [gtdPrev, gtdNew];
                break;
            }

            var minStep = t + (0.01 * (t - tPrev));
            var maxStep = t * 10;
            var tmp = t;
            t = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, (minStep, maxStep));
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            (fNew, gNew) = DirectionalEvaluate(closure, x, t, d);
            lsFuncEvals++;
            gtdNew = Dot(gNew, d, single);
            lsIter++;
        }

        if (lsIter == MaxLineSearch)
        {
            bracket = [LbfgsScalar.Python(0), t];
            bracketF = [f, fNew];
            bracketG = [g, gNew];
        }

        var insufProgress = false;
        var (lowPos, highPos) = bracketF[0] <= bracketF[^1] ? (0, 1) : (1, 0);
        while (!done && lsIter < MaxLineSearch)
        {
            if ((bracket[1] - bracket[0]).Abs() * dNorm < LineSearchToleranceChange)
            {
                break;
            }

            t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], null);
            var hi = LbfgsScalar.Max(bracket[0], bracket[1]);
            var lo = LbfgsScalar.Min(bracket[0], bracket[1]);
            var eps = 0.1 * (hi - lo);
            if (LbfgsScalar.Min(hi - t, t - lo) < eps)
            {
                if (insufProgress || t >= hi || t <= lo)
                {
                    t = (t - hi).Abs() < (t - lo).Abs() ? hi - eps : lo + eps;
                    insufProgress = false;
                }
                else
                {
                    insufProgress = true;
                }
            }
            else
            {
                insufProgress = false;
            }

            (fNew, gNew) = DirectionalEvaluate(closure, x, t, d);
            lsFuncEvals++;
            gtdNew = Dot(gNew, d, single);
            lsIter++;

            if (fNew > (f + (C1 * t * gtd)) || fNew >= bracketF[lowPos])
            {
                bracket[highPos] = t;
                bracketF[highPos] = fNew;
                bracketG[highPos] = gNew;
                bracketGtd[highPos] = gtdNew;
                (lowPos, highPos) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (gtdNew.Abs() <= -C2 * gtd)
                {
                    done = true;
                }
                else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0)
                {
                    bracket[highPos] = bracket[lowPos];
                    bracketF[highPos] = bracketF[lowPos];
                    bracketG[highPos] = bracketG[lowPos];
                    bracketGtd[highPos] = bracketGtd[lowPos];
                }

                bracket[lowPos] = t;
                bracketF[lowPos] = fNew;
                bracketG[lowPos] = gNew;
                bracketGtd[lowPos] = gtdNew;
            }
        }

        return (bracketF[lowPos].Value, bracketG[lowPos], bracket[lowPos], lsFuncEvals);
    }

    private static LbfgsScalar CubicInterpolate(
        LbfgsScalar x1, LbfgsScalar f1, LbfgsScalar g1, LbfgsScalar x2, LbfgsScalar f2, LbfgsScalar g2, (LbfgsScalar Min, LbfgsScalar Max)? bounds)
    {
        var (xminBound, xmaxBound) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        var d1 = g1 + g2 - (3 * (f1 - f2) / (x1 - x2));
        var d2Square = (d1 * d1) - (g1 * g2);
        if (d2Square >= 0)
        {
            var d2 = d2Square.Sqrt();
            var minPos = x1 <= x2
                ? x2 - ((x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + (2 * d2))))
                : x1 - ((x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + (2 * d2))));
            return LbfgsScalar.Min(LbfgsScalar.Max(minPos, xminBound), xmaxBound);
        }

        return (xminBound + xmaxBound) / 2.0;
    }

    private (LbfgsScalar Loss, Tensor FlatGrad) DirectionalEvaluate(Func<Tensor> closure, List<Tensor> x, LbfgsScalar t, Tensor d)
    {
        AddGrad(t.Value, d);
        var loss = EvaluateItem(closure);
        var flatGrad = FlatGrad();
        CopyParams(x);
        return (loss, flatGrad);
    }

    private static Tensor Evaluate(Func<Tensor> closure)
    {
        using var grad = torch.EnableGrad();
        return closure() ?? throw new InvalidOperationException("The LBFGS closure returned null; it must return the loss.");
    }

    private static double EvaluateItem(Func<Tensor> closure)
    {
        using var loss = Evaluate(closure);
        return Item(loss);
    }

    private static double Item(Tensor t) => t.Item<double>();

    // torch/optim/lbfgs.py's _gather_flat_grad: every gradient flattened, zeros where a parameter has none.
    // The gradients are read in one native call and borrowed (see GroupGradients): not disposed here.
    private Tensor FlatGrad()
    {
        var g = Gradients(ParamGroups[0]);
        var views = new List<Tensor>(Params.Count);
        try
        {
            var next = 0;
            foreach (var p in Params)
            {
                if (next == g.Count || !ReferenceEquals(g.Parameters[next], p))
                {
                    views.Add(torch.Zeros([p.NumEl], p.DType, p.Device));
                    continue;
                }

                if (g.IsSparse(next))
                {
                    using var dense = g.Grads[next].ToDense();
                    views.Add(dense.View(-1));
                }
                else
                {
                    views.Add(g.Grads[next].View(-1));
                }

                next++;
            }

            return Track(torch.Cat(views, 0));
        }
        finally
        {
            foreach (var view in views)
            {
                view.Dispose();
            }
        }
    }

    // torch/optim/lbfgs.py's _add_grad: each parameter += step_size * its slice of the flat update.
    private void AddGrad(double stepSize, Tensor update)
    {
        long offset = 0;
        foreach (var p in Params)
        {
            var n = p.NumEl;
            using var slice = update.Narrow(0, offset, n);
            using var view = slice.View(p.Shape);
            p.Add_(view, stepSize);
            offset += n;
        }

        if (offset != update.NumEl)
        {
            throw new TorchException($"L-BFGS: the update has {update.NumEl} elements but the parameters {offset}.");
        }
    }

    private void CopyParams(List<Tensor> sources)
    {
        for (var i = 0; i < Params.Count; i++)
        {
            Params[i].Copy_(sources[i]);
        }
    }

    private static LbfgsScalar Dot(Tensor a, Tensor b, bool single)
    {
        using var dot = a.MatMul(b);
        return LbfgsScalar.Tensor(dot.Item<double>(), single);
    }

    private static LbfgsScalar AbsMax(Tensor a, bool single)
    {
        using var abs = a.Abs();
        using var max = abs.Max();
        return LbfgsScalar.Tensor(max.Item<double>(), single);
    }

    private static LbfgsScalar AbsSum(Tensor a, bool single)
    {
        using var abs = a.Abs();
        using var sum = abs.Sum();
        return LbfgsScalar.Tensor(sum.Item<double>(), single);
    }

    private Tensor Neg(Tensor a) => Track(a.Neg());

    private Tensor Sub(Tensor a, Tensor b) => Track(a.Sub(b));

    private Tensor Mul(Tensor a, double value) => Track(a.Mul(value));

    private static void AddInPlace(Tensor a, Tensor b, double alpha) => a.Add_(b, alpha);

    private Tensor Track(Tensor t)
    {
        temps.Add(t.DetachFromDisposeScope());
        return t;
    }

    private void DisposeTemps()
    {
        var kept = new HashSet<Tensor>(StateOf(Params[0]).Tensors.Values, ReferenceEqualityComparer.Instance);
        foreach (var t in temps)
        {
            if (!kept.Contains(t))
            {
                t.Dispose();
            }
        }

        temps.Clear();
    }

    private void Save(ParameterState state, Tensor? d, LbfgsScalar t, List<Tensor> oldDirs, List<Tensor> oldStps,
        List<LbfgsScalar> ro, LbfgsScalar hDiag, Tensor? prevFlatGrad, double prevLoss)
    {
        // Replace the whole history: tensors that dropped out of it are freed with the step's temporaries.
        var previous = state.Tensors.Values.ToList();
        state.Tensors.Clear();
        foreach (var key in state.Values.Keys.Where(k => k.StartsWith("ro.", StringComparison.Ordinal)).ToList())
        {
            state.Values.Remove(key);
        }

        if (d is not null)
        {
            state.Tensors["d"] = d;
        }

        if (prevFlatGrad is not null)
        {
            state.Tensors["prev_flat_grad"] = prevFlatGrad;
        }

        for (var i = 0; i < oldDirs.Count; i++)
        {
            state.Tensors[Key("old_dirs", i)] = oldDirs[i];
            state.Tensors[Key("old_stps", i)] = oldStps[i];
            WriteScalar(state, Key("ro", i), ro[i]);
        }

        state.Values["history"] = oldDirs.Count;
        WriteScalar(state, "t", t);
        WriteScalar(state, "H_diag", hDiag);
        state.Values["prev_loss"] = prevLoss;
        temps.AddRange(previous);
    }

    private static LbfgsScalar ReadScalar(ParameterState state, string key) =>
        state.Values.TryGetValue(key, out var v)
            ? new LbfgsScalar(v, state.Values.TryGetValue(key + ".is_tensor", out var k) && k != 0, state.Values.TryGetValue(key + ".single", out var s) && s != 0)
            : LbfgsScalar.Python(double.NaN);

    private static void WriteScalar(ParameterState state, string key, LbfgsScalar value)
    {
        state.Values[key] = value.Value;
        state.Values[key + ".is_tensor"] = value.IsTensor ? 1 : 0;
        state.Values[key + ".single"] = value.Single ? 1 : 0;
    }

    private static string Key(string name, int index) => string.Create(CultureInfo.InvariantCulture, $"{name}.{index}");
}
