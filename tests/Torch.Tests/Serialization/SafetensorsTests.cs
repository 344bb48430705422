using System.Buffers.Binary;
using System.Text.Json;

namespace Crucible.Torch.Tests.Serialization;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("crucible-safetensors-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_file_written_by_crucible_reads_back_bit_identically()
    {
        using var scope = torch.NewDisposeScope();
        var special = torch.Tensor(new float[] { float.NaN, -0f, float.PositiveInfinity, float.Epsilon, 1e-40f, -3.5f });
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = special,
            ["f64"] = torch.Randn([3, 2], ScalarType.Float64),
            ["f16"] = torch.Randn([4]).To(ScalarType.Float16),
            ["bf16"] = torch.Randn([2, 2]).To(ScalarType.BFloat16),
            ["i64"] = torch.Tensor(new long[] { long.MinValue, 0, long.MaxValue }),
            ["i32"] = torch.Tensor(new[] { int.MinValue, 7 }),
            ["u8"] = torch.Tensor(new byte[] { 0, 200 }),
            ["bool"] = torch.Tensor(new[] { true, false }),
            ["scalar"] = torch.ScalarTensor(2.0),
            ["empty"] = torch.Zeros([0, 3]),
            ["view"] = torch.Arange(12.0, 24.0).Reshape(3, 4).T(),
        };
        var path = Path.Combine(dir, "a.safetensors");
        torch.Save(tensors, path, new Dictionary<string, string> { ["epoch"] = "3" });

        using var loaded = torch.Load(path);

        loaded.Keys.Should().BeEquivalentTo(tensors.Keys);
        loaded.Metadata.Should().Equal(new Dictionary<string, string> { ["epoch"] = "3" });
        foreach (var (name, original) in tensors)
        {
            loaded[name].DType.Should().Be(original.DType, name);
            loaded[name].Shape.Should().Equal(original.Shape, name);
            Bits(loaded[name]).Should().Equal(Bits(original), name);
        }

        // Writing what was read gives the very same bytes.
        var again = Path.Combine(dir, "b.safetensors");
        torch.Save(loaded, again, loaded.Metadata);
        File.ReadAllBytes(again).Should().Equal(File.ReadAllBytes(path));
    }

    [Fact]
    public void The_header_follows_the_specification()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(dir, "spec.safetensors");
        torch.Save(new Dictionary<string, Tensor> { ["b"] = torch.Ones([2], ScalarType.Int32), ["a"] = torch.Ones([3], ScalarType.Float64) }, path);

        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        (n % 8).Should().Be(0, "the header is padded so the data is aligned");
        using var header = JsonDocument.Parse(bytes.AsMemory(8, n));
        var a = header.RootElement.GetProperty("a");
        a.GetProperty("dtype").GetString().Should().Be("F64");
        a.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(0, 24);
        header.RootElement.GetProperty("b").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(24, 32);
        header.RootElement.TryGetProperty("__metadata__", out _).Should().BeFalse();
        bytes.Length.Should().Be(8 + n + 32);
        BitConverter.ToDouble(bytes, 8 + n).Should().Be(1.0);
    }

    [Fact]
    public void A_file_written_by_python_loads_with_its_values_dtypes_and_metadata()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Parity", "pytorch_written.safetensors");
        var expected = Parity.ParityJson.Load("pytorch_written.json");

        using var loaded = torch.Load(path);

        loaded.Metadata["written_by"].Should().Be("safetensors_reference.py");
        var names = expected.GetProperty("tensors").EnumerateObject().Select(p => p.Name).ToList();
        loaded.Keys.Should().BeEquivalentTo(names);
        foreach (var property in expected.GetProperty("tensors").EnumerateObject())
        {
            var t = loaded[property.Name];
            t.DType.ToPyTorchName().Should().Be(property.Value.GetProperty("dtype").GetString(), property.Name);
            t.Shape.Should().Equal(Parity.ParityJson.Shape(property.Value), property.Name);
            using var asDouble = t.To(ScalarType.Float64);
            asDouble.ToArray<double>().Should().Equal(Parity.ParityJson.Values(property.Value), property.Name);
        }
    }

    [Fact]
    public void Loading_a_corrupt_file_says_what_is_wrong()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var act = () => torch.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*shorter than the 8-byte header length*");

        var header = """{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}}"""u8.ToArray();
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        act.Should().Throw<InvalidDataException>().WithMessage("*tensor 'w' of float32 [2, 2] does not fill its 8 bytes*");

        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        File.WriteAllBytes(path, bytes);
        act.Should().Throw<InvalidDataException>().WithMessage("*header length 1000000 does not fit*");
    }

    [Fact]
    public void Taken_tensors_outlive_the_collection()
    {
        var path = Path.Combine(dir, "take.safetensors");
        using (var scope = torch.NewDisposeScope())
        {
            torch.Save(new Dictionary<string, Tensor> { ["x"] = torch.Ones([2]), ["y"] = torch.Zeros([1]) }, path);
        }

        Tensor x;
        Tensor y;
        using (var loaded = torch.Load(path))
        {
            x = loaded.Take("x");
            y = loaded["y"];
            loaded.ContainsKey("x").Should().BeFalse();
        }

        y.IsDisposed.Should().BeTrue();
        x.ToArray<float>().Should().Equal(1f, 1f);
        x.Dispose();
    }

    private static byte[] Bits(Tensor t)
    {
        // Reinterpret through a byte copy of the same dtype: exact, NaN payloads and -0 included.
        return t.DType switch
        {
            ScalarType.Float32 => t.ToArray<float>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.Float64 => t.ToArray<double>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.Float16 => t.ToArray<Half>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.BFloat16 => t.To(ScalarType.Float32).ToArray<float>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.Int64 => t.ToArray<long>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.Int32 => t.ToArray<int>().SelectMany(BitConverter.GetBytes).ToArray(),
            ScalarType.UInt8 => t.ToArray<byte>(),
            ScalarType.Bool => t.ToArray<bool>().Select(b => (byte)(b ? 1 : 0)).ToArray(),
            _ => throw new NotSupportedException(t.DType.ToString()),
        };
    }
}
