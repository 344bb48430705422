namespace Crucible.Torch.Nn;

/// <summary>What <see cref="Module.LoadStateDict"/> did not match by name (PyTorch's <c>_IncompatibleKeys</c>).</summary>
/// <param name="MissingKeys">The module's parameters and buffers the state dict lacked; they kept their values.</param>
/// <param name="UnexpectedKeys">The state dict's entries the module has no place for; they were ignored.</param>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
