using System.Reflection;

namespace Crucible.Tracking.Tests;

/// <summary>
/// Wraps a real store and injects a fault around its writes: <see cref="Before"/> may throw before
/// the store is called (nothing written), <see cref="After"/> may throw after the store wrote (the
/// acknowledgement is lost, as when the process dies or the answer never comes back). Counts calls.
/// </summary>
public class FaultyStore : DispatchProxy
{
    private ITrackingStore inner = null!;
    private int logBatchCalls;

    /// <summary>Called with the method name before the real call; throw to fail it unwritten.</summary>
    public Action<string> Before { get; set; } = _ => { };

    /// <summary>Called with the method name after the real call succeeded; throw to lose its acknowledgement.</summary>
    public Action<string> After { get; set; } = _ => { };

    public int LogBatchCalls => Volatile.Read(ref logBatchCalls);

    public static (ITrackingStore Store, FaultyStore Faults) Wrap(ITrackingStore inner)
    {
        var store = Create<ITrackingStore, FaultyStore>();
        var faults = (FaultyStore)(object)store;
        faults.inner = inner;
        return (store, faults);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.ReturnType == typeof(Task) || (targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            var name = targetMethod.Name;
            if (name == nameof(ITrackingStore.LogBatchAsync))
            {
                Interlocked.Increment(ref logBatchCalls);
            }

            return targetMethod.ReturnType == typeof(Task)
                ? WrapAsync(name, targetMethod, args)
                : typeof(FaultyStore).GetMethod(nameof(WrapResultAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                    .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(this, [name, targetMethod, args]);
        }

        return Call(targetMethod, args);
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private async Task WrapAsync(string name, MethodInfo method, object?[]? args)
    {
        Before(name);
        await (Task)Call(method, args)!;
        After(name);
    }

    private async Task<T> WrapResultAsync<T>(string name, MethodInfo method, object?[]? args)
    {
        Before(name);
        var result = await (Task<T>)Call(method, args)!;
        After(name);
        return result;
    }
}
