// Sparse COO tensors (see crc_sparse.h).
#include "crc_sparse.h"

using crc::T;

CRC_API crc_tensor crc_sparse_coo_tensor(crc_tensor indices, crc_tensor values, const int64_t* size, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(at::sparse_coo_tensor(T(indices), T(values), crc::dims(size, ndim)));)
}

CRC_API int32_t crc_sparse_is_sparse(crc_tensor t) { CRC_TRY(-1, return T(t).is_sparse() ? 1 : 0;) }

CRC_API crc_tensor crc_sparse_coalesce(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t).coalesce());) }

CRC_API crc_tensor crc_sparse_indices(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t)._indices());) }

CRC_API crc_tensor crc_sparse_values(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t)._values());) }

CRC_API crc_tensor crc_sparse_mask(crc_tensor t, crc_tensor mask) {
    CRC_TRY(nullptr, return crc::wrap(T(t).sparse_mask(T(mask)));)
}

CRC_API crc_tensor crc_sparse_to_dense(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t).to_dense());) }
