// Area: distributed — c10d stores (TCPStore, FileStore), process groups (Gloo) and collectives,
// exposed 1:1 like torch.distributed's low-level API. Every collective waits for its Work to finish
// and fails (returns -1 with libtorch's message) on a timeout or a peer that left.
#pragma once
#include "crc_common.h"

// Opaque handles to a heap-allocated c10::intrusive_ptr<c10d::Store> / <c10d::ProcessGroup>.
typedef void* crc_store;
typedef void* crc_process_group;

// 1 when the shim was built with c10d's Gloo backend (libtorch with distributed and Gloo's headers).
CRC_API int32_t crc_dist_gloo_available();

// TCPStore: the master (is_master 1) listens on host:port (port 0: a free port, see crc_store_tcp_port);
// the others connect. world_size < 0 leaves the number of workers unknown (no waiting for them).
CRC_API crc_store crc_store_tcp_new(const char* host, int32_t port, int32_t world_size, int32_t is_master,
                                    int64_t timeout_ms);
CRC_API int32_t crc_store_tcp_port(crc_store store);
// FileStore on a shared file; every process of the group opens the same path.
CRC_API crc_store crc_store_file_new(const char* path, int32_t world_size);
CRC_API void crc_store_free(crc_store store);
CRC_API int32_t crc_store_set(crc_store store, const char* key, const uint8_t* value, int64_t length);
// Waits for the key (up to the store's timeout); the value is malloc'd into *value (free with crc_free).
CRC_API int64_t crc_store_get(crc_store store, const char* key, uint8_t** value);
CRC_API int64_t crc_store_add(crc_store store, const char* key, int64_t amount);
CRC_API int32_t crc_store_set_timeout(crc_store store, int64_t timeout_ms);

// A Gloo process group over a store. interface_name or hostname (either may be null) choose the
// network device as GLOO_SOCKET_IFNAME does in Python; both null: the default device (this machine's
// hostname, or loopback when it does not resolve).
CRC_API crc_process_group crc_pg_gloo_new(crc_store store, int32_t rank, int32_t size, int64_t timeout_ms,
                                          const char* interface_name, const char* hostname);
CRC_API void crc_pg_free(crc_process_group pg);
CRC_API int32_t crc_pg_rank(crc_process_group pg);
CRC_API int32_t crc_pg_size(crc_process_group pg);
CRC_API const char* crc_pg_backend(crc_process_group pg);

// op: 0 sum, 1 product, 2 min, 3 max (c10d::ReduceOp's order). In place.
CRC_API int32_t crc_pg_allreduce(crc_process_group pg, crc_tensor tensor, int32_t op);
// One collective over several tensors of one dtype (all_reduce_coalesced), e.g. a bucket of gradients.
CRC_API int32_t crc_pg_allreduce_coalesced(crc_process_group pg, crc_tensor* tensors, int32_t count, int32_t op);
CRC_API int32_t crc_pg_broadcast(crc_process_group pg, crc_tensor tensor, int32_t root);
// outputs: size tensors shaped like input; output i receives rank i's input.
CRC_API int32_t crc_pg_allgather(crc_process_group pg, crc_tensor* outputs, int32_t count, crc_tensor input);
CRC_API int32_t crc_pg_barrier(crc_process_group pg);
