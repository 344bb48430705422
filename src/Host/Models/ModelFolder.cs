namespace Crucible.Host.Models;

/// <summary>The files of a logged model folder (MLflow's Model format with the <c>crucible</c> flavor).</summary>
internal static class ModelFolder
{
    /// <summary>The run artifact folder every run logs its model under.</summary>
    public const string ArtifactPath = "model";

    public const string MlModelFile = "MLmodel";

    public const string FlavorName = "crucible";

    /// <summary>MLflow's ONNX flavor: the same network as an ONNX graph, when every layer exports.</summary>
    public const string OnnxFlavorName = "onnx";

    public const string OnnxFile = "model.onnx";

    /// <summary>The crucible flavor's key that says why a model has no onnx flavor (the layer that does not export).</summary>
    public const string OnnxErrorKey = "onnx_export_error";

    public const string WeightsFile = "data/model.safetensors";

    public const string ExperimentFile = "experiment.json";

    public const string PreprocessingFile = "preprocessing.json";

    public const string InputExampleFile = "input_example.json";

    /// <summary>The run tag MLflow 2.x's UI reads the Models column from (and 3.x's for runs that have it).</summary>
    public const string HistoryTag = "mlflow.log-model.history";
}
