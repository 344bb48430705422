// Area: runtime — how the process's C heap serves libtorch's CPU tensors.
//
// libtorch allocates every CPU tensor with posix_memalign and frees it when the tensor dies. With
// glibc's defaults a training step's large buffers (activations, im2col, gradients: a few MiB each)
// cross the mmap threshold, so each is mmap'd, faulted in page by page, and munmap'd again on every
// step; the trim threshold then hands the heap's top back to the kernel between steps. That churn
// cost mnist-cnn 1.6x PyTorch's time (most of it system time). Raising both thresholds once, when
// the shim loads, keeps those buffers in the heap and reuses them; crc_release_memory() gives the
// free pages back to the system when a run ends.
//
// .NET runs training on a thread-pool thread, which allocates from one of glibc's per-thread arenas,
// not the main heap. An arena grows in heaps of at most 64 MiB, and freeing the top of the arena
// deletes whole heaps whatever the trim threshold, unless the free space is below the top pad: a top
// pad of a whole heap keeps them. (The pad only reserves address space; untouched pages cost no memory.)
#include "crc_runtime.h"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// The largest value glibc accepts for M_MMAP_THRESHOLD on 64-bit (HEAP_MAX_SIZE / 2).
constexpr int kMmapThreshold = 32 * 1024 * 1024;
// Free memory at the heap's top is kept up to this much before it is returned.
constexpr int kTrimThreshold = 512 * 1024 * 1024;
// HEAP_MAX_SIZE on 64-bit: a per-thread arena's heaps are then never deleted while in use.
constexpr int kTopPad = 64 * 1024 * 1024;

bool user_tuned(const char* tunable, const char* legacy) {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    return (tunables != nullptr && std::strstr(tunables, tunable) != nullptr) || std::getenv(legacy) != nullptr;
}

int tune_heap() {
#if defined(__GLIBC__)
    // What a user set explicitly wins.
    if (!user_tuned("glibc.malloc.mmap_threshold", "MALLOC_MMAP_THRESHOLD_")) {
        mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    }
    if (!user_tuned("glibc.malloc.trim_threshold", "MALLOC_TRIM_THRESHOLD_")) {
        mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
    }
    if (!user_tuned("glibc.malloc.top_pad", "MALLOC_TOP_PAD_")) {
        mallopt(M_TOP_PAD, kTopPad);
    }
#endif
    return 0;
}

// Runs when the shim is loaded, before any tensor exists.
const int heap_tuned = tune_heap();

}  // namespace

CRC_API int32_t crc_release_memory() {
#if defined(__GLIBC__)
    (void)heap_tuned;
    return malloc_trim(0);
#else
    return 0;
#endif
}
