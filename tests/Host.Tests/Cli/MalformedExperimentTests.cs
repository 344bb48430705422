using Crucible.Host.Tests.Support;

namespace Crucible.Host.Tests.Cli;

/// <summary>
/// Malformed experiment files and command lines: each must give its own clear message naming the
/// file and JSON path, exit with code 2, and record nothing.
/// </summary>
public sealed class MalformedExperimentTests
{
    private const string Good = ExperimentWorkspace.GoodExperiment;

    /// <summary>A case: the files to write (exp.json is run), extra arguments, and the one problem expected.</summary>
    private sealed record Case(Dictionary<string, string> Files, string[] Args, string Source, string JsonPath, string Fragment);

    private static Case Exp(string json, string path, string fragment, params string[] args) =>
        new(new() { ["exp.json"] = json }, args, "exp.json", path, fragment);

    private static string Replace(string from, string to)
    {
        Good.Should().Contain(from, "the case must change the good experiment");
        return Good.Replace(from, to, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["bad JSON"] = Exp(Replace("\"loss\": \"fixture-mse\",", "\"loss\": \"fixture-mse\""), "$", "invalid JSON at line 7"),
        ["not an object"] = Exp("[1, 2, 3]", "$", "must be a JSON object, not a list"),
        ["duplicate key"] = Exp(Replace("\"lr\": 0.05", "\"lr\": 0.05, \"lr\": 0.1"), "$", "invalid JSON"),
        ["unknown plugin"] = Exp(Replace("\"fixture-linear\"", "\"fixture-linaer\""), "$.model.name",
            "unknown model 'fixture-linaer'. Did you mean 'fixture-linear'? Available models: fixture-linear."),
        ["plugin name not a string"] = Exp(Replace("\"name\": \"fixture-linear\"", "\"name\": 7"), "$.model.name",
            "expected the model plugin's name (a string), got the number 7"),
        ["unknown option"] = Exp(Replace("\"lr\": 0.05", "\"lrr\": 0.05"), "$.optimizer.lrr",
            "unknown option 'lrr'. Did you mean 'lr'? optimizer 'fixture-sgd' takes: lr."),
        ["wrong type"] = Exp(Replace("\"lr\": 0.05", "\"lr\": \"fast\""), "$.optimizer.lr", "expected a number, got the string \"fast\""),
        ["fraction for integer"] = Exp(Replace("\"batchSize\": 2", "\"batchSize\": 2.5"), "$.training.batchSize", "expected an integer, got 2.5"),
        ["negative epochs"] = Exp(Replace("\"epochs\": 3", "\"epochs\": -3"), "$.training.epochs", "must be between 1 and 1000000, got -3"),
        ["null for a number"] = Exp(Replace("\"epochs\": 3", "\"epochs\": null"), "$.training.epochs", "must not be null; expected an integer"),
        ["out of range in plugin"] = Exp(Replace("\"lr\": 0.05", "\"lr\": 0"), "$.optimizer.lr", "must be greater than 0 and at most 10, got 0"),
        ["nested out of range"] = Exp(Replace("\"initScale\": 0.2,", "\"initScale\": 0.2, \"block\": { \"depth\": 9 },"), "$.model.block.depth",
            "must be between 1 and 8, got 9"),
        ["list item of wrong type"] = Exp(Replace("\"initScale\": 0.2,", "\"widths\": [8, \"x\"],"), "$.model.widths[1]", "expected an integer, got the string \"x\""),
        ["bad enum value"] = Exp(Replace("\"device\": \"cpu\"", "\"device\": \"cpu\", \"earlyStopping\": { \"mode\": \"mins\" }"),
            "$.training.earlyStopping.mode", "'mins' is not one of: auto, min, max. Did you mean 'min'?"),
        ["bad device"] = Exp(Replace("\"device\": \"cpu\"", "\"device\": \"gpu\""), "$.training.device", "must be cpu, cuda, cuda:N or auto, got \"gpu\""),
        ["cross-option rule"] = Exp(Replace("\"device\": \"cpu\"", "\"device\": \"cpu\", \"gradientClipping\": {}"), "$.training.gradientClipping.maxNorm",
            "Set maxNorm, value or both"),
        ["missing data file"] = Exp(Replace("\"data.csv\"", "\"missing.csv\""), "$.dataset.path", "data file 'missing.csv' not found"),
        ["unset variable in data path"] = Exp(Replace("\"data.csv\"", "\"${CRUCIBLE_TEST_UNSET_VARIABLE}/data.csv\""), "$.dataset.path",
            "(${CRUCIBLE_TEST_UNSET_VARIABLE}) is not set"),
        ["missing section"] = Exp(Replace("\"loss\": \"fixture-mse\",", string.Empty), "$.loss",
            "the loss section is missing: add { \"name\": \"...\" } naming the loss plugin. Available losses: fixture-mse."),
        ["unknown section"] = Exp(Replace("\"training\":", "\"trainig\":"), "$.trainig", "unknown section 'trainig'. Did you mean 'training'?"),
        ["metrics not a list"] = Exp(Replace("[\"fixture-mae\"]", "\"fixture-mae\""), "$.metrics", "expected a list of metrics"),
        ["cyclic extends"] = new(
            new() { ["exp.json"] = "{ \"extends\": \"a.json\" }", ["a.json"] = "{ \"extends\": \"b.json\" }", ["b.json"] = "{ \"extends\": \"a.json\" }" },
            [], "b.json", "$.extends", "extends forms a cycle: exp.json -> a.json -> b.json -> a.json"),
        ["missing base file"] = Exp("{ \"extends\": \"base.json\" }", "$.extends", "the base file 'base.json' does not exist"),
        ["problem in a base file"] = new(
            new() { ["exp.json"] = "{ \"extends\": \"base.json\", \"training\": { \"epochs\": 2 } }", ["base.json"] = Replace("\"lr\": 0.05", "\"lr\": -0.05") },
            [], "base.json", "$.optimizer.lr", "must be greater than 0"),
        ["override without ="] = new(new() { ["exp.json"] = Good }, ["--set", "optimizer.lr"], "--set optimizer.lr", "$", "must look like key.path=value"),
        ["override of wrong type"] = new(new() { ["exp.json"] = Good }, ["--set", "training.batchSize=big"], "--set training.batchSize=big",
            "$.training.batchSize", "expected an integer, got the string \"big\""),
        ["override of unknown option"] = new(new() { ["exp.json"] = Good }, ["--set", "optimizer.momentum=0.9"], "--set optimizer.momentum=0.9",
            "$.optimizer.momentum", "unknown option 'momentum'"),
        ["override inside a number"] = new(new() { ["exp.json"] = Good }, ["--set", "optimizer.lr.x=1"], "--set optimizer.lr.x=1",
            "$.optimizer.lr", "cannot set 'x' inside a the number 0.05 value"),
        ["--device override"] = new(new() { ["exp.json"] = Good }, ["--device", "tpu"], "--set training.device=tpu",
            "$.training.device", "must be cpu, cuda, cuda:N or auto, got \"tpu\""),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void Table_has_at_least_fifteen_cases_each_with_its_own_message()
    {
        Cases.Should().HaveCountGreaterThanOrEqualTo(15);
        Cases.Values.Select(c => c.Fragment).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Malformed_input_is_one_clear_problem_exit_code_2_and_nothing_recorded(string name)
    {
        var @case = Cases[name];
        using var workspace = new ExperimentWorkspace();
        foreach (var (file, content) in @case.Files)
        {
            workspace.Write(file, content);
        }

        var (code, output, error) = await workspace.RunInProcessAsync(
            ["run", Path.Combine(workspace.Path, "exp.json"), "--tracking-uri", workspace.MlrunsPath, .. @case.Args]);

        code.Should().Be(2, error);
        var problems = error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        problems.Should().ContainSingle(error);
        var source = @case.Source.EndsWith(".json", StringComparison.Ordinal) ? Path.Combine(workspace.Path, @case.Source) : @case.Source;
        problems[0].Should().StartWith($"error: {SourceAsShown(source, workspace)}: {@case.JsonPath}: ").And.Contain(@case.Fragment);
        error.Should().Contain("1 problem; nothing was run or recorded.");
        output.Should().BeEmpty();
        Directory.Exists(workspace.MlrunsPath).Should().BeFalse("bad input must not create a run");
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        using var workspace = new ExperimentWorkspace();
        var file = workspace.Write("exp.json", Good
            .Replace("\"lr\": 0.05", "\"lr\": -1, \"beta\": 2", StringComparison.Ordinal)
            .Replace("\"epochs\": 3", "\"epochs\": 0", StringComparison.Ordinal)
            .Replace("\"fixture-linear\"", "\"nope\"", StringComparison.Ordinal)
            .Replace("\"data.csv\"", "\"gone.csv\"", StringComparison.Ordinal));

        var (code, _, error) = await workspace.RunInProcessAsync("validate", file, "--set", "training.batchSize=0");

        code.Should().Be(2);
        error.Should().Contain("$.optimizer.lr: must be greater than 0")
            .And.Contain("$.optimizer.beta: unknown option 'beta'")
            .And.Contain("$.training.epochs: must be between 1")
            .And.Contain("$.model.name: unknown model 'nope'")
            .And.Contain("$.dataset.path: data file 'gone.csv' not found")
            .And.Contain("--set training.batchSize=0: $.training.batchSize: must be at least 1")
            .And.Contain("6 problems; nothing was run or recorded.");
    }

    /// <summary>The root file is shown as the user named it (here an absolute path); bases relative to the working directory.</summary>
    private static string SourceAsShown(string source, ExperimentWorkspace workspace)
    {
        if (!Path.IsPathRooted(source) || source == Path.Combine(workspace.Path, "exp.json"))
        {
            return source;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, source);
        return relative.StartsWith("..", StringComparison.Ordinal) ? source : relative;
    }
}
