// Tiny shim over the system libxxhash (Debian's libxxhash-dev): XXH3 64- and 128-bit hashes.
#ifndef WINNOW_CXXHASH_H
#define WINNOW_CXXHASH_H
#include <stddef.h>
#include <stdint.h>
#include <xxhash.h>

static inline uint64_t CXXHash_xxh3_64(const void *data, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(data, length, seed);
}

static inline void CXXHash_xxh3_128(const void *data, size_t length, uint64_t seed, uint64_t *low, uint64_t *high) {
    XXH128_hash_t h = XXH3_128bits_withSeed(data, length, seed);
    *low = h.low64;
    *high = h.high64;
}
#endif
