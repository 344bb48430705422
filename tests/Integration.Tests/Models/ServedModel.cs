using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// A <c>crucible serve</c> process on a free loopback port (<c>--port 0</c>; the address comes from its
/// "Serving ..." line) and an HTTP client for it. Disposing stops it with SIGTERM, as Ctrl+C does,
/// and requires a clean exit.
/// </summary>
internal sealed partial class ServedModel : IAsyncDisposable
{
    private readonly Cli.CliProcess process;

    private ServedModel(Cli.CliProcess process, Uri address)
    {
        this.process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<ServedModel> StartAsync(Workspace workspace, string model, params string[] options)
    {
        var process = Cli.Start(workspace.Root, ["serve", model, "--port", "0", .. options]);
        if (!await process.WaitForOutputAsync("Serving "))
        {
            var result = await process.WaitAsync();
            process.Dispose();
            throw new InvalidOperationException($"crucible serve did not start.\n{result}");
        }

        var match = ServingLine().Match(process.StandardOutput);
        match.Success.Should().BeTrue(process.StandardOutput);
        return new ServedModel(process, new Uri(match.Value + "/"));
    }

    /// <summary>POSTs <paramref name="body"/> to /invocations with <paramref name="contentType"/> (none when null).</summary>
    public async Task<(int Status, string ContentType, string Body)> InvokeAsync(string body, string? contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.PostAsync("invocations", content);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The <c>predictions</c> of a 200 answer as strings (class names, or numbers as JSON text).</summary>
    public async Task<List<string>> PredictAsync(string body, string contentType = "application/json")
    {
        var (status, _, text) = await InvokeAsync(body, contentType);
        status.Should().Be(200, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText())
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        process.Interrupt();
        var result = await process.WaitAsync();
        process.Dispose();
        result.ExitCode.Should().Be(0, $"crucible serve stops cleanly on SIGTERM.\n{result}");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ServingLine();
}
