using System.Text.Json;
using Crucible.Torch.Tests.Parity;

namespace Crucible.Torch.Tests.Tensors;

/// <summary>ToString against str(tensor) in PyTorch 1.13 (cases in Parity/ops_reference.json).</summary>
public class TensorPrintTests
{
    private static readonly Lazy<JsonElement> Reference = new(() => ParityJson.Load("ops_reference.json"));

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Reference.Value.GetProperty("prints").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_like_pytorch(int index)
    {
        var c = Reference.Value.GetProperty("prints")[index];
        using var scope = torch.NewDisposeScope();
        var dtype = ScalarTypeExtensions.Parse(c.GetProperty("dtype").GetString()!);
        var values = c.GetProperty("data").EnumerateArray().Select(v => OpsParityTests.ParsePython(v.GetString()!)).ToArray();
        var shape = ParityJson.Shape(c);
        var t = torch.Tensor(values, shape).To(dtype);
        if (c.GetProperty("requires_grad").GetBoolean())
        {
            t.RequiresGrad = true;
        }

        if (c.GetProperty("then").GetString() == "mul2")
        {
            t = t * 2;
        }

        t.ToString().Should().Be(c.GetProperty("expected").GetString());
    }

    [Fact]
    public void A_disposed_tensor_prints_without_throwing()
    {
        var t = torch.Ones([1]);
        t.Dispose();

        t.ToString().Should().Be("tensor(<disposed>)");
    }
}
