using System.Globalization;
using System.Runtime.InteropServices;
using Crucible.Onnx.Proto;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Google.Protobuf;

namespace Crucible.Onnx;

/// <summary>
/// The ONNX graph being written by <see cref="OnnxExporter"/>: modules are applied to named values
/// (<see cref="Apply"/>), parameters become initializers, and nodes are named after the layer that
/// made them (<c>features.0/Conv</c>). Handed to <see cref="IOnnxExportable.ExportOnnx"/>.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The ONNX opset (default domain) the exporter writes.</summary>
    public const int Opset = 17;

    private readonly GraphProto graph = new();
    private readonly Dictionary<string, (long[] Shape, ScalarType Type)> known = new(StringComparer.Ordinal);
    private readonly Dictionary<Tensor, string> initializerNames = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Stack<(string Path, Module Module)> scope = new();

    internal OnnxGraph(string name)
    {
        graph.Name = name;
    }

    internal GraphProto Proto => graph;

    /// <summary>The dotted path of the layer being exported (<c>features.0</c>); empty at the root.</summary>
    public string LayerPath => scope.Count == 0 ? string.Empty : scope.Peek().Path;

    /// <summary>
    /// Writes <paramref name="module"/> applied to <paramref name="input"/> and returns the output's
    /// value name: a built-in layer by its known ONNX form, any other module through
    /// <see cref="IOnnxExportable"/>. Throws <see cref="OnnxExportException"/> naming the layer
    /// otherwise.
    /// </summary>
    public string Apply(Module module, string input)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(input);
        scope.Push((ChildPath(module), module));
        try
        {
            var output = module is IOnnxExportable custom
                ? custom.ExportOnnx(this, input)
                : BuiltInLayers.Export(this, module, input);
            Probe(module, input, output);
            return output;
        }
        finally
        {
            scope.Pop();
        }
    }

    /// <summary>Adds a node of the default ONNX domain with one output and returns that output's name.</summary>
    public string Node(string opType, string[] inputs, params OnnxAttribute[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names. An empty input name skips an optional input.</summary>
    public IReadOnlyList<string> Node(string opType, string[] inputs, int outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        var prefix = LayerPath.Length == 0 ? opType : $"{LayerPath}/{opType}";
        var node = new NodeProto { OpType = opType, Name = Unique(prefix) };
        node.Input.AddRange(inputs);
        for (var i = 0; i < outputs; i++)
        {
            node.Output.Add(Unique(node.Name + (outputs == 1 ? ":0" : string.Create(CultureInfo.InvariantCulture, $":{i}"))));
        }

        node.Attribute.AddRange(attributes.Select(a => a.Proto));
        graph.Node.Add(node);
        return [.. node.Output];
    }

    /// <summary>
    /// Stores <paramref name="tensor"/>'s current values as an initializer (a constant of the graph)
    /// and returns its name; the same tensor object (a tied weight) is stored once.
    /// </summary>
    public string Initializer(Tensor tensor, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (initializerNames.TryGetValue(tensor, out var existing))
        {
            return existing;
        }

        var result = AddInitializer(name ?? MemberName(tensor), tensor);
        initializerNames[tensor] = result;
        return result;
    }

    /// <summary>Stores a 1-D int64 constant (shapes, axes, indices) and returns its name.</summary>
    public string Constant(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddRaw(LayerPath + "/const", ScalarType.Int64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Stores a scalar floating-point constant of <paramref name="type"/> (float32 or float64) and returns its name.</summary>
    public string Scalar(double value, ScalarType type = ScalarType.Float32) => type switch
    {
        ScalarType.Float64 => AddRaw(LayerPath + "/const", type, [], MemoryMarshal.AsBytes(new[] { value }.AsSpan())),
        ScalarType.Float32 => AddRaw(LayerPath + "/const", type, [], MemoryMarshal.AsBytes(new[] { (float)value }.AsSpan())),
        _ => throw new ArgumentException($"A scalar constant is float32 or float64, not {type}.", nameof(type)),
    };

    /// <summary>The shape of one sample of <paramref name="value"/> (without the batch dimension), or null when the exporter does not know it.</summary>
    public IReadOnlyList<long>? ShapeOf(string value) => known.TryGetValue(value, out var v) ? v.Shape : null;

    /// <summary>The element type of <paramref name="value"/>, or null when the exporter does not know it.</summary>
    public ScalarType? TypeOf(string value) => known.TryGetValue(value, out var v) ? v.Type : null;

    /// <summary>An exception naming the layer being exported, for a module that cannot be written in this form.</summary>
    public OnnxExportException Unsupported(string reason) =>
        new(LayerPath, scope.Count == 0 ? "?" : scope.Peek().Module.GetType().Name, reason);

    internal void Declare(string value, IReadOnlyList<long> shape, ScalarType type) => known[value] = ([.. shape], type);

    internal string AddRaw(string hint, ScalarType type, long[] dims, ReadOnlySpan<byte> data)
    {
        var proto = new TensorProto { Name = Unique(hint), DataType = (int)ElementType(type), RawData = ByteString.CopyFrom(data) };
        proto.Dims.AddRange(dims);
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    internal static TensorProto.Types.DataType ElementType(ScalarType type) => type switch
    {
        ScalarType.Float32 => TensorProto.Types.DataType.Float,
        ScalarType.Float64 => TensorProto.Types.DataType.Double,
        ScalarType.Float16 => TensorProto.Types.DataType.Float16,
        ScalarType.Int64 => TensorProto.Types.DataType.Int64,
        ScalarType.Int32 => TensorProto.Types.DataType.Int32,
        ScalarType.UInt8 => TensorProto.Types.DataType.Uint8,
        ScalarType.Bool => TensorProto.Types.DataType.Bool,
        _ => throw new OnnxExportException($"ONNX export does not write {type} tensors."),
    };

    private string AddInitializer(string hint, Tensor tensor)
    {
        using var scopeGuard = torch.NewDisposeScope();
        var cpu = tensor.Detach().To(Device.Cpu).Contiguous();
        var type = cpu.DType;
        var dims = cpu.Shape;
        return type switch
        {
            ScalarType.Float32 => AddRaw(hint, type, dims, MemoryMarshal.AsBytes(cpu.ToArray<float>().AsSpan())),
            ScalarType.Float64 => AddRaw(hint, type, dims, MemoryMarshal.AsBytes(cpu.ToArray<double>().AsSpan())),
            ScalarType.Int64 => AddRaw(hint, type, dims, MemoryMarshal.AsBytes(cpu.ToArray<long>().AsSpan())),
            ScalarType.Int32 => AddRaw(hint, type, dims, MemoryMarshal.AsBytes(cpu.ToArray<int>().AsSpan())),
            _ => throw Unsupported($"its {hint} tensor is {type}; the exporter writes float32, float64, int32 and int64 tensors."),
        };
    }

    /// <summary>Records the output shape of <paramref name="module"/> by running one zero sample through it in libtorch.</summary>
    private void Probe(Module module, string input, string output)
    {
        if (known.ContainsKey(output) || !known.TryGetValue(input, out var sample))
        {
            return;
        }

        using var scopeGuard = torch.NewDisposeScope();
        var device = module.Parameters().FirstOrDefault()?.Device ?? Device.Cpu;
        var probe = torch.Zeros([1, .. sample.Shape], sample.Type, device);
        var result = module.Forward(probe);
        known[output] = (result.Shape[1..], result.DType);
    }

    /// <summary>The tensor's dotted name in the module tree (<c>features.0.weight</c>) when it belongs to the layer being exported.</summary>
    private string MemberName(Tensor tensor)
    {
        if (scope.Count == 0)
        {
            return "tensor";
        }

        var (path, module) = scope.Peek();
        var member = module.NamedParameters().Concat(module.NamedBuffers()).FirstOrDefault(p => ReferenceEquals(p.Item2, tensor)).Item1 ?? "tensor";
        return path.Length == 0 ? member : $"{path}.{member}";
    }

    private string ChildPath(Module module)
    {
        if (scope.Count == 0)
        {
            return string.Empty;
        }

        var (parentPath, parent) = scope.Peek();
        var name = parent.NamedChildren().FirstOrDefault(c => ReferenceEquals(c.Module, module)).Name ?? module.GetType().Name;
        return parentPath.Length == 0 ? name : $"{parentPath}.{name}";
    }

    private string Unique(string name)
    {
        var candidate = name.Length == 0 ? "value" : name;
        for (var i = 1; !names.Add(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{i}");
        }

        return candidate;
    }
}
