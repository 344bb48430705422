using Crucible.Onnx.Proto;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Google.Protobuf;

namespace Crucible.Onnx;

/// <summary>
/// Writes a module tree as an ONNX model (IR 8, opset 17) in its evaluation form, from the modules
/// themselves rather than by tracing: every built-in layer of <c>Crucible.Torch.Nn</c> has its ONNX
/// form, a module of your own implements <see cref="IOnnxExportable"/>. Parameters and buffers
/// become initializers; the batch dimension is dynamic. A layer with no ONNX form throws
/// <see cref="OnnxExportException"/> naming it.
/// <code>
/// byte[] onnx = OnnxExporter.Export(model, new OnnxExportOptions { InputShape = [1, 28, 28] });
/// File.WriteAllBytes("model.onnx", onnx);
/// </code>
/// </summary>
public static class OnnxExporter
{
    /// <summary>The IR version written (ONNX 1.10+; ONNX Runtime 1.10+ reads it).</summary>
    public const int IrVersion = 8;

    /// <summary>
    /// Exports <paramref name="module"/> (in evaluation mode; its training flag is restored
    /// afterwards) with one input of <paramref name="options"/>' shape and one output, and returns the
    /// serialized <c>ModelProto</c>.
    /// </summary>
    /// <exception cref="OnnxExportException">A layer has no ONNX form; the message names it.</exception>
    public static byte[] Export(Module module, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.InputShape);
        var wasTraining = module.Training;
        module.Eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.NoGrad();
            var graph = new OnnxGraph(options.GraphName);
            graph.Declare(options.InputName, options.InputShape, options.InputType);
            var output = graph.Apply(module, options.InputName);
            var outputShape = graph.ShapeOf(output) ?? throw new OnnxExportException("The model's output shape could not be determined.");
            var outputType = graph.TypeOf(output) ?? ScalarType.Float32;

            // The graph's output gets its given name whatever node made it (or the input itself, for an identity model).
            graph.Proto.Node.Add(new NodeProto { OpType = "Identity", Name = "output/Identity", Input = { output }, Output = { options.OutputName } });
            graph.Proto.Input.Add(ValueInfo(options.InputName, options.InputType, options.InputShape));
            graph.Proto.Output.Add(ValueInfo(options.OutputName, outputType, outputShape));

            var model = new ModelProto
            {
                IrVersion = IrVersion,
                ProducerName = "crucible",
                ProducerVersion = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(OnnxExporter).Assembly)?.InformationalVersion ?? "0",
                DocString = options.Description ?? string.Empty,
                Graph = graph.Proto,
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxGraph.Opset });
            foreach (var (key, value) in options.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            }

            return model.ToByteArray();
        }
        finally
        {
            module.Train(wasTraining);
        }
    }

    private static ValueInfoProto ValueInfo(string name, ScalarType type, IReadOnlyList<long> sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (var d in sampleShape)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)OnnxGraph.ElementType(type), Shape = shape } },
        };
    }
}
