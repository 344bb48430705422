using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

// Load generator for `crucible serve`: N clients, each with its own keep-alive connection, post the
// same body to /invocations back to back; after a warm-up, counts requests per second and the
// latency percentiles of every request. The server is warmed up first for 3 s with 8 clients (the
// JIT's tiering of the request path, single and batched passes), then each level for 1 s. Usage:
//   Crucible.Serving.Benchmarks URL BODY_FILE SECONDS CLIENTS...
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Crucible.Serving.Benchmarks URL BODY_FILE SECONDS CLIENTS...");
    return 2;
}

var url = args[0].TrimEnd('/') + "/invocations";
var body = File.ReadAllBytes(args[1]);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
using (var warmUp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }))
{
    await RunAsync(warmUp, 8, TimeSpan.FromSeconds(3), record: false);
}

Console.WriteLine("| clients | requests/s | p50 ms | p99 ms | errors |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var clients in args.Skip(3).Select(a => int.Parse(a, CultureInfo.InvariantCulture)))
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });
    await RunAsync(http, clients, TimeSpan.FromSeconds(1), record: false);
    var (latencies, errors, elapsed) = await RunAsync(http, clients, TimeSpan.FromSeconds(seconds), record: true);
    latencies.Sort();
    double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {clients} | {latencies.Count / elapsed:F0} | {P(0.50):F2} | {P(0.99):F2} | {errors} |"));
}

return 0;

async Task<(List<double> Latencies, int Errors, double Elapsed)> RunAsync(HttpClient http, int clients, TimeSpan duration, bool record)
{
    var all = new List<double>[clients];
    var errors = 0;
    var clock = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, clients).Select(async c =>
    {
        var mine = all[c] = new List<double>(100_000);
        while (clock.Elapsed < duration)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(url, content).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
            }
            else if (record)
            {
                mine.Add(ms);
            }
        }
    }).ToArray();
    await Task.WhenAll(tasks).ConfigureAwait(false);
    var elapsed = clock.Elapsed.TotalSeconds;
    return (all.SelectMany(l => l).ToList(), errors, elapsed);
}
