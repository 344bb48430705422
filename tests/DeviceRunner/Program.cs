using System.Diagnostics;
using System.Reflection;
using Crucible.Torch;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crucible.DeviceRunner;

/// <summary>
/// A minimal xunit runner for machines without the .NET SDK: runs every [Fact] and [Theory] of the
/// given test assembly in-process, with torch's default device set, and prints one line per failure
/// and a summary. Exit code 0 when nothing failed.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var device = args.Length > 0 ? Device.Parse(args[0]) : Device.Cpu;
        var filter = args.Length > 1 ? args[1] : null;
        var assembly = Assembly.Load("Crucible.Torch.Tests");
        torch.DefaultDevice = device;
        Console.WriteLine($"libtorch {torch.Version}, default device {device}, CUDA devices: {torch.Cuda.DeviceCount}");

        int passed = 0, failed = 0, skipped = 0;
        var clock = Stopwatch.StartNew();
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsPublic).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                var fact = method.GetCustomAttribute<FactAttribute>();
                var name = $"{type.FullName}.{method.Name}";
                if (fact is null || (filter is not null && !name.Contains(filter, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (fact.Skip is not null)
                {
                    skipped++;
                    Console.WriteLine($"SKIP {name}: {fact.Skip}");
                    continue;
                }

                foreach (var arguments in CasesOf(method))
                {
                    var label = arguments.Length == 0 ? name : $"{name}({string.Join(", ", arguments)})";
                    var error = await RunAsync(type, method, arguments);
                    if (error is null)
                    {
                        passed++;
                    }
                    else
                    {
                        failed++;
                        Console.WriteLine($"FAIL {label}: {error.GetType().Name}: {FirstLine(error.Message)}");
                    }
                }
            }
        }

        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped on {device} in {clock.Elapsed.TotalSeconds:F1} s");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<object?[]> CasesOf(MethodInfo method)
    {
        var data = method.GetCustomAttributes<DataAttribute>().ToList();
        if (data.Count == 0)
        {
            return [[]];
        }

        return data.SelectMany(d => d.GetData(method));
    }

    private static async Task<Exception?> RunAsync(Type type, MethodInfo method, object?[] arguments)
    {
        object? instance = null;
        try
        {
            instance = Create(type);
            var result = method.Invoke(instance, arguments);
            if (result is Task task)
            {
                await task;
            }

            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static object Create(Type type)
    {
        var ctor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = ctor.GetParameters()
            .Select(p => p.ParameterType == typeof(ITestOutputHelper) ? new ConsoleOutput() : Activator.CreateInstance(p.ParameterType))
            .ToArray();
        return ctor.Invoke(arguments);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    private sealed class ConsoleOutput : ITestOutputHelper
    {
        public void WriteLine(string message) => Console.WriteLine(message);

        public void WriteLine(string format, params object[] args) => Console.WriteLine(format, args);
    }
}
