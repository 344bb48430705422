using System.Collections;

namespace Crucible.Torch.Optim;

/// <summary>One tensor <paramref name="count"/> times, as a list for a <c>_foreach_*</c> op's second operand.</summary>
internal sealed class Repeated(Tensor tensor, int count) : IReadOnlyList<Tensor>
{
    public int Count => count;

    public Tensor this[int index] => (uint)index < (uint)count ? tensor : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Tensor> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return tensor;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
