#include "render/pdf/font_subset.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <memory>
#include <utility>

#include "base/text.hpp"

namespace thidua::pdf::detail {

namespace {

/// Inclusive ranges of the core.
constexpr std::pair<char32_t, char32_t> kCore[] = {
    {0x20, 0x7E},     {0xA0, 0xA0},     {0xA9, 0xA9},     {0xAB, 0xAB},     {0xB0, 0xB1},
    {0xB7, 0xB7},     {0xBB, 0xBB},     {0xC0, 0xC3},     {0xC8, 0xCA},     {0xCC, 0xCD},
    {0xD2, 0xD5},     {0xD7, 0xD7},     {0xD9, 0xDA},     {0xDD, 0xDD},     {0xE0, 0xE3},
    {0xE8, 0xEA},     {0xEC, 0xED},     {0xF2, 0xF5},     {0xF7, 0xF7},     {0xF9, 0xFA},
    {0xFD, 0xFD},     {0x102, 0x103},   {0x110, 0x111},   {0x128, 0x129},   {0x168, 0x169},
    {0x1A0, 0x1A1},   {0x1AF, 0x1B0},   {0x1EA0, 0x1EF9}, {0x2010, 0x2015}, {0x2018, 0x201F},
    {0x2020, 0x2022}, {0x2026, 0x2026}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x2039, 0x203A},
    {0x20AB, 0x20AC}, {0x2116, 0x2116}, {0x2122, 0x2122}, {0x2190, 0x2193}, {0x2212, 0x2212},
};

/// Inclusive ranges of the repertoire (a superset of the core).
constexpr std::pair<char32_t, char32_t> kRepertoire[] = {
    {0x20, 0x7E},     {0xA0, 0xFF},     {0x100, 0x17F},   {0x1A0, 0x1A1},
    {0x1AF, 0x1B0},   {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x20AB, 0x20AC},
    {0x2116, 0x2116}, {0x2122, 0x2122}, {0x2190, 0x2193}, {0x2212, 0x2212},
};

template <std::size_t N>
bool in(const std::pair<char32_t, char32_t> (&ranges)[N], char32_t c) {
    for (const auto& [lo, hi] : ranges) {
        if (c >= lo && c <= hi) return true;
    }
    return false;
}

template <std::size_t N>
std::vector<char32_t> all(const std::pair<char32_t, char32_t> (&ranges)[N]) {
    std::vector<char32_t> out;
    for (const auto& [lo, hi] : ranges) {
        for (char32_t c = lo; c <= hi; ++c) out.push_back(c);
    }
    return out;
}

template <typename T, void (*destroy)(T*)>
struct Destroy {
    void operator()(T* p) const { destroy(p); }
};
using Face = std::unique_ptr<hb_face_t, Destroy<hb_face_t, hb_face_destroy>>;
using Blob = std::unique_ptr<hb_blob_t, Destroy<hb_blob_t, hb_blob_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, Destroy<hb_subset_input_t, hb_subset_input_destroy>>;

}  // namespace

bool in_core(char32_t c) { return in(kCore, c); }
bool in_repertoire(char32_t c) { return in(kRepertoire, c); }

bool in_subset_repertoire(std::string_view text) {
    for (char32_t c : text::decode(text)) {
        if (!in_repertoire(c)) return false;
    }
    return true;
}

std::vector<char32_t> core() { return all(kCore); }
std::vector<char32_t> repertoire() { return all(kRepertoire); }

std::string subset_font(std::string_view ttf, const std::vector<char32_t>& keep) {
    Blob blob(hb_blob_create_or_fail(ttf.data(), static_cast<unsigned>(ttf.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    if (!blob) return {};
    Face face(hb_face_create(blob.get(), 0));
    Input input(hb_subset_input_create_or_fail());
    if (!input) return {};
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t c : keep) hb_set_add(unicodes, c);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF"}) hb_set_add(drop, hb_tag_from_string(tag, 4));
    Face cut(hb_subset_or_fail(face.get(), input.get()));
    if (!cut) return {};
    Blob bytes(hb_face_reference_blob(cut.get()));
    unsigned size = 0;
    const char* data = hb_blob_get_data(bytes.get(), &size);
    if (data == nullptr || size == 0) return {};
    return std::string(data, size);
}

}  // namespace thidua::pdf::detail
