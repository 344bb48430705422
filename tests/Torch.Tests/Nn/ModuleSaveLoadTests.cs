using System.Text.Json;
using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

public sealed class ModuleSaveLoadTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("crucible-nn-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Sequential Mlp() => new(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));

    [Fact]
    public void A_saved_module_loads_back_bit_identically_buffers_included()
    {
        using var scope = torch.NewDisposeScope();
        using var source = Mlp();
        source.Forward(torch.Randn([16, 4])); // moves the running statistics and num_batches_tracked
        var path = Path.Combine(directory, "mlp.safetensors");

        source.Save(path);
        using var target = Mlp();
        var result = target.Load(path);

        result.MissingKeys.Should().BeEmpty();
        result.UnexpectedKeys.Should().BeEmpty();
        var expected = source.StateDict();
        var actual = target.StateDict();
        actual.Keys.Should().Equal(expected.Keys);
        foreach (var (name, tensor) in expected)
        {
            actual[name].DType.Should().Be(tensor.DType, name);
            if (tensor.DType == ScalarType.Int64)
            {
                actual[name].ToArray<long>().Should().Equal(tensor.ToArray<long>(), name);
            }
            else
            {
                actual[name].ToArray<float>().Should().Equal(tensor.ToArray<float>(), name);
            }
        }

        actual["1.num_batches_tracked"].Item<long>().Should().Be(1);
        using var file = torch.Load(path);
        file.Metadata.Should().Contain("format", "pt");
    }

    [Fact]
    public void A_safetensors_file_written_from_PyTorch_loads_into_the_matching_module_and_computes_the_same()
    {
        // Written by Parity/nn_safetensors_reference.py from nn.Sequential(Linear, BatchNorm1d, ReLU, Linear).
        var path = Path.Combine(AppContext.BaseDirectory, "Parity", "nn_mlp.safetensors");
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Parity", "nn_mlp_reference.json")));
        using var scope = torch.NewDisposeScope();
        using var model = Mlp();

        model.Load(path);
        model.Eval();

        model.StateDict().Keys.Should().Equal(reference.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        model.NamedBuffers().Single(b => b.Name == "1.num_batches_tracked").Buffer.Item<long>().Should().Be(3);
        var output = model.Forward(NnReference.ToTensor(reference.RootElement.GetProperty("input")));
        NumericAssert.Close(output, reference.RootElement.GetProperty("output"), "PyTorch-written MLP");
    }

    [Fact]
    public void Loading_a_file_into_a_module_that_does_not_match_names_the_file_and_every_difference()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(directory, "mlp.safetensors");
        using (var source = Mlp())
        {
            source.Save(path);
        }

        using var wider = new Sequential(new Linear(4, 9), new BatchNorm1d(9), new ReLU(), new Linear(9, 3));
        var act = () => wider.Load(path);

        var error = act.Should().Throw<StateDictMismatchException>().Which;
        error.Message.Should().Contain($"Sequential from '{path}'")
            .And.Contain("0.weight: shape [8, 4] in the state dict, [9, 4] in the module")
            .And.Contain("3.weight: shape [3, 8] in the state dict, [3, 9] in the module");
        error.Mismatches.Should().HaveCount(7);

        using var smaller = new Sequential(new Linear(4, 8), new BatchNorm1d(8));
        var partial = smaller.Load(path, strict: false);
        partial.MissingKeys.Should().BeEmpty();
        partial.UnexpectedKeys.Should().Equal("3.bias", "3.weight");
    }

    [Fact]
    public void Save_adds_the_callers_metadata()
    {
        using var layer = new Linear(2, 2);
        var path = Path.Combine(directory, "linear.safetensors");

        layer.Save(path, new Dictionary<string, string> { ["epoch"] = "3" });

        using var file = torch.Load(path);
        file.Metadata.Should().Contain("epoch", "3").And.Contain("format", "pt");
        file.Keys.Should().BeEquivalentTo("weight", "bias");
    }
}
