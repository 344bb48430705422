// Area: sparse — sparse COO tensors, the gradients Embedding(sparse=True) produces, 1:1 with
// torch.sparse_coo_tensor and the tensor methods of the same names.
#pragma once
#include "crc_common.h"

// torch.sparse_coo_tensor(indices, values, size)
CRC_API crc_tensor crc_sparse_coo_tensor(crc_tensor indices, crc_tensor values, const int64_t* size, int32_t ndim);
// tensor.is_sparse: 1 or 0
CRC_API int32_t crc_sparse_is_sparse(crc_tensor t);
// tensor.coalesce(), tensor._indices(), tensor._values(), tensor.sparse_mask(mask), tensor.to_dense()
CRC_API crc_tensor crc_sparse_coalesce(crc_tensor t);
CRC_API crc_tensor crc_sparse_indices(crc_tensor t);
CRC_API crc_tensor crc_sparse_values(crc_tensor t);
CRC_API crc_tensor crc_sparse_mask(crc_tensor t, crc_tensor mask);
CRC_API crc_tensor crc_sparse_to_dense(crc_tensor t);
