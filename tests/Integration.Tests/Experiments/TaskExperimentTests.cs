namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// The shipped <c>mnist-gan</c> and <c>mnist-autoencoder</c> experiments, shrunk by <c>--set</c> to a
/// few hundred images and small networks so the suite runs them end to end: the task's values and
/// images are recorded, and a resumed GAN run ends bit-identical to an uninterrupted one.
/// </summary>
public sealed class TaskExperimentTests : IDisposable
{
    // Small networks on the first 256 training images; the 10,000 test images still go through the test step.
    private static readonly string[] SmallGan =
    [
        "--set", "dataset.trainLimit=256", "--set", "training.batchSize=32", "--set", "training.epochs=3",
        "--set", "models.generator.hidden=[32]", "--set", "models.discriminator.hidden=[32]",
        "--set", "task.gridEveryEpochs=1", "--set", "task.generatedSamples=20", "--set", "task.gridSamples=16",
    ];

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_gan_records_both_losses_per_epoch_sample_grids_and_generated_digits()
    {
        var (result, run) = await ExperimentFiles.RunAsync(workspace, "mnist-gan", SmallGan);

        run.History("train_d_loss").Should().HaveCount(3).And.OnlyContain(v => double.IsFinite(v) && v > 0);
        run.History("train_g_loss").Should().HaveCount(3).And.OnlyContain(v => double.IsFinite(v) && v > 0);
        run.History("test_d_loss").Should().ContainSingle();
        run.History("lr").Should().Equal(0.0002, 0.0002, 0.0002);
        run.History("lr_discriminator").Should().Equal(0.0002, 0.0002, 0.0002);
        run.Metrics.Keys.Should().NotContain("train_loss", "the gan task reports its two losses, not one");
        run.Params["task.name"].Should().Be("gan");
        run.Params["models.generator.hidden"].Should().Be("[32]");
        run.Params["optimizers.discriminator.beta1"].Should().Be("0.5");
        run.Artifacts.Should().Contain(["samples/epoch-001.png", "samples/epoch-003.png", "samples/final.png", "samples/generated.idx", "model.safetensors", "model-discriminator.safetensors"]);
        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "samples", "final.png")).Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        var idx = File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "samples", "generated.idx"));
        idx.Take(4).Should().Equal(0, 0, 8, 3);
        idx.Length.Should().Be(16 + (20 * 28 * 28), "20 generated 28x28 digits of one byte per pixel");
        run.Params["task.conditional"].Should().Be("true", "the shipped GAN is class-conditional");
        var requested = File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "samples", "generated-labels.idx"));
        requested.Take(8).Should().Equal(0, 0, 8, 1, 0, 0, 0, 20);
        requested.Skip(8).Should().Equal(Enumerable.Range(0, 20).Select(i => (byte)(i / 2)), "the conditional GAN is asked for the ten classes in equal blocks");
        result.Output.Should().Contain("train_d_loss=").And.Contain("train_g_loss=");
    }

    [Fact]
    public async Task A_gan_trains_on_two_local_ranks_and_rank_0_records_it()
    {
        var result = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, "--set", "training.batchSize=16", "--set", "training.strategy=ddp", "--nproc", "2"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.Tags.Should().Contain("crucible.world_size", "2");
        run.History("epoch").Should().Equal([1, 2, 3]);
        run.Metrics["epoch"].Select(p => p.Step).Should().Equal([8L, 16L, 24L], "each rank steps 128 images in batches of 16 per epoch, both optimizers once a batch");
        run.History("train_d_loss").Should().HaveCount(3).And.OnlyContain(v => double.IsFinite(v) && v > 0);
        run.History("train_g_loss").Should().HaveCount(3).And.OnlyContain(v => double.IsFinite(v) && v > 0);
        run.Artifacts.Should().Contain(["samples/final.png", "samples/generated.idx", "model.safetensors", "model-discriminator.safetensors"]);
    }

    // A scheduler per optimizer role: the generator's halves its rate every epoch, the discriminator's decays by 0.9.
    private static readonly string[] RoleSchedulers =
    [
        "--set", """schedulers={"generator":{"name":"step","stepSize":1,"gamma":0.5},"discriminator":{"name":"exponential","gamma":0.9}}""",
    ];

    [Fact]
    public async Task Each_gan_optimizer_follows_its_own_scheduler_and_a_resumed_run_continues_both()
    {
        using var other = new Workspace();
        var (_, expected) = await ExperimentFiles.RunAsync(other, "mnist-gan", [.. SmallGan, .. RoleSchedulers]);
        var partial = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, .. RoleSchedulers, "--set", "training.epochs=1"]);
        partial.ExitCode.Should().Be(0, partial.ToString());

        var resumed = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, .. RoleSchedulers, "--resume", RecordedRun.Single(workspace.MlRuns).RunId]);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        expected.History("lr").Should().Equal([0.0002, 0.0001, 0.00005], "lr is the generator's (the first role), stepped by 'step'");
        expected.History("lr_discriminator").Should().HaveCount(3);
        expected.History("lr_discriminator").Zip(new[] { 0.0002, 0.00018, 0.000162 }, (a, b) => Math.Abs(a - b)).Should().OnlyContain(d => d < 1e-12);
        expected.Params["schedulers.generator.name"].Should().Be("step");
        expected.Params["schedulers.discriminator.gamma"].Should().Be("0.9");
        var run = RecordedRun.Single(workspace.MlRuns);
        foreach (var key in new[] { "lr", "lr_discriminator", "train_d_loss", "train_g_loss" })
        {
            run.History(key).Should().Equal(expected.History(key), $"{key}: both schedulers are restored from their state dicts");
        }
    }

    [Fact]
    public async Task A_scheduler_for_a_role_without_an_optimizer_or_both_spellings_are_bad_input()
    {
        var unknown = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, "--set", """schedulers.critic={"name":"step"}"""]);
        var both = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, .. RoleSchedulers, "--set", """scheduler={"name":"step"}"""]);

        unknown.ExitCode.Should().Be(2, unknown.ToString());
        unknown.StandardError.Should().Contain("$.schedulers.critic").And.Contain("no optimizer role 'critic'").And.Contain("'generator', 'discriminator'");
        both.ExitCode.Should().Be(2, both.ToString());
        both.StandardError.Should().Contain("$.schedulers").And.Contain("both \"scheduler\" and \"schedulers\"");
        Directory.Exists(workspace.MlRuns).Should().BeFalse("nothing is recorded for bad input");
    }

    [Fact]
    public async Task A_resumed_gan_run_ends_bit_identical_to_an_uninterrupted_one()
    {
        using var other = new Workspace();
        var (_, expected) = await ExperimentFiles.RunAsync(other, "mnist-gan", SmallGan);
        var partial = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, "--set", "training.epochs=1"]);
        partial.ExitCode.Should().Be(0, partial.ToString());

        var resumed = await workspace.RunAsync(["run", ExperimentFiles.PathOf("mnist-gan"), .. SmallGan, "--resume", RecordedRun.Single(workspace.MlRuns).RunId]);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        foreach (var key in new[] { "train_d_loss", "train_g_loss", "lr", "lr_discriminator" })
        {
            run.History(key).Should().Equal(expected.History(key), $"{key} must continue exactly where the uninterrupted run went");
        }

        // The shortened run was tested too; the resumed run's test comes last.
        run.History("test_d_loss")[^1].Should().Be(expected.History("test_d_loss")[^1]);
        run.History("test_g_loss")[^1].Should().Be(expected.History("test_g_loss")[^1]);

        foreach (var file in new[] { "model.safetensors", "model-discriminator.safetensors", "samples/generated.idx" })
        {
            File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, file)).Should().Equal(File.ReadAllBytes(Path.Combine(expected.ArtifactsDirectory, file)), file);
        }
    }

    [Fact]
    public async Task An_autoencoder_learns_to_reconstruct_and_records_reconstruction_grids()
    {
        var (_, run) = await ExperimentFiles.RunAsync(
            workspace,
            "mnist-autoencoder",
            "--set", "dataset.trainLimit=1024", "--set", "training.batchSize=32", "--set", "training.epochs=3", "--set", "model.hidden=[64,16,64]");

        var losses = run.History("train_loss");
        losses.Should().HaveCount(3);
        losses[^1].Should().BeLessThan(losses[0], "reconstruction improves with training");
        run.History("val_loss").Should().HaveCount(3);
        run.History("test_loss").Should().ContainSingle().Which.Should().BeLessThan(0.4, "binary cross-entropy per pixel of a trained autoencoder, well below the 0.69 of an untrained one's 0.5 everywhere");
        run.Params["task.name"].Should().Be("autoencoder");
        run.Artifacts.Should().Contain(["reconstructions/epoch-001.png", "reconstructions/epoch-003.png", "model.safetensors"]);
    }
}
