using System.CommandLine;
using Crucible.Host.Plugins;

namespace Crucible.Host.Cli;

/// <summary><c>crucible plugins</c>: every plugin with its kind, assembly, version and options; <c>crucible plugins install PATH</c>.</summary>
internal static class PluginsCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("plugins", "List the discovered plugins: kind, name, assembly, version and options (type, default, description).");
        command.SetAction(parse =>
        {
            using var session = options.Session(parse);
            var ok = session.CheckPlugins(warnAboutSkipped: false);
            var catalog = session.Catalog;
            var output = session.Output;
            output.WriteLine("Plugin folders:");
            foreach (var folder in catalog.Folders)
            {
                output.WriteLine($"  {folder.Path} ({folder.Origin}{(Directory.Exists(folder.Path) ? string.Empty : ", absent")})");
            }

            foreach (var group in catalog.Plugins.GroupBy(p => p.Kind))
            {
                output.WriteLine();
                output.WriteLine($"{PluginKinds.PluralName(group.Key)}:");
                foreach (var plugin in group)
                {
                    Write(output, plugin);
                }
            }

            if (catalog.Plugins.Count == 0)
            {
                output.WriteLine();
                output.WriteLine("No plugins found.");
            }

            if (catalog.Problems.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Skipped:");
                foreach (var problem in catalog.Problems)
                {
                    output.WriteLine($"  {problem}");
                }
            }

            return ok ? ExitCodes.Success : ExitCodes.BadInput;
        });
        command.Subcommands.Add(CreateInstall(options));
        return command;
    }

    /// <summary><c>crucible plugins install PATH</c>: into the user's plugin folder, checked by loading it first.</summary>
    private static Command CreateInstall(CliOptions options)
    {
        var path = new Argument<string>("PATH")
        {
            Description = "The plugin's build output folder (bin/Release/net10.0), its DLL, or its .nupkg.",
        };
        var install = new Command("install", $"Install a plugin into your plugin folder ({PluginInstaller.UserFolder()}), which every crucible command searches.")
        {
            path,
        };
        install.SetAction(parse =>
        {
            var output = options.Output;
            var error = options.Error;
            try
            {
                var result = PluginInstaller.Install(parse.GetValue(path)!, PluginInstaller.UserFolder());
                output.WriteLine($"{(result.Replaced ? "Replaced" : "Installed")} {result.Name} {result.Version} in {result.Folder}: {string.Join(", ", result.Plugins)}.");
                return ExitCodes.Success;
            }
            catch (PluginInstallException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return install;
    }

    private static void Write(TextWriter output, PluginDescriptor plugin)
    {
        output.WriteLine($"  {plugin.Name}  [{plugin.KindName}]  {plugin.Assembly.Name} {plugin.Assembly.Version}  {plugin.Assembly.Path}");
        if (plugin.Description is not null)
        {
            output.WriteLine($"      {plugin.Description}");
        }

        var optionInfos = OptionsDescriber.Describe(plugin.OptionsType, plugin.Assembly.Documentation);
        if (optionInfos.Count == 0)
        {
            output.WriteLine("      (no options)");
            return;
        }

        var nameWidth = optionInfos.Max(o => o.Name.Length);
        var typeWidth = optionInfos.Max(o => o.TypeDescription.Length);
        foreach (var option in optionInfos)
        {
            var line = $"      {option.Name.PadRight(nameWidth)}  {option.TypeDescription.PadRight(typeWidth)}  = {option.DefaultJson}";
            output.WriteLine(option.Description is null ? line : $"{line}  {option.Description}");
        }
    }
}
