using Crucible.Tracking.Benchmarks;

// Modes:
//   (none) | bench [points]            throughput and per-call cost of the async path (see Benchmarks)
//   crash-helper <trackingUri> <outbox> logs a metric per millisecond until killed (the SIGKILL test)
return args.FirstOrDefault() switch
{
    "crash-helper" when args.Length >= 3 => await CrashHelper.RunAsync(args[1], args[2]),
    null or "bench" => await Benchmarks.RunAsync(args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Crucible.Tracking.Benchmarks [bench [points]] | crash-helper <trackingUri> <outboxDir>");
    return 2;
}
