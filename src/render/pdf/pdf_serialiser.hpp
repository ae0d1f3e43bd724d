// Stage: render/pdf (internal). A PDF file written object by object as it is made, without
// an object graph in memory: what the combined file of all units' forms (CombinedPdf) is
// written with, so that its memory does not grow with its pages.
// In: objects in PDF syntax, each given its number by the caller (any order), stream data
// in pieces; out: the bytes, handed to a sink as they come: the header, the objects, then
// the cross-reference table and the trailer with an /ID that is the MD5 digest of every
// byte before it (the same objects give the same bytes). What it keeps is one offset per
// object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace thidua::pdf::detail {

/// Appends `s` (UTF-8) as a PDF text string: a literal string when it is printable ASCII
/// ("(a \(b\) c\\)"), else UTF-16BE with its byte order mark in hex ("<FEFF0054…>";
/// characters beyond the BMP as surrogate pairs, bytes that are not UTF-8 as U+FFFD).
void append_text_string(std::string& out, std::string_view s);
/// Appends `s` (bytes, ASCII expected: dates, a language tag) as a literal string, with
/// parentheses, backslashes and control characters escaped.
void append_literal_string(std::string& out, std::string_view s);
/// "n 0 R".
std::string ref(std::uint32_t n);

class PdfSerialiser {
public:
    /// Receives the file's bytes in order; throws (std::runtime_error) when it cannot write.
    using Sink = std::function<void(const char* data, std::size_t size)>;
    /// A file of objects 1..`objects`, written to `sink`.
    PdfSerialiser(Sink sink, std::uint32_t objects);
    ~PdfSerialiser();

    /// The header: "%PDF-1.7" and a comment of four bytes above 127 (the file is binary).
    void header();
    /// Object `n` whose value is `body` ("<< /Type /Page … >>", "[ 1 0 R ]").
    void object(std::uint32_t n, std::string_view body);
    /// Starts stream object `n`: its dictionary `entries` ("/Filter /FlateDecode", without
    /// the brackets) and /Length `length`; then `data` must give exactly `length` bytes and
    /// end_stream() close it.
    void begin_stream(std::uint32_t n, std::string_view entries, std::uint64_t length);
    void data(const char* bytes, std::size_t size);
    void end_stream();
    /// A whole stream at once.
    void stream(std::uint32_t n, std::string_view entries, std::string_view bytes);
    /// The cross-reference table and the trailer (/Root `root`, /Info `info` unless 0, the
    /// /ID). Throws std::logic_error when an object was not written, or a stream is short.
    void finish(std::uint32_t root, std::uint32_t info);
    /// Bytes written so far.
    std::uint64_t offset() const { return offset_; }

private:
    void put(std::string_view s);
    void start(std::uint32_t n);

    Sink sink_;
    std::vector<std::uint64_t> offsets_;  ///< of object n at n - 1; 0: not written yet
    std::uint64_t offset_ = 0;
    std::uint64_t stream_left_ = 0;
    bool in_stream_ = false;
    struct Digest;
    std::unique_ptr<Digest> digest_;
};

}  // namespace thidua::pdf::detail
