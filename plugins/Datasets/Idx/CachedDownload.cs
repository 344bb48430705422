using System.Security.Cryptography;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// Fetches a file into a cache directory once: a cached copy whose SHA-256 matches is reused, a
/// download is written to a temporary file, verified, and only then moved into place, so a failed
/// or tampered download never leaves a file that looks valid.
/// </summary>
internal static class CachedDownload
{
    /// <summary>
    /// Returns the path of <paramref name="fileName"/> in <paramref name="cacheDirectory"/>,
    /// downloading it from <paramref name="url"/> when it is missing or does not match
    /// <paramref name="sha256"/> (hex; null skips verification).
    /// </summary>
    /// <remarks>
    /// <paramref name="cacheDirectory"/> must lie inside <paramref name="cacheRoot"/>, and so must the
    /// file once every symbolic link on the way is resolved: nothing a name says can make the
    /// download create or replace a file outside the cache.
    /// </remarks>
    public static async Task<string> EnsureAsync(HttpClient http, Uri url, string cacheRoot, string cacheDirectory, string fileName, string? sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        var target = ContainedPath.Resolve(cacheRoot, Path.Combine(cacheDirectory, fileName), "the download cache");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Created folders may have been links planted in the cache: check again on the real path.
        target = ContainedPath.Resolve(cacheRoot, target, "the download cache");
        if (File.Exists(target) && DataFiles.Problem(target) is null && (sha256 is null || string.Equals(await HashFileAsync(target, cancellationToken).ConfigureAwait(false), sha256, StringComparison.OrdinalIgnoreCase)))
        {
            return target;
        }

        var temporary = $"{target}.{Environment.ProcessId}.download";
        try
        {
            using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new CrucibleException($"Downloading '{url}' failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                var output = File.Create(temporary);
                await using (output.ConfigureAwait(false))
                {
                    await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }

            if (sha256 is not null)
            {
                var actual = await HashFileAsync(temporary, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CrucibleException(
                        $"The file downloaded from '{url}' has SHA-256 {actual}, but {sha256.ToLowerInvariant()} was expected; it was not saved to '{cacheDirectory}'.");
                }
            }

            // rename(2) replaces a link at the target itself, never the file it points to.
            File.Move(temporary, target, overwrite: true);
            return target;
        }
        catch (HttpRequestException e)
        {
            throw new CrucibleException($"Downloading '{url}' failed: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }
}
