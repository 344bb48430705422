namespace Crucible.Plugins.Models;

/// <summary>The recurrent cell of a recurrent model.</summary>
internal enum RecurrentCell
{
    Rnn,
    Lstm,
    Gru,
}
