using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    public static partial class Cuda
    {
        /// <summary>
        /// A marker on a device's stream (<c>torch.cuda.Event</c>): recorded after queued work (a
        /// non-blocking copy from pinned memory, say), it completes when that work has run, so the
        /// host knows when it may reuse the copy's source.
        /// </summary>
        public sealed class Event : IDisposable
        {
            private readonly EventHandle handle;

            /// <summary>A new event for CUDA devices; it has not been recorded yet (<see cref="Query"/> is true).</summary>
            public Event() => handle = NativeMethods.Check(NativeMethods.crc_event_new((int)DeviceType.Cuda));

            /// <summary>Records the event on the current stream of <paramref name="device"/> (<c>event.record()</c>).</summary>
            public void Record(Device device) =>
                NativeMethods.Check(NativeMethods.crc_event_record(Handle, (int)device.Type, device.Index));

            /// <summary>True when everything queued before the last <see cref="Record"/> has run (<c>event.query()</c>).</summary>
            public bool Query() => NativeMethods.Check(NativeMethods.crc_event_query(Handle)) == 1;

            /// <summary>Blocks until the event has completed (<c>event.synchronize()</c>).</summary>
            public void Synchronize() => NativeMethods.Check(NativeMethods.crc_event_synchronize(Handle));

            /// <summary>Frees the native event.</summary>
            public void Dispose() => handle.Dispose();

            private EventHandle Handle
            {
                get
                {
                    ObjectDisposedException.ThrowIf(handle.IsClosed, this);
                    return handle;
                }
            }
        }
    }
}
