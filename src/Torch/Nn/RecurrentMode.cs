namespace Crucible.Torch.Nn;

/// <summary>Which recurrence <c>crc_nn_rnn</c> runs; the values cross the native boundary.</summary>
internal enum RecurrentMode
{
    Tanh = 0,
    Relu = 1,
    Lstm = 2,
    Gru = 3,
}
