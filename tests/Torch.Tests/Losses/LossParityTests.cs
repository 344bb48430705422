using System.Text.Json;
using Crucible.Torch.Nn;
using Crucible.Torch.Tests.Parity;

namespace Crucible.Torch.Tests.Losses;

/// <summary>Every loss, every reduction, float32 and float64, value and gradient against PyTorch 1.13.</summary>
public class LossParityTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        ParityJson.Load("losses_reference.json").GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Matches_PyTorch(string name)
    {
        var c = Cases.Value[name];
        using var scope = torch.NewDisposeScope();
        var gradOf = c.GetProperty("grads").EnumerateObject().Select(p => p.Name).ToHashSet();
        var inputs = c.GetProperty("inputs").EnumerateObject()
            .ToDictionary(p => p.Name, p => ParityJson.ToTensor(p.Value, gradOf.Contains(p.Name)));
        var reduction = c.GetProperty("reduction").GetString() switch
        {
            "mean" => Reduction.Mean,
            "sum" => Reduction.Sum,
            _ => Reduction.None,
        };

        var output = Compute(c.GetProperty("loss").GetString()!, c.GetProperty("options"), reduction, inputs);
        var expected = c.GetProperty("output");
        var dtype = inputs.Values.First().DType;
        var rtol = ParityJson.Tolerance(dtype);
        output.Shape.Should().Equal(ParityJson.Shape(expected));
        ParityJson.AssertClose(ParityJson.Read(output), ParityJson.Values(expected), rtol, $"{name} output");

        var total = reduction == Reduction.None ? output.Sum() : output;
        total.Backward();
        foreach (var grad in c.GetProperty("grads").EnumerateObject())
        {
            var actual = inputs[grad.Name].Grad;
            actual.Should().NotBeNull($"{grad.Name} requires a gradient");
            ParityJson.AssertClose(ParityJson.Read(actual!), ParityJson.Values(grad.Value), rtol, $"{name} d/d{grad.Name}");
        }
    }

    private static Tensor Compute(string loss, JsonElement options, Reduction reduction, Dictionary<string, Tensor> t)
    {
        Tensor? Opt(string key) => options.TryGetProperty(key, out var v) ? ParityJson.ToTensor(v) : null;
        double Num(string key, double fallback) => options.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool Flag(string key) => options.TryGetProperty(key, out var v) && v.GetBoolean();

        return loss switch
        {
            "MSELoss" => new MSELoss(reduction).Forward(t["input"], t["target"]),
            "L1Loss" => new L1Loss(reduction).Forward(t["input"], t["target"]),
            "SmoothL1Loss" => new SmoothL1Loss(reduction, Num("beta", 1.0)).Forward(t["input"], t["target"]),
            "HuberLoss" => new HuberLoss(reduction, Num("delta", 1.0)).Forward(t["input"], t["target"]),
            "BCELoss" => new BCELoss(Opt("weight"), reduction).Forward(t["input"], t["target"]),
            "BCEWithLogitsLoss" => new BCEWithLogitsLoss(Opt("weight"), reduction, Opt("pos_weight")).Forward(t["input"], t["target"]),
            "CrossEntropyLoss" => new CrossEntropyLoss(Opt("weight"), (long)Num("ignore_index", -100), reduction, Num("label_smoothing", 0.0))
                .Forward(t["input"], t["target"]),
            "NLLLoss" => new NLLLoss(Opt("weight"), (long)Num("ignore_index", -100), reduction).Forward(t["input"], t["target"]),
            "KLDivLoss" => new KLDivLoss(reduction, Flag("log_target"), Flag("batch_mean")).Forward(t["input"], t["target"]),
            "CosineEmbeddingLoss" => new CosineEmbeddingLoss(Num("margin", 0.0), reduction).Forward(t["input1"], t["input2"], t["target"]),
            "MarginRankingLoss" => new MarginRankingLoss(Num("margin", 0.0), reduction).Forward(t["input1"], t["input2"], t["target"]),
            _ => throw new InvalidOperationException($"Unknown loss {loss} in the reference file."),
        };
    }
}
