namespace Crucible.Integration.Tests;

/// <summary><c>training.precision</c> through <c>crucible run</c>: bf16 autocast on the CPU, 16 refused without CUDA.</summary>
public sealed class PrecisionTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_bf16_run_trains_under_autocast_close_to_float32_and_records_its_precision()
    {
        var full = TinyExperiment.Classification(epochs: 3);
        var mixed = TinyExperiment.Classification(epochs: 3);
        mixed["training"]!["precision"] = "bf16";

        full["training"]!["precision"] = 32; // Lightning's spelling: a number for 32 and 16, a string for bf16
        var reference = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, full, "full.json"));
        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, mixed, "mixed.json"));

        reference.ExitCode.Should().Be(0, reference.ToString());
        result.ExitCode.Should().Be(0, result.ToString());
        var runs = RecordedRun.All(workspace.MlRuns);
        var bf16 = runs.Single(r => r.Params["training.precision"] == "bf16");
        var fp32 = runs.Single(r => r.Params["training.precision"] == "32");
        bf16.Status.Should().Be("FINISHED");
        var (lossBf16, lossFp32) = (bf16.History("train_loss"), fp32.History("train_loss"));
        lossBf16.Should().NotEqual(lossFp32, "the matrix products ran in bfloat16");
        for (var i = 0; i < lossFp32.Count; i++)
        {
            lossBf16[i].Should().BeApproximately(lossFp32[i], 0.05 * lossFp32[i], "bfloat16 keeps about 3 significant digits, the weights stay float32");
        }

        File.ReadAllBytes(Path.Combine(bf16.ArtifactsDirectory, "model.safetensors")).Length
            .Should().Be(File.ReadAllBytes(Path.Combine(fp32.ArtifactsDirectory, "model.safetensors")).Length, "the weights stay float32");
    }

    [Fact]
    public async Task Precision_16_without_cuda_is_refused_before_anything_is_recorded()
    {
        var experiment = TinyExperiment.Classification(epochs: 1);
        experiment["training"]!["precision"] = "16";

        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, experiment));

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.training.precision").And.Contain("needs a CUDA device").And.Contain("bf16");
        RecordedRun.All(workspace.MlRuns).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_precision_names_the_values_it_takes()
    {
        var experiment = TinyExperiment.Classification(epochs: 1);
        experiment["training"]!["precision"] = "fp8";

        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, experiment));

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("precision").And.Contain("bf16");
    }
}
