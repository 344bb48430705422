// Area: tensor — creation, metadata, data access and elementwise arithmetic.
#pragma once
#include "crc_common.h"

CRC_API void crc_tensor_free(crc_tensor t);

// Copies `numel` elements of `dtype` from `data` into a new CPU tensor of the given shape,
// then moves it to the device.
CRC_API crc_tensor crc_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape,
                                        int32_t ndim, int32_t device_type, int32_t device_index,
                                        int32_t requires_grad);
CRC_API crc_tensor crc_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad);

CRC_API int32_t crc_tensor_dim(crc_tensor t);
// Writes the sizes into `out` (capacity `ndim` from crc_tensor_dim).
CRC_API int32_t crc_tensor_sizes(crc_tensor t, int64_t* out);
CRC_API int64_t crc_tensor_numel(crc_tensor t);
CRC_API int32_t crc_tensor_dtype(crc_tensor t);
CRC_API int32_t crc_tensor_device_type(crc_tensor t);
CRC_API int32_t crc_tensor_device_index(crc_tensor t);

// Copies the elements (contiguous, CPU) into `out`, which holds `numel` elements of the tensor's dtype.
CRC_API int32_t crc_tensor_copy_to(crc_tensor t, void* out, int64_t numel);

CRC_API crc_tensor crc_tensor_add(crc_tensor a, crc_tensor b, double alpha);
CRC_API crc_tensor crc_tensor_sub(crc_tensor a, crc_tensor b, double alpha);
CRC_API crc_tensor crc_tensor_mul(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_div(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_matmul(crc_tensor a, crc_tensor b);
// Whole-tensor reductions; dtype -1 keeps the input's.
CRC_API crc_tensor crc_tensor_sum(crc_tensor t);
CRC_API crc_tensor crc_tensor_mean(crc_tensor t);
CRC_API crc_tensor crc_tensor_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy);
CRC_API crc_tensor crc_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad);
