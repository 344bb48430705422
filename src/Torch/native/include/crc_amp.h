// Area: amp — this thread's autocast state (mixed precision), as torch.autocast sets it.
#pragma once
#include "crc_common.h"

// device_type is c10::DeviceType's code (0 CPU, 1 CUDA); dtype is a scalar type code (torch's).
// Each returns the value asked for, or -1 with the error set.
CRC_API int32_t crc_autocast_is_enabled(int32_t device_type);
CRC_API int32_t crc_autocast_set_enabled(int32_t device_type, int32_t enabled);
CRC_API int32_t crc_autocast_get_dtype(int32_t device_type);
CRC_API int32_t crc_autocast_set_dtype(int32_t device_type, int32_t dtype);
// Nesting of autocast regions; leaving the outermost one clears the cache of casted weights
// (torch.autocast's __exit__). crc_autocast_decrement_nesting returns the depth left.
CRC_API int32_t crc_autocast_increment_nesting();
CRC_API int32_t crc_autocast_decrement_nesting();
CRC_API int32_t crc_autocast_clear_cache();
