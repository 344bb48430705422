namespace Crucible.Torch.Interop;

/// <summary>
/// A libtorch to build the shim against, found as the build finds it: <c>Torch_DIR</c> (the folder
/// of TorchConfig.cmake), <c>LIBTORCH</c> (a libtorch root: the official archive or a pip install's
/// <c>site-packages/torch</c>), then Debian's <c>libtorch-dev</c>.
/// </summary>
/// <param name="CMakeDir">The folder holding <c>TorchConfig.cmake</c>.</param>
/// <param name="Origin">How it was found (<c>Torch_DIR</c>, <c>LIBTORCH</c>, <c>Debian's libtorch-dev</c>).</param>
/// <param name="Version">The version TorchConfigVersion.cmake states, or <c>unknown</c>.</param>
internal sealed record LibTorchInstall(string CMakeDir, string Origin, string Version)
{
    private const string Config = "TorchConfig.cmake";

    private static readonly string[] DebianDirs =
    [
        "/usr/lib/x86_64-linux-gnu/cmake/Torch",
        "/usr/lib/aarch64-linux-gnu/cmake/Torch",
    ];

    /// <summary>The libtorch to use; throws <see cref="DllNotFoundException"/> saying how to get one.</summary>
    public static LibTorchInstall Find(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("Torch_DIR") is { Length: > 0 } torchDir)
        {
            return File.Exists(Path.Combine(torchDir, Config))
                ? Create(torchDir, "Torch_DIR")
                : throw new DllNotFoundException($"Torch_DIR={torchDir} has no {Config}: point it at the folder of {Config} (or unset it to use LIBTORCH or Debian's libtorch-dev).");
        }

        if (environment("LIBTORCH") is { Length: > 0 } root)
        {
            var dir = Path.Combine(root, "share", "cmake", "Torch");
            return File.Exists(Path.Combine(dir, Config))
                ? Create(dir, "LIBTORCH")
                : throw new DllNotFoundException($"LIBTORCH={root} has no share/cmake/Torch/{Config}: point it at a libtorch root (the official archive unpacked, or a pip install's site-packages/torch).");
        }

        foreach (var dir in DebianDirs.Where(d => File.Exists(Path.Combine(d, Config))))
        {
            return Create(dir, "Debian's libtorch-dev");
        }

        throw new DllNotFoundException(
            "libtorch not found: install Debian's (apt-get install libtorch-dev libopenblas0-openmp), or set LIBTORCH to a libtorch root "
            + "(the archive from pytorch.org unpacked, or a pip install's site-packages/torch) or Torch_DIR to the folder of TorchConfig.cmake.");
    }

    private static LibTorchInstall Create(string dir, string origin)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        return new LibTorchInstall(full, origin, ReadVersion(full));
    }

    /// <summary>The version in TorchConfigVersion.cmake (<c>set(PACKAGE_VERSION "1.13.1")</c>).</summary>
    private static string ReadVersion(string dir)
    {
        var file = Path.Combine(dir, "TorchConfigVersion.cmake");
        if (!File.Exists(file))
        {
            return "unknown";
        }

        const string Marker = "set(PACKAGE_VERSION \"";
        foreach (var line in File.ReadLines(file))
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = at + Marker.Length;
                var end = line.IndexOf('"', start);
                if (end > start)
                {
                    return line[start..end];
                }
            }
        }

        return "unknown";
    }
}
