// Area: autograd — requires_grad, backward, grad, no-grad mode.
#pragma once
#include "crc_common.h"

CRC_API int32_t crc_tensor_requires_grad(crc_tensor t);
CRC_API int32_t crc_tensor_set_requires_grad(crc_tensor t, int32_t requires_grad);
// grad_output may be null (scalar outputs).
CRC_API int32_t crc_tensor_backward(crc_tensor t, crc_tensor grad_output, int32_t retain_graph, int32_t create_graph);
// Returns null with no error when the tensor has no gradient; check crc_error_take to tell apart.
CRC_API crc_tensor crc_tensor_grad(crc_tensor t);
CRC_API int32_t crc_tensor_set_grad(crc_tensor t, crc_tensor grad);
CRC_API crc_tensor crc_tensor_detach(crc_tensor t);
CRC_API int32_t crc_grad_is_enabled();
CRC_API int32_t crc_grad_set_enabled(int32_t enabled);
CRC_API int32_t crc_tensor_is_leaf(crc_tensor t);
CRC_API int32_t crc_tensor_retain_grad(crc_tensor t);
// The name of the node that produced the tensor ("AddBackward0") as a malloc'd UTF-8 string
// (free with crc_free), or null when it has none.
CRC_API char* crc_tensor_grad_fn_name(crc_tensor t);
