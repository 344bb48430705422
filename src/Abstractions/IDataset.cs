namespace Crucible.Abstractions;

/// <summary>
/// A dataset plugin: loads train, validation and test data as tensors, with metadata. The host calls
/// the non-generic member; implement <see cref="IDataset{TOptions}"/>.
/// </summary>
public interface IDataset : IPlugin
{
    /// <summary>Loads the data described by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    LoadedDataset Load(object options, DatasetContext context);
}

/// <summary>A dataset plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the experiment file's <c>dataset</c> section.</typeparam>
public interface IDataset<TOptions> : IDataset
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    LoadedDataset IDataset.Load(object options, DatasetContext context) => Load((TOptions)options, context);

    /// <summary>
    /// Loads the data. Throw <see cref="DatasetException"/> for bad data (a missing column, a malformed
    /// file) with a message saying what and where.
    /// </summary>
    LoadedDataset Load(TOptions options, DatasetContext context);
}
