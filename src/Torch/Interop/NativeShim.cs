using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Crucible.Torch.Interop;

/// <summary>
/// Finds the C++ shim (<c>libcrucible_torch.so</c>). A source build has it next to this assembly
/// (src/Torch builds it with CMake). Anywhere else (the <c>crucible</c> .NET tool, a plugin's tests
/// against the Crucible.Torch package) the shim is built on first use from the sources this assembly
/// carries as resources, against the libtorch <see cref="LibTorchInstall.Find"/> picks, into a per-user
/// cache (<c>native/</c> in <see cref="CrucibleCache"/>) keyed by the libtorch and
/// the sources, so each libtorch gets its own build and later runs load it at once.
/// </summary>
internal static class NativeShim
{
    public const string FileName = "libcrucible_torch.so";

    private const string ResourcePrefix = "crucible_torch_native/";

    private static readonly string[] Compilers = ["c++", "g++", "clang++"];
    private static readonly Lock Gate = new();
    private static nint loaded;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The resolver must be in place before any P/Invoke of this assembly, whoever calls it first.")]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeShim).Assembly, Resolve);

    /// <summary>The folder of the per-user shim cache: <c>native/</c> in <see cref="CrucibleCache"/>.</summary>
    public static string CacheRoot(Func<string, string?> environment) => Path.Combine(CrucibleCache.Root(environment), "native");

    /// <summary>
    /// The cache folder for one libtorch and one set of sources: <c>&lt;version&gt;-&lt;hash&gt;</c>, the hash
    /// over libtorch's folder and every source file, so a changed shim or another libtorch builds anew.
    /// </summary>
    public static string CacheFolder(string cacheRoot, LibTorchInstall libtorch, IReadOnlyDictionary<string, byte[]> sources)
    {
        ArgumentNullException.ThrowIfNull(libtorch);
        ArgumentNullException.ThrowIfNull(sources);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(libtorch.CMakeDir + "\n" + libtorch.Version + "\n"));
        foreach (var (name, content) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(content);
        }

        var key = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return Path.Combine(cacheRoot, $"{libtorch.Version}-{key}");
    }

    /// <summary>The shim's sources carried in this assembly, by path relative to the CMake project.</summary>
    public static IReadOnlyDictionary<string, byte[]> Sources()
    {
        var assembly = typeof(NativeShim).Assembly;
        var sources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            sources[name[ResourcePrefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }

        return sources;
    }

    /// <summary>
    /// What is missing to build the shim (cmake, a C++ compiler), with how to get it, or null.
    /// <paramref name="path"/> is the PATH to search; <paramref name="cxx"/> the CXX variable.
    /// </summary>
    public static string? MissingTools(string? path, string? cxx)
    {
        var missing = new List<string>();
        if (FindOnPath("cmake", path) is null)
        {
            missing.Add("cmake (apt-get install cmake, or https://cmake.org/download)");
        }

        var compiler = cxx is { Length: > 0 }
            ? (Path.IsPathRooted(cxx) ? (File.Exists(cxx) ? cxx : null) : FindOnPath(cxx, path))
            : Compilers.Select(c => FindOnPath(c, path)).FirstOrDefault(c => c is not null);
        if (compiler is null)
        {
            missing.Add(cxx is { Length: > 0 }
                ? $"the C++ compiler CXX={cxx} names (install it, or unset CXX to use g++)"
                : "a C++ compiler (apt-get install g++)");
        }

        return missing.Count == 0 ? null : string.Join(" and ", missing);
    }

    private static string? FindOnPath(string program, string? path) =>
        (path ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeMethods.Library)
        {
            return 0;
        }

        lock (Gate)
        {
            if (loaded != 0)
            {
                return loaded;
            }

            // A source build: the shim sits next to this assembly; the runtime's own probing loads it.
            var beside = Path.Combine(AppContext.BaseDirectory, FileName);
            var besideAssembly = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory, FileName);
            if (File.Exists(beside) || File.Exists(besideAssembly))
            {
                loaded = NativeLibrary.Load(File.Exists(besideAssembly) ? besideAssembly : beside);
                return loaded;
            }

            loaded = NativeLibrary.Load(EnsureBuilt(Environment.GetEnvironmentVariable, Console.Error));
            return loaded;
        }
    }

    /// <summary>
    /// The path of the shim built for the current libtorch, building it first when the cache has none.
    /// Throws <see cref="DllNotFoundException"/> saying what is missing (libtorch, cmake, a compiler) or
    /// where the failed build's log is.
    /// </summary>
    public static string EnsureBuilt(Func<string, string?> environment, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(progress);
        var libtorch = LibTorchInstall.Find(environment);
        var sources = Sources();
        if (sources.Count == 0)
        {
            throw new DllNotFoundException($"{FileName} is not next to Crucible.Torch.dll and this Crucible.Torch carries no shim sources to build it from.");
        }

        var folder = CacheFolder(CacheRoot(environment), libtorch, sources);
        var library = Path.Combine(folder, FileName);
        if (File.Exists(library))
        {
            return library;
        }

        Directory.CreateDirectory(folder);
        // One build per cache folder, whichever processes start at once (a sweep's workers); the others wait.
        using var lockFile = AcquireLock(Path.Combine(folder, ".lock"));
        if (File.Exists(library))
        {
            return library;
        }

        var missing = MissingTools(environment("PATH"), environment("CXX"));
        if (missing is not null)
        {
            throw new DllNotFoundException(
                $"Crucible builds its libtorch shim on first use and needs {missing}; libtorch was found ({libtorch.Origin}: {libtorch.CMakeDir}). Install what is missing and run the command again.");
        }

        progress.WriteLine($"crucible: building the libtorch shim for libtorch {libtorch.Version} ({libtorch.Origin}: {libtorch.CMakeDir}) into {folder}; first use only, this takes a few minutes.");
        var work = Path.Combine(folder, "build");
        var sourceDir = Path.Combine(work, "src");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        foreach (var (name, content) in sources)
        {
            var target = Path.Combine(sourceDir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }

        var log = Path.Combine(folder, "build.log");
        File.WriteAllText(log, string.Empty);
        var binaryDir = Path.Combine(work, "out");
        Run(log, "cmake", ["-S", sourceDir, "-B", binaryDir, $"-DTorch_DIR={libtorch.CMakeDir}", "-DCMAKE_BUILD_TYPE=Release"]);
        Run(log, "cmake", ["--build", binaryDir, "--parallel", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var built = Path.Combine(binaryDir, FileName);
        if (!File.Exists(built))
        {
            throw new DllNotFoundException($"The shim build finished without {FileName}; see {log}.");
        }

        // Copied under a temporary name and renamed: a process never sees a half-written library.
        var partial = library + ".partial";
        File.Copy(built, partial, overwrite: true);
        File.Move(partial, library, overwrite: true);
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The library is built and in place: a build folder left behind must not turn that into a failure.
        }
        progress.WriteLine($"crucible: built {library}");
        return library;
    }

    private static FileStream AcquireLock(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process holds it while it builds; the library is there once it lets go.
                Thread.Sleep(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static void Run(string log, string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new DllNotFoundException($"{program} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errors = stderr.GetAwaiter().GetResult();
        File.AppendAllText(log, $"$ {program} {string.Join(' ', arguments)}\n{stdout}{errors}\n");
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', (errors.Length > 0 ? errors : stdout).Split('\n').TakeLast(15));
            throw new DllNotFoundException($"Building the libtorch shim failed ({program} exited with {process.ExitCode}); the whole log is {log}:\n{tail}");
        }
    }
}
