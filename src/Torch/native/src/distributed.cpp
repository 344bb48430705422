#include "crc_distributed.h"

#include <chrono>
#include <vector>

#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

#ifdef USE_C10D_GLOO

namespace {

using StorePtr = c10::intrusive_ptr<c10d::Store>;
using GroupPtr = c10::intrusive_ptr<c10d::ProcessGroupGloo>;

StorePtr& S(crc_store h) { return *static_cast<StorePtr*>(h); }
GroupPtr& G(crc_process_group h) { return *static_cast<GroupPtr*>(h); }

std::vector<at::Tensor> tensors_of(crc_tensor* handles, int32_t count) {
    std::vector<at::Tensor> tensors;
    tensors.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; i++) tensors.push_back(crc::T(handles[i]));
    return tensors;
}

c10d::ReduceOp reduce_op(int32_t op) {
    switch (op) {
        case 0: return c10d::ReduceOp(c10d::ReduceOp::SUM);
        case 1: return c10d::ReduceOp(c10d::ReduceOp::PRODUCT);
        case 2: return c10d::ReduceOp(c10d::ReduceOp::MIN);
        case 3: return c10d::ReduceOp(c10d::ReduceOp::MAX);
        default: throw std::invalid_argument("unknown reduce op " + std::to_string(op));
    }
}

// Runs a collective to the end: Work::wait throws libtorch's message on a timeout or a lost peer.
void finish(const c10::intrusive_ptr<c10d::Work>& work) { work->wait(); }

}  // namespace

CRC_API int32_t crc_dist_gloo_available() { return 1; }

CRC_API crc_store crc_store_tcp_new(const char* host, int32_t port, int32_t world_size, int32_t is_master,
                                    int64_t timeout_ms) {
    CRC_TRY(nullptr, {
        c10d::TCPStoreOptions opts;
        opts.port = static_cast<std::uint16_t>(port);
        opts.isServer = is_master != 0;
        if (world_size > 0) opts.numWorkers = static_cast<std::size_t>(world_size);
        opts.waitWorkers = false;
        opts.timeout = std::chrono::milliseconds(timeout_ms);
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4
        opts.useLibUV = false;
#endif
        return new StorePtr(c10::make_intrusive<c10d::TCPStore>(std::string(host), opts));
    })
}

CRC_API int32_t crc_store_tcp_port(crc_store store) {
    CRC_TRY(-1, {
        auto tcp = c10::dynamic_intrusive_pointer_cast<c10d::TCPStore>(S(store));
        if (!tcp) throw std::invalid_argument("not a TCPStore");
        return static_cast<int32_t>(tcp->getPort());
    })
}

CRC_API crc_store crc_store_file_new(const char* path, int32_t world_size) {
    CRC_TRY(nullptr, return new StorePtr(c10::make_intrusive<c10d::FileStore>(std::string(path), world_size));)
}

CRC_API void crc_store_free(crc_store store) { delete static_cast<StorePtr*>(store); }

CRC_API int32_t crc_store_set(crc_store store, const char* key, const uint8_t* value, int64_t length) {
    CRC_STATUS(S(store)->set(std::string(key), std::vector<uint8_t>(value, value + length));)
}

CRC_API int64_t crc_store_get(crc_store store, const char* key, uint8_t** value) {
    CRC_TRY(-1, {
        auto bytes = S(store)->get(std::string(key));
        auto* copy = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
        if (copy == nullptr) throw std::bad_alloc();
        if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
        *value = copy;
        return static_cast<int64_t>(bytes.size());
    })
}

CRC_API int64_t crc_store_add(crc_store store, const char* key, int64_t amount) {
    CRC_TRY(INT64_MIN, return S(store)->add(std::string(key), amount);)
}

CRC_API int32_t crc_store_set_timeout(crc_store store, int64_t timeout_ms) {
    CRC_STATUS(S(store)->setTimeout(std::chrono::milliseconds(timeout_ms));)
}

CRC_API crc_process_group crc_pg_gloo_new(crc_store store, int32_t rank, int32_t size, int64_t timeout_ms,
                                          const char* interface_name, const char* hostname) {
    CRC_TRY(nullptr, {
        auto options = c10d::ProcessGroupGloo::Options::create(std::chrono::milliseconds(timeout_ms));
        if (interface_name != nullptr) {
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface_name));
        } else if (hostname != nullptr) {
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(hostname));
        } else {
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        }
        return new GroupPtr(c10::make_intrusive<c10d::ProcessGroupGloo>(S(store), rank, size, options));
    })
}

CRC_API void crc_pg_free(crc_process_group pg) { delete static_cast<GroupPtr*>(pg); }

