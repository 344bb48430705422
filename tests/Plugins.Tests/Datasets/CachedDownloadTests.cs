using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Idx;

namespace Crucible.Plugins.Tests.Datasets;

/// <summary>Downloads from an HTTP server on loopback, which counts its requests.</summary>
public sealed class CachedDownloadTests : IDisposable
{
    private static readonly byte[] Payload = "IDX payload bytes"u8.ToArray();
    private readonly string cache = Directory.CreateTempSubdirectory("crucible-cache-").FullName;
    private readonly HttpListener listener = new();
    private readonly Uri baseUri;
    private readonly CancellationTokenSource stop = new();
    private int requests;

    public CachedDownloadTests()
    {
        var port = FreePort();
        baseUri = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(baseUri.ToString());
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
        stop.Dispose();
        Directory.Delete(cache, recursive: true);
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [Fact]
    public async Task Downloads_once_verifies_and_reuses_the_cached_file()
    {
        using var http = new HttpClient();
        var path = await CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, cache, "data.gz", Sha(Payload));
        (await File.ReadAllBytesAsync(path)).Should().Equal(Payload);
        var again = await CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, cache, "data.gz", Sha(Payload));
        again.Should().Be(path);
        requests.Should().Be(1);
    }

    [Fact]
    public async Task A_hash_mismatch_fails_and_leaves_nothing_in_the_cache()
    {
        using var http = new HttpClient();
        var wrong = new string('0', 64);
        var act = () => CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, cache, "data.gz", wrong);
        (await act.Should().ThrowAsync<CrucibleException>()).WithMessage($"*SHA-256 {Sha(Payload)}*{wrong} was expected*");
        Directory.GetFiles(cache).Should().BeEmpty();
    }

    [Fact]
    public async Task A_corrupted_cached_file_is_downloaded_again()
    {
        await File.WriteAllTextAsync(Path.Combine(cache, "data.gz"), "corrupt");
        using var http = new HttpClient();
        var path = await CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, cache, "data.gz", Sha(Payload));
        (await File.ReadAllBytesAsync(path)).Should().Equal(Payload);
        requests.Should().Be(1);
    }

    [Fact]
    public async Task An_http_error_is_reported_with_the_status()
    {
        using var http = new HttpClient();
        var act = () => CachedDownload.EnsureAsync(http, new Uri(baseUri, "missing"), cache, cache, "missing", null);
        (await act.Should().ThrowAsync<CrucibleException>()).WithMessage("*HTTP 404*");
    }

    [Fact]
    public async Task A_file_name_leading_out_of_the_cache_is_refused_and_nothing_outside_is_written()
    {
        var outside = Directory.CreateTempSubdirectory("crucible-victim-").FullName;
        try
        {
            var victim = Path.Combine(outside, "victim.txt");
            await File.WriteAllTextAsync(victim, "precious");
            using var http = new HttpClient();
            foreach (var name in new[] { victim, Path.Combine("..", Path.GetFileName(outside), "victim.txt") })
            {
                var act = () => CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, cache, name, Sha(Payload));
                (await act.Should().ThrowAsync<DatasetException>()).WithMessage("*outside the download cache*");
            }

            (await File.ReadAllTextAsync(victim)).Should().Be("precious");
            Directory.GetFiles(outside).Should().Equal(victim);
            requests.Should().Be(0, "nothing is downloaded for a name outside the cache");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task A_symbolic_link_in_the_cache_leading_out_is_refused()
    {
        var outside = Directory.CreateTempSubdirectory("crucible-victim-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(cache, "idx"), outside);
            using var http = new HttpClient();
            var act = () => CachedDownload.EnsureAsync(http, new Uri(baseUri, "data.gz"), cache, Path.Combine(cache, "idx", "tiny"), "data.gz", Sha(Payload));
            (await act.Should().ThrowAsync<DatasetException>()).WithMessage($"*resolves to '{outside}*outside the download cache*");
            Directory.EnumerateFileSystemEntries(outside).Should().BeEmpty("neither a folder nor a file may be created through the link");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref requests);
            if (context.Request.Url!.AbsolutePath == "/data.gz")
            {
                context.Response.StatusCode = 200;
                await context.Response.OutputStream.WriteAsync(Payload);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
