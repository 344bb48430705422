using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Crucible.Host.Models;

/// <summary>The model's <c>onnx</c> flavor (model.onnx) run by ONNX Runtime on the CPU.</summary>
internal sealed class OnnxEngine : IModelEngine
{
    private readonly InferenceSession session;
    private readonly IReadOnlyList<long> featureShape;
    private readonly bool tokens;
    private readonly string inputName;

    public OnnxEngine(string path, IReadOnlyList<long> featureShape, bool tokens, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        session = new InferenceSession(path, options);
        this.featureShape = featureShape;
        this.tokens = tokens;
        inputName = session.InputMetadata.Keys.First();
    }

    public string Name => "onnx";

    public float[] Forward(float[] scaled, int count)
    {
        int[] dims = [count, .. featureShape.Select(d => (int)d)];
        var input = tokens
            ? NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<long>(scaled.Select(v => (long)v).ToArray(), dims))
            : NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(scaled, dims));
        using var results = session.Run([input]);
        return results[0].AsEnumerable<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
