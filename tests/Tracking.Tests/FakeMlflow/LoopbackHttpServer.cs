using System.Net;
using System.Net.Sockets;
using System.Text;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Tests.FakeMlflow;

/// <summary>A request as the fake server saw it.</summary>
public sealed record FakeHttpRequest(string Method, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToUpperInvariant(), out var v) ? v : null;
}

/// <summary>An answer; null from a handler drops the connection without one.</summary>
public sealed record FakeHttpResponse(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 over TcpListener (keep-alive, Content-Length and chunked
/// request bodies). Unlike HttpListener it can drop a connection mid-request (a TCP reset), which
/// the fault tests need. Used by the tests and the benchmark as a stand-in for an MLflow server.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<FakeHttpRequest, Task<FakeHttpResponse?>> handler;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LoopbackHttpServer(Func<FakeHttpRequest, Task<FakeHttpResponse?>> handler)
    {
        this.handler = handler;
        listener.Start();
        BaseUri = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUri { get; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's exception.
        }

        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            socket.NoDelay = true;
            var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new BufferedReader(stream);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var requestLine = await reader.ReadLineAsync();
                    if (string.IsNullOrEmpty(requestLine))
                    {
                        return;
                    }

                    var parts = requestLine.Split(' ');
                    var headers = new Dictionary<string, string>(StringComparer.Ordinal);
                    string? line;
                    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers[line[..colon].Trim().ToUpperInvariant()] = line[(colon + 1)..].Trim();
                    }

                    byte[] body;
                    if (headers.TryGetValue("CONTENT-LENGTH", out var length))
                    {
                        body = await reader.ReadExactlyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (headers.TryGetValue("TRANSFER-ENCODING", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    {
                        using var all = new MemoryStream();
                        while (true)
                        {
                            var size = Convert.ToInt32((await reader.ReadLineAsync())!.Split(';')[0], 16);
                            if (size == 0)
                            {
                                await reader.ReadLineAsync();
                                break;
                            }

                            all.Write(await reader.ReadExactlyAsync(size));
                            await reader.ReadLineAsync();
                        }

                        body = all.ToArray();
                    }
                    else
                    {
                        body = [];
                    }

                    var response = await handler(new FakeHttpRequest(parts[0], parts[1], headers, body));
                    if (response is null)
                    {
                        // A TCP reset: the client sees the connection dropped mid-request.
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    var head = new StringBuilder();
                    head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(Reason(response.Status)).Append("\r\n");
                    head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
                    head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
                    foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>())
                    {
                        head.Append(k).Append(": ").Append(v).Append("\r\n");
                    }

                    head.Append("\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
                    await stream.WriteAsync(response.Body);
                    await stream.FlushAsync();
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
            {
                // The client closed the connection.
            }
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "BAD REQUEST",
        404 => "NOT FOUND",
        500 => "INTERNAL SERVER ERROR",
        503 => "SERVICE UNAVAILABLE",
        _ => "STATUS",
    };

    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync()
        {
            var line = new MemoryStream();
            while (true)
            {
                if (start == end && !await FillAsync())
                {
                    return line.Length == 0 ? null : Encoding.ASCII.GetString(line.ToArray());
                }

                var nl = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (nl < 0)
                {
                    line.Write(buffer, start, end - start);
                    start = end;
                    continue;
                }

                line.Write(buffer, start, nl - start);
                start = nl + 1;
                var text = Encoding.ASCII.GetString(line.ToArray());
                return text.EndsWith('\r') ? text[..^1] : text;
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (start == end && !await FillAsync())
                {
                    throw new EndOfStreamException();
                }

                var n = Math.Min(count - filled, end - start);
                Array.Copy(buffer, start, result, filled, n);
                start += n;
                filled += n;
            }

            return result;
        }

        private async Task<bool> FillAsync()
        {
            start = 0;
            end = await stream.ReadAsync(buffer);
            return end > 0;
        }
    }
}
