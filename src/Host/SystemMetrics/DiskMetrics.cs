namespace Crucible.Host.SystemMetrics;

/// <summary>Usage of the file system holding the root folder, as MLflow reports it (psutil's <c>disk_usage("/")</c>).</summary>
internal sealed class DiskMetrics : ISystemMetricsSource
{
    private readonly string path;

    public DiskMetrics(string path = "/")
    {
        this.path = path;
    }

    public IEnumerable<KeyValuePair<string, double>> Sample()
    {
        DriveInfo drive;
        long size, free;
        try
        {
            drive = new DriveInfo(path);
            size = drive.TotalSize;

            // Available to this (unprivileged) user, as psutil's "free"; "used" excludes root's reserve too.
            free = drive.AvailableFreeSpace;
            var used = size - drive.TotalFreeSpace;
            var percent = used + free > 0 ? 100.0 * used / (used + free) : 0;
            return
            [
                new("disk_usage_percentage", percent),
                new("disk_usage_megabytes", used / 1e6),
                new("disk_available_megabytes", free / 1e6),
            ];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }
}
