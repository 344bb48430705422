using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Crucible.Host.Training;

/// <summary>
/// A live progress bar per epoch on a terminal (batches, rate, ETA, running loss), redrawn in place on
/// standard error. When output is redirected nothing is drawn: the one log line per epoch is the
/// plain-text progress.
/// </summary>
internal sealed class ConsoleProgress : IProgress<EpochProgress>
{
    private const int BarWidth = 24;
    private readonly TextWriter writer;
    private readonly Stopwatch epochWatch = new();
    private int epoch = -1;

    private ConsoleProgress(TextWriter writer)
    {
        this.writer = writer;
    }

    /// <summary>A progress bar on standard error when it is a terminal, else null.</summary>
    public static ConsoleProgress? ForConsole() =>
        Console.IsErrorRedirected || Environment.GetEnvironmentVariable("CRUCIBLE_NO_PROGRESS") is { Length: > 0 }
            ? null
            : new ConsoleProgress(Console.Error);

    public void Report(EpochProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Epoch != epoch)
        {
            epoch = value.Epoch;
            epochWatch.Restart();
        }

        var fraction = value.Batches == 0 ? 1 : (double)value.Batch / value.Batches;
        var filled = (int)Math.Round(fraction * BarWidth);
        var seconds = epochWatch.Elapsed.TotalSeconds;
        var rate = value.Batch / Math.Max(seconds, 1e-9);
        var eta = rate > 0 ? TimeSpan.FromSeconds((value.Batches - value.Batch) / rate) : TimeSpan.Zero;
        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Epoch {value.Epoch}/{value.Epochs} [")
            .Append('#', filled).Append('.', BarWidth - filled)
            .Append(CultureInfo.InvariantCulture, $"] {value.Batch}/{value.Batches} {rate:F1} batch/s ETA {eta:mm\\:ss}");
        if (value.Loss is { } loss)
        {
            line.Append(CultureInfo.InvariantCulture, $" loss {loss:G5}");
        }

        // Clear the rest of the line, then stay on it; the epoch's log line replaces the bar.
        writer.Write('\r');
        writer.Write(line);
        writer.Write("\u001b[K");
        if (value.Batch == value.Batches)
        {
            writer.Write('\r');
            writer.Write("\u001b[K");
        }

        writer.Flush();
    }
}
