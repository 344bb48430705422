// Area: memory — page-locked (pinned) host memory, copies to a device that do not wait, and device
// events that say when such a copy has finished (what PyTorch's DataLoader does with pin_memory).
#pragma once
#include "crc_common.h"

// Opaque handle to a heap-allocated c10::Event.
typedef void* crc_event;

// t.pin_memory(): a copy of a CPU tensor in page-locked memory from libtorch's caching host
// allocator. Needs a CUDA build of libtorch (a CPU build reports that it has no pinned allocator).
CRC_API crc_tensor crc_tensor_pin_memory(crc_tensor t);
// t.is_pinned(): 1 or 0; -1 on failure.
CRC_API int32_t crc_tensor_is_pinned(crc_tensor t);
// t.data_ptr(): the address of the first element of a contiguous CPU tensor, for writing it in place
// (the loader's workers read samples straight into a pinned batch). Null on failure.
CRC_API void* crc_tensor_data_ptr(crc_tensor t);
// t.to(device, non_blocking=True): from pinned memory the copy is queued on the device's current
// stream and the call returns at once; the source must not change until an event recorded after it
// has completed.
CRC_API crc_tensor crc_tensor_to_non_blocking(crc_tensor t, int32_t device_type, int32_t device_index, int32_t copy);

// torch.cuda.Event() for any device type with streams (c10::Event).
CRC_API crc_event crc_event_new(int32_t device_type);
CRC_API void crc_event_free(crc_event e);
// Records the event on the current stream of the device: it completes when everything queued on
// that stream before it has run.
CRC_API int32_t crc_event_record(crc_event e, int32_t device_type, int32_t device_index);
// 1 when the event completed (or was never recorded), 0 while it is pending, -1 on failure.
CRC_API int32_t crc_event_query(crc_event e);
// Blocks the calling thread until the event completed.
CRC_API int32_t crc_event_synchronize(crc_event e);