CRC_API int32_t crc_pg_rank(crc_process_group pg) { return G(pg)->getRank(); }

CRC_API int32_t crc_pg_size(crc_process_group pg) { return G(pg)->getSize(); }

CRC_API const char* crc_pg_backend(crc_process_group pg) { return c10d::GLOO_BACKEND_NAME; }

CRC_API int32_t crc_pg_allreduce(crc_process_group pg, crc_tensor tensor, int32_t op) {
    CRC_STATUS({
        std::vector<at::Tensor> list{crc::T(tensor)};
        c10d::AllreduceOptions opts;
        opts.reduceOp = reduce_op(op);
        finish(G(pg)->allreduce(list, opts));
    })
}

CRC_API int32_t crc_pg_allreduce_coalesced(crc_process_group pg, crc_tensor* tensors, int32_t count, int32_t op) {
    CRC_STATUS({
        auto list = tensors_of(tensors, count);
        c10d::AllreduceCoalescedOptions opts;
        opts.reduceOp = reduce_op(op);
        finish(G(pg)->allreduce_coalesced(list, opts));
    })
}

CRC_API int32_t crc_pg_broadcast(crc_process_group pg, crc_tensor tensor, int32_t root) {
    CRC_STATUS({
        std::vector<at::Tensor> list{crc::T(tensor)};
        c10d::BroadcastOptions opts;
        opts.rootRank = root;
        finish(G(pg)->broadcast(list, opts));
    })
}

CRC_API int32_t crc_pg_allgather(crc_process_group pg, crc_tensor* outputs, int32_t count, crc_tensor input) {
    CRC_STATUS({
        std::vector<std::vector<at::Tensor>> out{tensors_of(outputs, count)};
        std::vector<at::Tensor> in{crc::T(input)};
        finish(G(pg)->allgather(out, in));
    })
}

CRC_API int32_t crc_pg_barrier(crc_process_group pg) {
    CRC_STATUS(finish(G(pg)->barrier());)
}

#else  // This libtorch has no c10d Gloo (or its headers are missing): every call says so.

namespace {
const char* const kNoGloo =
    "this Crucible shim was built without c10d's Gloo backend: build it against a libtorch with "
    "distributed support and install Gloo's headers (Debian: libgloo-dev), then rebuild";
}

CRC_API int32_t crc_dist_gloo_available() { return 0; }
CRC_API crc_store crc_store_tcp_new(const char*, int32_t, int32_t, int32_t, int64_t) { crc::set_error(kNoGloo); return nullptr; }
CRC_API int32_t crc_store_tcp_port(crc_store) { crc::set_error(kNoGloo); return -1; }
CRC_API crc_store crc_store_file_new(const char*, int32_t) { crc::set_error(kNoGloo); return nullptr; }
CRC_API void crc_store_free(crc_store) {}
CRC_API int32_t crc_store_set(crc_store, const char*, const uint8_t*, int64_t) { crc::set_error(kNoGloo); return -1; }
CRC_API int64_t crc_store_get(crc_store, const char*, uint8_t**) { crc::set_error(kNoGloo); return -1; }
CRC_API int64_t crc_store_add(crc_store, const char*, int64_t) { crc::set_error(kNoGloo); return INT64_MIN; }
CRC_API int32_t crc_store_set_timeout(crc_store, int64_t) { crc::set_error(kNoGloo); return -1; }
CRC_API crc_process_group crc_pg_gloo_new(crc_store, int32_t, int32_t, int64_t, const char*, const char*) { crc::set_error(kNoGloo); return nullptr; }
CRC_API void crc_pg_free(crc_process_group) {}
CRC_API int32_t crc_pg_rank(crc_process_group) { return -1; }
CRC_API int32_t crc_pg_size(crc_process_group) { return -1; }
CRC_API const char* crc_pg_backend(crc_process_group) { return "none"; }
CRC_API int32_t crc_pg_allreduce(crc_process_group, crc_tensor, int32_t) { crc::set_error(kNoGloo); return -1; }
CRC_API int32_t crc_pg_allreduce_coalesced(crc_process_group, crc_tensor*, int32_t, int32_t) { crc::set_error(kNoGloo); return -1; }
CRC_API int32_t crc_pg_broadcast(crc_process_group, crc_tensor, int32_t) { crc::set_error(kNoGloo); return -1; }
CRC_API int32_t crc_pg_allgather(crc_process_group, crc_tensor*, int32_t, crc_tensor) { crc::set_error(kNoGloo); return -1; }
CRC_API int32_t crc_pg_barrier(crc_process_group) { crc::set_error(kNoGloo); return -1; }

#endif
