using System.Globalization;

namespace Crucible.Host.SystemMetrics;

/// <summary>
/// Megabytes received and sent by every network interface since sampling started, from
/// <c>/proc/net/dev</c> (MLflow reports these cumulative counts, not rates).
/// </summary>
internal sealed class NetworkMetrics : ISystemMetricsSource
{
    private readonly string procRoot;
    private readonly (double Received, double Sent)? initial;

    public NetworkMetrics(string procRoot = "/proc")
    {
        this.procRoot = procRoot;
        initial = Read();
    }

    public IEnumerable<KeyValuePair<string, double>> Sample()
    {
        if (initial is not { } start || Read() is not { } now)
        {
            return [];
        }

        return
        [
            new("network_receive_megabytes", (now.Received - start.Received) / 1e6),
            new("network_transmit_megabytes", (now.Sent - start.Sent) / 1e6),
        ];
    }

    private (double Received, double Sent)? Read()
    {
        try
        {
            double received = 0, sent = 0;

            // Two header lines, then "  eth0: rx_bytes rx_packets ... (8 fields) tx_bytes ...".
            foreach (var line in File.ReadLines(Path.Combine(procRoot, "net", "dev")).Skip(2))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 9)
                {
                    received += double.Parse(fields[0], CultureInfo.InvariantCulture);
                    sent += double.Parse(fields[8], CultureInfo.InvariantCulture);
                }
            }

            return (received, sent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
