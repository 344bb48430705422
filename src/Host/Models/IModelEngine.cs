namespace Crucible.Host.Models;

/// <summary>What runs a loaded model's network: libtorch on the trained module, or ONNX Runtime on its onnx flavor.</summary>
internal interface IModelEngine : IDisposable
{
    /// <summary><c>libtorch</c> or <c>onnx</c>.</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="count"/> scaled samples laid out one after another; returns the outputs the same way.</summary>
    float[] Forward(float[] scaled, int count);
}
