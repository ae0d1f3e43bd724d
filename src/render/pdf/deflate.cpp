#include "render/pdf/deflate.hpp"

#include <libdeflate.h>

#include <array>
#include <memory>
#include <new>

namespace thidua::pdf::detail {

namespace {

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, FreeCompressor>;

libdeflate_compressor* compressor_for(int level) {
    thread_local std::array<Compressor, 13> compressors;
    if (level < 0) level = 0;
    if (level > 12) level = 12;
    Compressor& c = compressors[static_cast<std::size_t>(level)];
    if (!c) {
        c.reset(libdeflate_alloc_compressor(level));
        if (!c) throw std::bad_alloc();
    }
    return c.get();
}

}  // namespace

std::string zlib_compress(std::string_view data, int level) {
    libdeflate_compressor* c = compressor_for(level);
    std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
    const std::size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
    out.resize(n);  // the bound is never too small, so n > 0
    return out;
}

}  // namespace thidua::pdf::detail
