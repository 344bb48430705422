namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>One image file of an image folder and the index of its class.</summary>
internal readonly record struct ImageSample(string Path, int Label);
