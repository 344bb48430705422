using Crucible.Torch.Interop;

namespace Crucible.Torch.Tests.Interop;

/// <summary>
/// How the shim is found when it is not next to Crucible.Torch.dll (the .NET tool, a plugin's tests):
/// libtorch found as the build finds it, a cache folder per libtorch and sources, a clear message for
/// what is missing. The first-use build itself runs in scripts/package-proof.sh (CI), through the tool.
/// </summary>
public sealed class NativeShimTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("crucible-shim-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string FakeLibTorch(string name, string version)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name, "share", "cmake", "Torch")).FullName;
        File.WriteAllText(Path.Combine(dir, "TorchConfig.cmake"), "# fake\n");
        File.WriteAllText(Path.Combine(dir, "TorchConfigVersion.cmake"), $"set(PACKAGE_VERSION \"{version}\")\n");
        return Path.Combine(root, name);
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Torch_DIR_wins_over_LIBTORCH_and_the_version_is_read_from_cmake()
    {
        var a = FakeLibTorch("a", "2.5.1");
        var b = FakeLibTorch("b", "2.1.0");

        var found = LibTorchInstall.Find(Env(("Torch_DIR", Path.Combine(a, "share/cmake/Torch")), ("LIBTORCH", b)));

        found.Should().Be(new LibTorchInstall(Path.Combine(a, "share", "cmake", "Torch"), "Torch_DIR", "2.5.1"));
        LibTorchInstall.Find(Env(("LIBTORCH", b))).Should().Be(new LibTorchInstall(Path.Combine(b, "share", "cmake", "Torch"), "LIBTORCH", "2.1.0"));
    }

    [Fact]
    public void A_LIBTORCH_without_cmake_files_is_an_error_saying_what_it_should_point_at()
    {
        var act = () => LibTorchInstall.Find(Env(("LIBTORCH", root)));

        act.Should().Throw<DllNotFoundException>().WithMessage($"LIBTORCH={root} has no share/cmake/Torch/TorchConfig.cmake*libtorch root*");
    }

    [Fact]
    public void Without_LIBTORCH_or_Torch_DIR_Debians_libtorch_is_used_when_installed()
    {
        var debian = "/usr/lib/x86_64-linux-gnu/cmake/Torch";
        if (!File.Exists(Path.Combine(debian, "TorchConfig.cmake")))
        {
            LibTorchInstall.Find(Env()).Should().NotBeNull("setup.sh installs Debian's libtorch-dev on these machines");
            return;
        }

        var found = LibTorchInstall.Find(Env());

        found.Origin.Should().Be("Debian's libtorch-dev");
        found.CMakeDir.Should().Be(debian);
        found.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
    }

    [Fact]
    public void Each_libtorch_and_each_change_of_the_sources_gets_its_own_cache_folder()
    {
        var sources = NativeShim.Sources();
        var a = LibTorchInstall.Find(Env(("LIBTORCH", FakeLibTorch("a", "2.5.1"))));
        var b = LibTorchInstall.Find(Env(("LIBTORCH", FakeLibTorch("b", "2.5.1"))));
        var changed = new Dictionary<string, byte[]>(sources) { ["src/tensor.cpp"] = [1, 2, 3] };

        var folder = NativeShim.CacheFolder("/cache", a, sources);

        folder.Should().MatchRegex(@"^/cache/2\.5\.1-[0-9a-f]{16}$");
        NativeShim.CacheFolder("/cache", a, sources).Should().Be(folder);
        NativeShim.CacheFolder("/cache", b, sources).Should().NotBe(folder);
        NativeShim.CacheFolder("/cache", a, changed).Should().NotBe(folder);
    }

    [Fact]
    public void The_assembly_carries_every_shim_source_the_cmake_project_needs()
    {
        var sources = NativeShim.Sources();
        var native = Path.Combine(RepositoryRoot(), "src", "Torch", "native");
        var expected = Directory.EnumerateFiles(native, "*.cpp", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(native, "*.h", SearchOption.AllDirectories))
            .Append(Path.Combine(native, "CMakeLists.txt"))
            .Select(f => Path.GetRelativePath(native, f).Replace('\\', '/'));

        sources.Keys.Should().BeEquivalentTo(expected);
        sources["CMakeLists.txt"].Should().Equal(File.ReadAllBytes(Path.Combine(native, "CMakeLists.txt")));
    }

    [Fact]
    public void The_cache_is_CRUCIBLE_CACHE_else_the_XDG_cache()
    {
        NativeShim.CacheRoot(Env(("CRUCIBLE_CACHE", "/tmp/c"), ("XDG_CACHE_HOME", "/x"))).Should().Be("/tmp/c/native");
        NativeShim.CacheRoot(Env(("XDG_CACHE_HOME", "/x"))).Should().Be("/x/crucible/native");
    }

    [Fact]
    public void Missing_cmake_and_compiler_are_both_named_with_how_to_get_them()
    {
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty-bin")).FullName;

        var missing = NativeShim.MissingTools(empty, cxx: null);

        missing.Should().Contain("cmake (apt-get install cmake").And.Contain("a C++ compiler (apt-get install g++)");
        NativeShim.MissingTools(empty, "/opt/none/clang++").Should().Contain("CXX=/opt/none/clang++");
        NativeShim.MissingTools(Environment.GetEnvironmentVariable("PATH"), cxx: null).Should().BeNull("setup.sh installs cmake and g++");
    }

    [Fact]
    public void A_first_use_without_cmake_says_so_and_names_the_libtorch_it_found()
    {
        var libtorch = FakeLibTorch("a", "2.5.1");
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty-bin")).FullName;
        using var progress = new StringWriter();

        var act = () => NativeShim.EnsureBuilt(Env(("LIBTORCH", libtorch), ("CRUCIBLE_CACHE", root), ("PATH", empty)), progress);

        act.Should().Throw<DllNotFoundException>().WithMessage("*needs cmake (apt-get install cmake*libtorch was found (LIBTORCH: *");
        progress.ToString().Should().BeEmpty("nothing was built");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crucible.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Crucible.slnx not found above the test's output.");
    }
}
