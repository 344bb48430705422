namespace Crucible.Abstractions;

/// <summary>A learning-rate scheduler plugin. Implement <see cref="ILrScheduler{TOptions}"/>.</summary>
public interface ILrScheduler : IPlugin
{
    /// <summary>Builds the schedule described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    LrSchedule Create(object options, SchedulerContext context);
}

/// <summary>A learning-rate scheduler plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>scheduler</c> section.</typeparam>
public interface ILrScheduler<TOptions> : ILrScheduler
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    LrSchedule ILrScheduler.Create(object options, SchedulerContext context) => Create((TOptions)options, context);

    /// <summary>Builds the scheduler and says how to step it.</summary>
    LrSchedule Create(TOptions options, SchedulerContext context);
}
