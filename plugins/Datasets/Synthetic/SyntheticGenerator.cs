using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Synthetic;

/// <summary>Generates the synthetic datasets, deterministically from the seed.</summary>
internal static class SyntheticGenerator
{
    public static SampleSet Generate(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Samples, 1, nameof(spec.Samples));
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Noise, nameof(spec.Noise));
        var random = new GaussianRandom(spec.Seed);
        return spec.Kind switch
        {
            SyntheticKind.Xor => TruthTable((a, b) => a ^ b, spec.TruthTableAsClasses),
            SyntheticKind.Or => TruthTable((a, b) => a | b, spec.TruthTableAsClasses),
            SyntheticKind.And => TruthTable((a, b) => a & b, spec.TruthTableAsClasses),
            SyntheticKind.Linear => Function(spec, random, spec.XMin, spec.XMax, x => (spec.Slope * x) + spec.Intercept),
            SyntheticKind.Sine => Function(spec, random, 0, 2 * Math.PI, Math.Sin),
            SyntheticKind.TwoMoons => TwoMoons(spec, random),
            SyntheticKind.Spirals => Spirals(spec, random),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown synthetic dataset."),
        };
    }

    private static SampleSet TruthTable(Func<int, int, int> op, bool asClasses)
    {
        var features = new float[8];
        var outputs = new int[4];
        for (var i = 0; i < 4; i++)
        {
            var a = i >> 1;
            var b = i & 1;
            features[2 * i] = a;
            features[(2 * i) + 1] = b;
            outputs[i] = op(a, b);
        }

        return asClasses
            ? new SampleSet(features, [2], outputs.Select(o => (long)o).ToArray(), null, 0)
            : new SampleSet(features, [2], null, outputs.Select(o => (float)o).ToArray(), 1);
    }

    private static SampleSet Function(SyntheticSpec spec, GaussianRandom random, double min, double max, Func<double, double> f)
    {
        var x = new float[spec.Samples];
        var y = new float[spec.Samples];
        for (var i = 0; i < spec.Samples; i++)
        {
            var xi = min + ((max - min) * random.NextDouble());
            x[i] = (float)xi;
            y[i] = (float)(f(xi) + (spec.Noise * random.NextGaussian()));
        }

        return new SampleSet(x, [1], null, y, 1);
    }

    /// <summary>scikit-learn's make_moons: the outer moon's samples first, then the inner one's.</summary>
    private static SampleSet TwoMoons(SyntheticSpec spec, GaussianRandom random)
    {
        var outer = spec.Samples / 2;
        var inner = spec.Samples - outer;
        var features = new float[spec.Samples * 2];
        var labels = new long[spec.Samples];
        for (var i = 0; i < spec.Samples; i++)
        {
            double px;
            double py;
            if (i < outer)
            {
                var t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
                px = Math.Cos(t);
                py = Math.Sin(t);
            }
            else
            {
                var k = i - outer;
                var t = inner == 1 ? 0 : Math.PI * k / (inner - 1);
                px = 1 - Math.Cos(t);
                py = 1 - Math.Sin(t) - 0.5;
                labels[i] = 1;
            }

            features[2 * i] = (float)(px + (spec.Noise * random.NextGaussian()));
            features[(2 * i) + 1] = (float)(py + (spec.Noise * random.NextGaussian()));
        }

        return new SampleSet(features, [2], labels, null, 0);
    }

    /// <summary>CS231n's spirals: arm k has radius 0..1 and angle 4(k..k+1) plus noise.</summary>
    private static SampleSet Spirals(SyntheticSpec spec, GaussianRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Classes, 2, nameof(spec.Classes));
        var perClass = spec.Samples;
        var total = perClass * spec.Classes;
        var features = new float[total * 2];
        var labels = new long[total];
        for (var k = 0; k < spec.Classes; k++)
        {
            for (var i = 0; i < perClass; i++)
            {
                var r = perClass == 1 ? 0 : (double)i / (perClass - 1);
                var t = (4.0 * k) + (4.0 * r) + (spec.Noise * random.NextGaussian());
                var n = (k * perClass) + i;
                features[2 * n] = (float)(r * Math.Sin(t));
                features[(2 * n) + 1] = (float)(r * Math.Cos(t));
                labels[n] = k;
            }
        }

        return new SampleSet(features, [2], labels, null, 0);
    }
}
