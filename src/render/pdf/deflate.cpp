#include "render/pdf/deflate.hpp"

#include <libdeflate.h>

#include <memory>
#include <new>

namespace thidua::pdf::detail {

namespace {

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, FreeCompressor>;

Compressor make_compressor(int level) {
    Compressor c(libdeflate_alloc_compressor(level));
    if (!c) throw std::bad_alloc();
    return c;
}

}  // namespace

std::string zlib_compress(std::string_view data, int level) {
    level = level < 0 ? 0 : level > 12 ? 12 : level;
    // The content level's compressor (0.2 MB) is kept by each thread, used for every page;
    // any other is made for the call (level 9's takes 0.6 MB, level 12's 8.6 MB), for
    // streams made once.
    thread_local Compressor content;
    Compressor other;
    libdeflate_compressor* c = nullptr;
    if (level == kContentLevel) {
        if (!content) content = make_compressor(level);
        c = content.get();
    } else {
        other = make_compressor(level);
        c = other.get();
    }
    std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
    const std::size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
    out.resize(n);  // the bound is never too small, so n > 0
    return out;
}

}  // namespace thidua::pdf::detail
