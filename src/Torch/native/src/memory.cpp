#include "crc_memory.h"

#include <thread>

#include <c10/core/Event.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>

namespace {
inline c10::Event& E(crc_event e) { return *static_cast<c10::Event*>(e); }
}  // namespace

CRC_API crc_tensor crc_tensor_pin_memory(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(crc::T(t).pin_memory());) }

CRC_API int32_t crc_tensor_is_pinned(crc_tensor t) { CRC_TRY(-1, return crc::T(t).is_pinned() ? 1 : 0;) }

CRC_API void* crc_tensor_data_ptr(crc_tensor t) {
    CRC_TRY(nullptr, {
        const auto& tensor = crc::T(t);
        TORCH_CHECK(tensor.device().is_cpu(), "data_ptr: the tensor is on ", tensor.device(), ", not on the CPU");
        TORCH_CHECK(tensor.is_contiguous(), "data_ptr: the tensor is not contiguous");
        return tensor.data_ptr();
    })
}

CRC_API crc_tensor crc_tensor_to_non_blocking(crc_tensor t, int32_t device_type, int32_t device_index, int32_t copy) {
    CRC_TRY(nullptr, {
        auto& tensor = crc::T(t);
        return crc::wrap(tensor.to(crc::device_of(device_type, device_index), tensor.scalar_type(), /*non_blocking=*/true, copy != 0));
    })
}

CRC_API crc_event crc_event_new(int32_t device_type) {
    CRC_TRY(nullptr, return new c10::Event(static_cast<c10::DeviceType>(device_type));)
}

CRC_API void crc_event_free(crc_event e) { delete static_cast<c10::Event*>(e); }

CRC_API int32_t crc_event_record(crc_event e, int32_t device_type, int32_t device_index) {
    CRC_STATUS({
        const auto* guard = c10::impl::getDeviceGuardImpl(static_cast<c10::DeviceType>(device_type));
        auto device = device_index < 0 ? guard->getDevice() : crc::device_of(device_type, device_index);
        E(e).record(guard->getStream(device));
    })
}

CRC_API int32_t crc_event_query(crc_event e) { CRC_TRY(-1, return E(e).query() ? 1 : 0;) }

CRC_API int32_t crc_event_synchronize(crc_event e) {
    // c10::Event has no blocking wait in libtorch 1.13 (2.x adds one); the waits here are short (a
    // batch's copy to the device), so poll and give the core away in between.
    CRC_STATUS({
        while (!E(e).query()) std::this_thread::yield();
    })
}
