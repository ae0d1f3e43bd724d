#include "render/pdf/pdf_serialiser.hpp"

#include <qpdf/QPDFCryptoImpl.hh>
#include <qpdf/QPDFCryptoProvider.hh>

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "base/text.hpp"

namespace thidua::pdf::detail {

void append_literal_string(std::string& out, std::string_view s) {
    out += '(';
    for (char c : s) {
        switch (c) {
            case '(': out += "\\("; break;
            case ')': out += "\\)"; break;
            case '\\': out += "\\\\"; break;
            case '\r': out += "\\r"; break;
            case '\n': out += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += ')';
}

void append_text_string(std::string& out, std::string_view s) {
    bool ascii = true;
    for (char c : s) ascii = ascii && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    if (ascii) {
        append_literal_string(out, s);
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    auto unit = [&](unsigned u) {
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 0xF];
    };
    out += "<FEFF";
    for (char32_t c : text::decode(s)) {
        if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;  // never from decode; no half pairs
        if (c > 0xFFFF) {
            const unsigned v = static_cast<unsigned>(c) - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        } else {
            unit(static_cast<unsigned>(c));
        }
    }
    out += '>';
}

std::string ref(std::uint32_t n) { return std::to_string(n) + " 0 R"; }

struct PdfSerialiser::Digest {
    std::shared_ptr<QPDFCryptoImpl> md5 = QPDFCryptoProvider::getImpl();
};

PdfSerialiser::PdfSerialiser(Sink sink, std::uint32_t objects)
    : sink_(std::move(sink)), offsets_(objects, 0), digest_(std::make_unique<Digest>()) {
    digest_->md5->MD5_init();
}

PdfSerialiser::~PdfSerialiser() = default;

void PdfSerialiser::put(std::string_view s) {
    if (s.empty()) return;
    sink_(s.data(), s.size());
    if (digest_) digest_->md5->MD5_update(reinterpret_cast<const unsigned char*>(s.data()), s.size());
    offset_ += s.size();
}

void PdfSerialiser::header() { put("%PDF-1.7\n%\xbf\xf7\xa2\xfe\n"); }

void PdfSerialiser::start(std::uint32_t n) {
    if (n == 0 || n > offsets_.size()) throw std::logic_error("số đối tượng PDF ngoài bảng: " + std::to_string(n));
    if (offsets_[n - 1] != 0) throw std::logic_error("đối tượng PDF ghi hai lần: " + std::to_string(n));
    if (in_stream_) throw std::logic_error("đối tượng PDF bắt đầu giữa một luồng");
    if (offset_ == 0) throw std::logic_error("đối tượng PDF trước phần đầu tệp");
    offsets_[n - 1] = offset_;
    put(std::to_string(n));
    put(" 0 obj\n");
}

void PdfSerialiser::object(std::uint32_t n, std::string_view body) {
    start(n);
    put(body);
    put("\nendobj\n");
}

void PdfSerialiser::begin_stream(std::uint32_t n, std::string_view entries, std::uint64_t length) {
    start(n);
    put("<<");
    if (!entries.empty()) {
        put(" ");
        put(entries);
    }
    put(" /Length ");
    put(std::to_string(length));
    put(" >>\nstream\n");
    in_stream_ = true;
    stream_left_ = length;
}

void PdfSerialiser::data(const char* bytes, std::size_t size) {
    if (!in_stream_ || size > stream_left_) throw std::logic_error("dữ liệu luồng PDF dài hơn /Length");
    put(std::string_view(bytes, size));
    stream_left_ -= size;
}

void PdfSerialiser::end_stream() {
    if (!in_stream_ || stream_left_ != 0) throw std::logic_error("dữ liệu luồng PDF ngắn hơn /Length");
    in_stream_ = false;
    put("\nendstream\nendobj\n");
}

void PdfSerialiser::stream(std::uint32_t n, std::string_view entries, std::string_view bytes) {
    begin_stream(n, entries, bytes.size());
    data(bytes.data(), bytes.size());
    end_stream();
}

void PdfSerialiser::finish(std::uint32_t root, std::uint32_t info) {
    if (!digest_) throw std::logic_error("tệp PDF kết thúc hai lần");
    if (in_stream_) throw std::logic_error("tệp PDF kết thúc giữa một luồng");
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
        if (offsets_[i] == 0) throw std::logic_error("đối tượng PDF chưa ghi: " + std::to_string(i + 1));
    }
    // The digest of everything before the table: the same objects, the same /ID.
    QPDFCryptoImpl::MD5_Digest d;
    digest_->md5->MD5_finalize();
    digest_->md5->MD5_digest(d);
    digest_.reset();  // what follows is not digested
    std::string id;
    for (unsigned char b : d) {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(b));
        id += buf;
    }
    const std::uint64_t xref = offset_;
    const std::size_t size = offsets_.size() + 1;
    put("xref\n0 " + std::to_string(size) + "\n0000000000 65535 f \n");
    std::string rows;
    rows.reserve(20 * 1024);
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%010llu 00000 n \n", static_cast<unsigned long long>(offsets_[i]));
        rows += buf;
        if (rows.size() >= 20 * 1000) {
            put(rows);
            rows.clear();
        }
    }
    put(rows);
    std::string trailer = "trailer << /Root " + ref(root);
    if (info != 0) trailer += " /Info " + ref(info);
    trailer += " /Size " + std::to_string(size) + " /ID [<" + id + "><" + id + ">] >>\nstartxref\n" +
               std::to_string(xref) + "\n%%EOF\n";
    put(trailer);
}

}  // namespace thidua::pdf::detail
