namespace Crucible.Host.Serving;

/// <summary>Settings of <c>crucible serve</c>.</summary>
internal sealed record ServeOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5000;

    /// <summary>Bodies larger than this get 413. Defaults to 16 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Samples one request may hold. Defaults to 100,000.</summary>
    public int MaxRowsPerRequest { get; init; } = 100_000;

    /// <summary>Samples one batched forward pass takes at most. Defaults to 256.</summary>
    public int MaxBatchRows { get; init; } = 256;
}
