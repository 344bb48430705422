namespace Crucible.Tracking.Tests;

public class TrackingUriResolverTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void Command_line_beats_experiment_file_beats_environment_beats_default()
    {
        var env = Env(("MLFLOW_TRACKING_URI", "http://env:5000"));
        TrackingUriResolver.Resolve("http://cli:5000/", "http://file:5000", env, "/w").Should().Be("http://cli:5000");
        TrackingUriResolver.Resolve(null, "http://file:5000", env, "/w").Should().Be("http://file:5000");
        TrackingUriResolver.Resolve(" ", null, env, "/w").Should().Be("http://env:5000");
        TrackingUriResolver.Resolve(null, null, Env(), "/w").Should().Be("file:///w/mlruns");
    }

    [Fact]
    public void Local_paths_become_absolute_file_uris()
    {
        TrackingUriResolver.Resolve("runs/here", null, Env(), "/w").Should().Be("file:///w/runs/here");
        TrackingUriResolver.Resolve("file:relative", null, Env(), "/w").Should().Be("file:///w/relative");
        TrackingUriResolver.Resolve("file:///abs/store", null, Env(), "/w").Should().Be("file:///abs/store");
        TrackingUriResolver.LocalPath("file:///abs/my%20store").Should().Be("/abs/my store");
    }

    [Fact]
    public void Unsupported_schemes_are_rejected_with_a_clear_message()
    {
        var act = () => TrackingUriResolver.Resolve("sqlite:///mlflow.db", null, Env(), "/w");
        act.Should().Throw<TrackingException>().WithMessage("*sqlite:///mlflow.db*http://*");
    }

    [Fact]
    public void Experiment_name_follows_the_same_order()
    {
        var env = Env(("MLFLOW_EXPERIMENT_NAME", "from-env"));
        TrackingUriResolver.ResolveExperimentName("cli", "file", env).Should().Be("cli");
        TrackingUriResolver.ResolveExperimentName(null, "file", env).Should().Be("file");
        TrackingUriResolver.ResolveExperimentName(null, null, env).Should().Be("from-env");
        TrackingUriResolver.ResolveExperimentName(null, null, Env()).Should().Be("Default");
    }
}
