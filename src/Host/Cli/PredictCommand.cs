using System.CommandLine;
using System.Text;
using Crucible.Host.Models;
using Crucible.Host.Training;
using Crucible.Tracking;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible predict MODEL INPUT...</c>: runs a logged model on raw inputs (a CSV or JSON file in
/// the data's units, or image files) and writes predictions in the data's units (class names for a
/// classifier) as CSV or JSON, to stdout or <c>-o FILE</c>.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliOptions options)
    {
        var model = new Argument<string>("MODEL") { Description = "runs:/RUN_ID/model, models:/NAME/VERSION, or a model folder." };
        var inputs = new Argument<string[]>("INPUT") { Description = "A CSV or JSON file of samples in the data's units, image files for an image model (PNG or JPEG as its image folder, or PNG and PGM), or a .txt file of raw sentences (one a line) for a text model.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Write predictions to this file instead of stdout.", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "csv, json, or png (a model whose outputs are images: one PNG file per sample into the -o folder). Defaults to the output file's extension, else csv." };
        format.AcceptOnlyFromAmong("csv", "json", "png");
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where runs:/ and models:/ are looked up; defaults to MLFLOW_TRACKING_URI, else ./mlruns." };
        var command = new Command("predict", "Predict with a logged model on raw inputs.") { model, inputs, output, format, trackingUri };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            var files = parse.GetRequiredValue(inputs);
            var outputFile = parse.GetValue(output);
            var chosen = parse.GetValue(format) ?? (outputFile is not null && outputFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv");
            var asJson = chosen == "json";
            if (chosen == "png" && outputFile is null)
            {
                await options.Error.WriteLineAsync("error: --format png writes one PNG file per sample: name their folder with -o FOLDER.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var missing = files.Where(f => !File.Exists(f)).ToList();
            if (missing.Count > 0)
            {
                await options.Error.WriteLineAsync($"error: no such input file: {string.Join(", ", missing)}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var download = Directory.CreateTempSubdirectory("crucible-model-").FullName;
            try
            {
                var uri = TrackingUriResolver.Resolve(parse.GetValue(trackingUri), null);
                var folder = await ModelSource.ResolveAsync(parse.GetRequiredValue(model), uri, download, cancellationToken).ConfigureAwait(false);
                using var loaded = TrainedModel.Load(folder, session.Catalog);
                var (values, count, sources) = ReadInputs(files, loaded.Preprocessing);
                if (chosen == "png" && !PredictionImages.CanWrite(loaded.Preprocessing))
                {
                    throw new ModelInputException(ModelInput.BadRequest, "--format png needs a model whose outputs are images (a generator's or an autoencoder's of 1 or 3 channels); this model answers " + (loaded.Preprocessing.IsClassifier ? "class names" : "target values") + ": use csv or json.");
                }

                var predictions = loaded.Predict(values, count);
                if (chosen == "png")
                {
                    var written = PredictionImages.Write(predictions, loaded.Preprocessing, Path.GetFullPath(outputFile!));
                    await options.Output.WriteLineAsync($"Wrote {written.Count} images to {Path.GetFullPath(outputFile!)}").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var text = asJson
                    ? Encoding.UTF8.GetString(PredictionOutput.Json(predictions, loaded.Preprocessing)) + Environment.NewLine
                    : PredictionOutput.Csv(predictions, loaded.Preprocessing, sources);
                if (outputFile is null)
                {
                    await options.Output.WriteAsync(text).ConfigureAwait(false);
                }
                else
                {
                    await File.WriteAllTextAsync(outputFile, text, cancellationToken).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ModelLoadException or ModelInputException or TrackingException or MlflowApiException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            finally
            {
                ScratchFolder.TryDelete(download);
            }
        });
        return command;
    }

    /// <summary>Images (one sample each, named in the output), else the samples of each CSV or JSON file.</summary>
    private static (double[] Values, int Count, IReadOnlyList<string>? Sources) ReadInputs(string[] files, ModelPreprocessing model)
    {
        if (files.All(ImageFile.IsImage))
        {
            var values = files.SelectMany(f => ImageFile.Read(f, model)).ToArray();
            return (values, files.Length, files.Select(Path.GetFileName).ToArray()!);
        }

        var all = new List<double>();
        var count = 0;
        foreach (var file in files)
        {
            var extension = Path.GetExtension(file);
            var (values, n) = extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? FromJsonFile(file, model)
                : extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)
                    ? FromTextFile(file, model)
                    : ModelInput.FromCsv(File.ReadAllText(file), model);
            all.AddRange(values);
            count += n;
        }

        return (all.ToArray(), count, null);
    }

    /// <summary>A text file for a text model: one raw sentence a line (blank lines skipped).</summary>
    private static (double[] Values, int Count) FromTextFile(string file, ModelPreprocessing model)
    {
        if (model.Text is not { } text)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{file}: a .txt file holds raw sentences, but the model does not take text; give a CSV or JSON file of samples.");
        }

        return ModelInput.FromSentences(File.ReadAllLines(file).Where(l => l.Trim().Length > 0).ToList(), text);
    }

    /// <summary>
    /// A JSON file: a scoring request body, a bare list of samples (rows or records), or a DataFrame in
    /// pandas' split orientation (<c>{"columns", "data"}</c>, how MLflow writes a model's input example).
    /// </summary>
    private static (double[] Values, int Count) FromJsonFile(string file, ModelPreprocessing model)
    {
        var bytes = File.ReadAllBytes(file);
        var trimmed = Encoding.UTF8.GetString(bytes).TrimStart();
        if (trimmed.StartsWith('['))
        {
            bytes = Encoding.UTF8.GetBytes("{\"inputs\": " + trimmed + "}");
        }
        else if (IsSplitFrame(bytes))
        {
            bytes = Encoding.UTF8.GetBytes("{\"dataframe_split\": " + trimmed + "}");
        }

        try
        {
            return ModelInput.FromJson(bytes, model);
        }
        catch (ModelInputException e)
        {
            throw new ModelInputException(e.ErrorCode, $"{file}: {e.Message}");
        }
    }

    /// <summary>Whether a JSON object has exactly the keys of a split-oriented DataFrame: <c>data</c>, and <c>columns</c> or <c>index</c>.</summary>
    private static bool IsSplitFrame(byte[] json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("data", out _)
                && root.EnumerateObject().All(p => p.Name is "columns" or "data" or "index");
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
