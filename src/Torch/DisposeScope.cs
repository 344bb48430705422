namespace Crucible.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope,
/// except those moved out with <see cref="Tensor.MoveToOuter"/> or <see cref="Tensor.DetachFromDisposeScope"/>.
/// The trainer runs every step inside one, so intermediate tensors never wait for the GC (which
/// cannot see native or GPU memory).
/// </summary>
/// <example>
/// <code>
/// using (var scope = torch.NewDisposeScope())
/// {
///     var loss = criterion.Forward(model.Forward(x), y);
///     loss.Backward();
///     keep = loss.Detach().MoveToOuter();
/// }
/// </code>
/// </example>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    // Created with the first tensor: a scope that owns none (an optimizer step's) allocates no list.
    private List<Tensor>? owned;
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope of this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope that was innermost when this one opened, or null.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Number of tensors this scope currently owns (disposed ones included until it closes).</summary>
    public int Count => owned?.Count ?? 0;

    /// <summary>Disposes every tensor this scope still owns and makes the outer scope current again.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (owned is not null)
        {
            foreach (var tensor in owned)
            {
                // A tensor moved to another scope since it was registered is no longer ours.
                if (ReferenceEquals(tensor.Scope, this))
                {
                    tensor.Dispose();
                }
            }

            owned.Clear();
        }

        // Scopes are expected to nest; if an inner one is still open, unwind to our outer.
        if (ReferenceEquals(current, this) || current is null || IsInner(current))
        {
            current = Outer;
        }
    }

    internal static void Register(Tensor tensor)
    {
        var scope = current;
        if (scope is not null)
        {
            scope.Adopt(tensor);
        }
    }

    internal void Adopt(Tensor tensor)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        tensor.Scope = this;
        (owned ??= []).Add(tensor);
    }

    private bool IsInner(DisposeScope scope)
    {
        for (var s = scope.Outer; s is not null; s = s.Outer)
        {
            if (ReferenceEquals(s, this))
            {
                return true;
            }
        }

        return false;
    }
}
