using System.Text.Json;

namespace Crucible.Torch.Tests.Nn;

/// <summary>
/// Reads Parity/nn_reference.json, written by Parity/nn_reference.py with PyTorch 1.13: per case,
/// the module's state dict, inputs, outputs, output gradients, and the gradients of inputs and
/// parameters.
/// </summary>
internal static class NnReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Parity", "nn_reference.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Reference values missing: {path}. Run tests/Torch.Tests/Parity/nn_reference.py with /usr/bin/python3.", path);
        }

        return JsonDocument.Parse(File.ReadAllBytes(path));
    });

    public static IEnumerable<string> CaseNames() =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static IEnumerable<string> InitNames() =>
        Document.Value.RootElement.GetProperty("init").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    /// <summary>PyTorch's printout of the model built in ModuleTests.ToString_prints_the_module_tree_as_PyTorch_does.</summary>
    public static string Repr() => Document.Value.RootElement.GetProperty("repr").GetString()!;

    public static JsonElement Case(string name) => Find("cases", name);

    public static JsonElement InitCase(string name) => Find("init", name);

    /// <summary>Builds a tensor from {"shape", "dtype", "data"}; the caller owns it.</summary>
    public static Tensor ToTensor(JsonElement encoded, bool requiresGrad = false)
    {
        var shape = encoded.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var data = encoded.GetProperty("data");
        var dtype = ScalarTypeExtensions.Parse(encoded.GetProperty("dtype").GetString()!);
        return dtype switch
        {
            ScalarType.Float32 => torch.Tensor(data.EnumerateArray().Select(e => e.GetSingle()).ToArray(), shape, requiresGrad: requiresGrad),
            ScalarType.Float64 => torch.Tensor(data.EnumerateArray().Select(e => e.GetDouble()).ToArray(), shape, requiresGrad: requiresGrad),
            ScalarType.Int64 => torch.Tensor(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape),
            _ => throw new NotSupportedException($"dtype {dtype} in the reference file"),
        };
    }

    /// <summary>Builds every entry of a {"name": tensor} object, in order.</summary>
    public static Dictionary<string, Tensor> ToTensors(JsonElement dict) =>
        dict.EnumerateObject().ToDictionary(p => p.Name, p => ToTensor(p.Value));

    private static JsonElement Find(string section, string name) =>
        Document.Value.RootElement.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
