using Crucible.Torch;
using Crucible.Torch.Nn;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = Crucible.Torch.Tensor;

namespace Crucible.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime and compares it with the module's libtorch forward pass.</summary>
internal static class OnnxRun
{
    /// <summary>The outputs of <paramref name="onnx"/> for <paramref name="input"/> (float32 or int64), as float32, with their shape.</summary>
    public static (float[] Values, long[] Shape) Run(byte[] onnx, Tensor input)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(onnx, options);
        var name = session.InputMetadata.Keys.Single();
        var shape = input.Shape.Select(d => (int)d).ToArray();
        NamedOnnxValue value = input.DType switch
        {
            ScalarType.Int64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(input.Cpu().ToArray<long>(), shape)),
            ScalarType.Float64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(input.Cpu().ToArray<double>(), shape)),
            _ => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(input.Cpu().To(ScalarType.Float32).ToArray<float>(), shape)),
        };
        using var results = session.Run([value]);
        var output = results.Single();
        return output.Value switch
        {
            DenseTensor<float> f => (f.ToArray(), f.Dimensions.ToArray().Select(d => (long)d).ToArray()),
            DenseTensor<double> d => (d.ToArray().Select(v => (float)v).ToArray(), d.Dimensions.ToArray().Select(x => (long)x).ToArray()),
            _ => throw new InvalidOperationException($"Unexpected output {output.Value.GetType().Name}."),
        };
    }

    /// <summary>The largest |ONNX Runtime − libtorch| over <paramref name="input"/>, after checking the shapes agree.</summary>
    public static double MaxDifference(Module module, IReadOnlyList<long> sampleShape, Tensor input)
    {
        var onnx = OnnxExporter.Export(module, new OnnxExportOptions { InputShape = sampleShape, InputType = input.DType });
        float[] expected;
        long[] expectedShape;
        using (torch.NoGrad())
        {
            module.Eval();
            using var y = module.Forward(input);
            expectedShape = y.Shape;
            expected = y.Cpu().To(ScalarType.Float32).ToArray<float>();
        }

        var (actual, shape) = Run(onnx, input);
        shape.Should().Equal(expectedShape);
        return expected.Zip(actual, (a, b) => (double)Math.Abs(a - b)).DefaultIfEmpty(0).Max();
    }
}
