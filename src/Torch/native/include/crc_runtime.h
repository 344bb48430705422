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
