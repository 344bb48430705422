// Area: runtime — errors, versions, threads, seeds, devices.
#pragma once
#include "crc_common.h"

// Returns the last error of this thread as a malloc'd UTF-8 string and clears it; null if none.
CRC_API char* crc_error_take();
CRC_API void crc_free(void* ptr);

CRC_API const char* crc_torch_version();
CRC_API int32_t crc_get_num_threads();
CRC_API int32_t crc_set_num_threads(int32_t n);
CRC_API int32_t crc_manual_seed(int64_t seed);
CRC_API int32_t crc_cuda_is_available();
CRC_API int32_t crc_cuda_device_count();
// Generator state of a device as a new uint8 CPU tensor (torch.get_rng_state / torch.cuda.get_rng_state).
CRC_API crc_tensor crc_rng_get_state(int32_t device_type, int32_t device_index);
CRC_API int32_t crc_rng_set_state(int32_t device_type, int32_t device_index, crc_tensor state);
CRC_API int32_t crc_rng_seed(int32_t device_type, int32_t device_index, int64_t seed);
CRC_API int32_t crc_deterministic_get();
CRC_API int32_t crc_deterministic_set(int32_t enabled, int32_t warn_only);
CRC_API int32_t crc_cudnn_benchmark_set(int32_t enabled);
// Returns the C heap's free pages to the system (malloc_trim); 1 if any were released. The shim keeps
// freed tensor memory for reuse while training (see allocation.cpp); a run calls this when it ends.
CRC_API int32_t crc_release_memory();
