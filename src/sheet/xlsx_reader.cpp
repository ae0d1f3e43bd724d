// Stage: sheet. An .xlsx workbook → cells, through libzip (the package) and pugixml (its
// XML parts): _rels/.rels → the workbook part → its sheets (names, hidden or not, where
// each part is) → the shared strings, the number formats of the cell styles (to tell a
// date from a number) → each sheet's cells and merged ranges. Namespace prefixes are
// ignored, so strict and transitional files, and those LibreOffice re-saves, read alike.
#include "sheet/sheet.hpp"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>

#include <pugixml.hpp>

#include "sheet/cell_text.hpp"

namespace thidua::sheet {

namespace {

using detail::count;
using detail::TextPlace;

/// The name of an element or attribute without its namespace prefix ("x:row" → "row").
std::string_view local(const char* name) {
    std::string_view n(name);
    std::size_t colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local(c.name()) == name) return c;
    }
    return {};
}

pugi::xml_attribute attr(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (local(a.name()) == name) return a;
    }
    return {};
}

/// Calls `f` for every element child of `node` called `name`.
template <typename F>
void each(pugi::xml_node node, std::string_view name, F f) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local(c.name()) == name) f(c);
    }
}

/// The text of an element: its text and CDATA children joined.
std::string inner_text(pugi::xml_node node) {
    std::string out;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Undoes the escapes OOXML uses for characters XML cannot hold: "_x000D_" is a carriage
/// return, "_x005F_" an underscore.
std::string unescape_ooxml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int v = 0;
            bool ok = true;
            for (std::size_t k = i + 2; k < i + 6; ++k) {
                int h = hex_digit(s[k]);
                ok = ok && h >= 0;
                v = v * 16 + std::max(h, 0);
            }
            if (ok) {
                text::append_utf8(out, static_cast<char32_t>(v));
                i += 6;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// The text of a shared or inline string: its <t>, or the <t> of each rich-text run
/// (phonetic runs <rPh> are not part of the text).
std::string string_item_text(pugi::xml_node si) {
    std::string out;
    for (pugi::xml_node c = si.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view n = local(c.name());
        if (n == "t") {
            out += inner_text(c);
        } else if (n == "r") {
            if (pugi::xml_node t = child(c, "t")) out += inner_text(t);
        }
    }
    return unescape_ooxml(out);
}

/// Parses "C7" into row 7, column 3; false when it is not a cell name within Excel's grid.
bool parse_ref(std::string_view ref, int& row, int& col) {
    std::size_t i = 0;
    long c = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) {
        c = c * 26 + (ref[i] - 'A' + 1);
        ++i;
    }
    if (i == 0 || i == ref.size() || c > 16384) return false;
    long r = 0;
    for (; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9' || r > 1048576) return false;
        r = r * 10 + (ref[i] - '0');
    }
    if (r < 1 || r > 1048576) return false;
    row = static_cast<int>(r);
    col = static_cast<int>(c);
    return true;
}

/// Joins a relationship target to the folder of the part it is relative to, resolving
/// "." and ".." ("xl/" + "worksheets/sheet1.xml"; "/xl/…" is from the package root).
std::string join_part(const std::string& folder, std::string_view target) {
    std::string path = !target.empty() && target[0] == '/' ? std::string(target.substr(1))
                                                           : folder + std::string(target);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string seg = path.substr(start, slash - start);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string folder_of(const std::string& part) {
    std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

/// The rels part that belongs to `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string rels_of(const std::string& part) {
    std::string folder = folder_of(part);
    return folder + "_rels/" + part.substr(folder.size()) + ".rels";
}

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

/// The package, and the parts read from it under the size limits.
class Package {
public:
    Package(const std::string& path, Diagnostics& diags) : path_(path), diags_(diags) {}

    /// Opens the zip in `bytes` (kept by the caller until the Package is gone).
    bool open(std::string_view bytes) {
        if (bytes.size() >= 8 &&
            std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
            file_error(
                "tệp là bảng tính Excel cũ (.xls) hoặc bảng tính có đặt mật khẩu, không "
                "phải .xlsx: hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng Excel "
                "(.xlsx), không đặt mật khẩu");
            return false;
        }
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (src != nullptr) {
            zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
            if (z == nullptr) {
                zip_source_free(src);
            } else {
                zip_.reset(z);
            }
        }
        zip_error_fini(&error);
        if (!zip_) {
            file_error(
                "tệp không phải bảng tính .xlsx: không đọc được nó như một tệp nén zip "
                "(tệp hỏng, hoặc là loại tệp khác đổi tên thành .xlsx)");
            return false;
        }
        return true;
    }

    bool has(const std::string& part) const {
        return zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE) >= 0;
    }

    /// Reads a part; nullopt when it is missing (reported with `required`) or unreadable.
    std::optional<std::string> read(const std::string& part, bool required) {
        const zip_int64_t index = zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE);
        if (index < 0) {
            if (required) {
                file_error("tệp nén không có phần \"" + part +
                           "\": không phải bảng tính .xlsx, "
                           "hoặc tệp hỏng");
            }
            return std::nullopt;
        }
        const std::size_t room =
            std::min(max_part_bytes, max_unpacked_bytes - std::min(unpacked_, max_unpacked_bytes));
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
            (st.valid & ZIP_STAT_SIZE) != 0 && st.size > room) {
            return too_big(part);
        }
        zip_file_t* f = zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0);
        if (f == nullptr) {
            file_error("không giải nén được phần \"" + part +
                       "\" (tệp hỏng, có đặt mật khẩu "
                       "hoặc nén theo cách không hỗ trợ)");
            return std::nullopt;
        }
        std::string out;
        char buf[65536];
        bool failed = false;
        for (;;) {
            const zip_int64_t n = zip_fread(f, buf, sizeof buf);
            if (n < 0) {
                failed = true;
                break;
            }
            if (n == 0) break;
            // The size the zip declares may lie: count what really comes out.
            if (out.size() + static_cast<std::size_t>(n) > room) {
                zip_fclose(f);
                return too_big(part);
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        zip_fclose(f);
        if (failed) {
            file_error("không giải nén được phần \"" + part + "\": tệp hỏng");
            return std::nullopt;
        }
        unpacked_ += out.size();
        return out;
    }

    /// Parses a part as XML into `doc`; false when it is missing (and `required`) or broken.
    bool xml(const std::string& part, pugi::xml_document& doc, bool required) {
        std::optional<std::string> bytes = read(part, required);
        if (!bytes) return false;
        pugi::xml_parse_result r =
            doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default, pugi::encoding_auto);
        if (!r) {
            file_error("phần \"" + part + "\" của tệp hỏng: XML sai ở byte " +
                       count(static_cast<std::size_t>(r.offset)) + " (" + r.description() + ")");
            return false;
        }
        return true;
    }

    void file_error(std::string message) { diags_.error_at(path_, 0, 0, std::move(message)); }

private:
    std::nullopt_t too_big(const std::string& part) {
        if (unpacked_ + max_part_bytes > max_unpacked_bytes && unpacked_ > 0) {
            file_error("các phần của tệp giải nén ra hơn " + count(max_unpacked_bytes / 1048576) +
                       " MiB: tệp bất thường (có thể là \"bom nén\"), không đọc");
        } else {
            file_error("phần \"" + part + "\" của tệp giải nén ra hơn " +
                       count(max_part_bytes / 1048576) +
                       " MiB: tệp bất thường (có thể là \"bom nén\"), không đọc");
        }
        return std::nullopt;
    }

    const std::string& path_;
    Diagnostics& diags_;
    std::unique_ptr<zip_t, ZipCloser> zip_;
    std::size_t unpacked_ = 0;
};

/// A relationship of a part: target part and type (its last path segment).
struct Rel {
    std::string target;
    std::string type;
};

std::map<std::string, Rel> read_rels(Package& pkg, const std::string& part) {
    std::map<std::string, Rel> out;
    pugi::xml_document doc;
    const std::string rels = rels_of(part);
    if (!pkg.has(rels) || !pkg.xml(rels, doc, false)) return out;
    pugi::xml_node root = child(doc, "Relationships");
    each(root, "Relationship", [&](pugi::xml_node r) {
        if (std::string_view(attr(r, "TargetMode").value()) == "External") return;
        std::string type = attr(r, "Type").value();
        type = type.substr(type.rfind('/') + 1);
        out[attr(r, "Id").value()] = {join_part(folder_of(part), attr(r, "Target").value()), type};
    });
    return out;
}

/// Reads the workbook: sheet list, shared strings, styles, then each sheet.
class XlsxReader {
public:
    XlsxReader(const std::string& path, Diagnostics& diags)
        : path_(path), diags_(diags), pkg_(path, diags) {}

    std::optional<Workbook> read(std::string_view bytes) {
        const std::size_t before = diags_.error_count();
        if (!pkg_.open(bytes)) return std::nullopt;
        if (pkg_.has("mimetype") && !pkg_.has("[Content_Types].xml")) {
            pkg_.file_error(
                "tệp là bảng tính OpenDocument (.ods) đổi tên, không phải .xlsx: hãy "
                "lưu lại dạng Excel (.xlsx)");
            return std::nullopt;
        }
        std::string workbook_part = "xl/workbook.xml";
        for (const auto& [id, rel] : read_rels(pkg_, "")) {
            if (rel.type == "officeDocument") workbook_part = rel.target;
        }
        pugi::xml_document wb_doc;
        if (!pkg_.xml(workbook_part, wb_doc, true)) return std::nullopt;
        pugi::xml_node wb = child(wb_doc, "workbook");
        Workbook out;
        out.path = path_;
        const std::string_view d1904 = attr(child(wb, "workbookPr"), "date1904").value();
        out.date1904 = d1904 == "1" || d1904 == "true";
        const std::map<std::string, Rel> rels = read_rels(pkg_, workbook_part);
        std::string strings_part, styles_part;
        for (const auto& [id, rel] : rels) {
            if (rel.type == "sharedStrings") strings_part = rel.target;
            if (rel.type == "styles") styles_part = rel.target;
        }
        if (!strings_part.empty() && !read_shared_strings(strings_part)) return std::nullopt;
        if (!styles_part.empty() && !read_styles(styles_part)) return std::nullopt;
        std::vector<std::string> parts;
        each(child(wb, "sheets"), "sheet", [&](pugi::xml_node s) {
            Sheet sheet;
            const std::string_view name = attr(s, "name").value();
            sheet.name = text::find_invalid_utf8(name) ? "?" : text::nfc(name);
            const std::string_view state = attr(s, "state").value();
            sheet.hidden = state == "hidden" || state == "veryHidden";
            auto rel = rels.find(attr(s, "id").value());
            parts.push_back(rel != rels.end() && rel->second.type == "worksheet"
                                ? rel->second.target
                                : std::string());
            out.sheets.push_back(std::move(sheet));
        });
        if (out.sheets.empty()) {
            pkg_.file_error("bảng tính không có trang tính nào");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < out.sheets.size(); ++i) {
            // A chart sheet or a dialog sheet holds no cells: it stays empty.
            if (parts[i].empty()) continue;
            if (!read_sheet(parts[i], out.sheets[i])) return std::nullopt;
        }
        if (diags_.error_count() != before) return std::nullopt;
        return out;
    }

private:
    bool read_shared_strings(const std::string& part) {
        pugi::xml_document doc;
        if (!pkg_.xml(part, doc, true)) return false;
        each(child(doc, "sst"), "si",
             [&](pugi::xml_node si) { strings_.push_back(string_item_text(si)); });
        return true;
    }

    bool read_styles(const std::string& part) {
        pugi::xml_document doc;
        if (!pkg_.xml(part, doc, true)) return false;
        pugi::xml_node ss = child(doc, "styleSheet");
        std::map<int, std::string> codes;
        each(child(ss, "numFmts"), "numFmt", [&](pugi::xml_node f) {
            codes[attr(f, "numFmtId").as_int(-1)] = attr(f, "formatCode").value();
        });
        each(child(ss, "cellXfs"), "xf", [&](pugi::xml_node xf) {
            const int id = attr(xf, "numFmtId").as_int(0);
            auto it = codes.find(id);
            const std::string_view code = it == codes.end() ? std::string_view() : it->second;
            date_styles_.push_back(is_date_format(id, code));
            percent_styles_.push_back(is_percent_format(id, code));
        });
        return true;
    }

    void cell_error(const Sheet& s, int row, int col, std::string message) {
        diags_.at_cell(path_, s.name, row, col, std::move(message));
    }

    bool read_sheet(const std::string& part, Sheet& sheet) {
        pugi::xml_document doc;
        if (!pkg_.xml(part, doc, true)) return false;
        pugi::xml_node ws = child(doc, "worksheet");
        const std::size_t errors_before = diags_.error_count();
        int last_row = 0;
        for (pugi::xml_node row = child(child(ws, "sheetData"), "row"); row;
             row = row.next_sibling()) {
            if (row.type() != pugi::node_element || local(row.name()) != "row") continue;
            const int r = attr(row, "r").as_int(last_row + 1);
            if (r < 1 || r > 1048576) {
                cell_error(sheet, 0, 0, "số dòng " + std::to_string(r) + " không hợp lệ: tệp hỏng");
                return false;
            }
            last_row = r;
            int last_col = 0;
            for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
                if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
                if (++cells_ > max_cells) {
                    pkg_.file_error("bảng tính có hơn " + count(max_cells) +
                                    " ô: quá giới hạn chương trình đọc");
                    return false;
                }
                int cr = r, cc = last_col + 1;
                if (pugi::xml_attribute ref = attr(c, "r")) {
                    if (!parse_ref(ref.value(), cr, cc)) {
                        cell_error(
                            sheet, r, 0,
                            "ô có tên \"" + std::string(ref.value()) + "\" không hợp lệ: tệp hỏng");
                        return false;
                    }
                }
                last_col = cc;
                std::optional<Cell> cell = read_cell(c, sheet, cr, cc);
                if (!cell) continue;
                if (cr > max_rows) {
                    cell_error(sheet, 0, 0,
                               "trang tính có dữ liệu ở ô " + cell_name(cr, cc) +
                                   ", quá giới hạn " + count(static_cast<std::size_t>(max_rows)) +
                                   " dòng chương trình đọc");
                    return false;
                }
                sheet.cells.push_back(std::move(*cell));
                if (diags_.error_count() - errors_before >= 100) return false;
            }
        }
        std::stable_sort(sheet.cells.begin(), sheet.cells.end(), [](const Cell& a, const Cell& b) {
            return a.row != b.row ? a.row < b.row : a.col < b.col;
        });
        each(child(ws, "mergeCells"), "mergeCell", [&](pugi::xml_node m) {
            std::string_view ref = attr(m, "ref").value();
            std::size_t colon = ref.find(':');
            Merge mg;
            bool ok = parse_ref(ref.substr(0, colon), mg.first_row, mg.first_col);
            if (colon == std::string_view::npos) {
                mg.last_row = mg.first_row;
                mg.last_col = mg.first_col;
            } else {
                ok = ok && parse_ref(ref.substr(colon + 1), mg.last_row, mg.last_col);
            }
            if (ok && (mg.last_row > mg.first_row || mg.last_col > mg.first_col)) {
                sheet.merges.push_back(mg);
            }
        });
        return diags_.error_count() == errors_before;
    }

    /// The cell's value, or nullopt when it holds nothing (or was reported).
    std::optional<Cell> read_cell(pugi::xml_node c, const Sheet& sheet, int row, int col) {
        Cell cell;
        cell.row = row;
        cell.col = col;
        const std::string_view t = attr(c, "t").value();
        pugi::xml_node v = child(c, "v");
        const std::string value = v ? inner_text(v) : std::string();
        const TextPlace at{&path_, &sheet.name, row, col};
        auto text_cell = [&](std::string_view raw) -> std::optional<Cell> {
            std::optional<std::string> s = detail::clean_text(raw, at, diags_);
            if (!s || s->empty()) return std::nullopt;
            cell.type = CellType::text;
            cell.text = std::move(*s);
            return cell;
        };
        if (t == "s") {
            if (!v) return std::nullopt;
            std::size_t index = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
            if (ec != std::errc() || p != value.data() + value.size() || index >= strings_.size()) {
                cell_error(sheet, row, col,
                           "ô chỉ tới chuỗi dùng chung số " + quote(value) +
                               ", không có trong tệp: tệp hỏng");
                return std::nullopt;
            }
            return text_cell(strings_[index]);
        }
        if (t == "inlineStr") {
            pugi::xml_node is = child(c, "is");
            return is ? text_cell(string_item_text(is)) : std::nullopt;
        }
        if (t == "str") {
            if (!v) return pending(c, cell);
            return text_cell(unescape_ooxml(value));
        }
        if (t == "e") {
            cell.type = CellType::error;
            cell.text = value;
            return cell;
        }
        if (t == "b") {
            if (!v) return pending(c, cell);
            cell.type = CellType::boolean;
            cell.number = value == "1" || value == "true" ? 1 : 0;
            return cell;
        }
        if (!v || value.empty()) return pending(c, cell);
        if (t == "d") {
            // An ISO 8601 date written as such (strict OOXML): as a date serial.
            std::optional<text::Date> d = text::parse_date(std::string_view(value).substr(0, 10));
            if (!d || !d->complete()) {
                cell_error(sheet, row, col, "ô ngày " + quote(value) + " không đọc được");
                return std::nullopt;
            }
            cell.type = CellType::number;
            cell.number = static_cast<double>(text::days_from_civil(*d) -
                                              text::days_from_civil({1899, 12, 30}));
            cell.date = true;
            return cell;
        }
        double number = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (ec != std::errc() || p != value.data() + value.size()) {
            cell_error(sheet, row, col, "ô số " + quote(value) + " không đọc được: tệp hỏng");
            return std::nullopt;
        }
        cell.type = CellType::number;
        cell.number = number;
        const int style = attr(c, "s").as_int(0);
        if (style >= 0 && static_cast<std::size_t>(style) < date_styles_.size()) {
            cell.date = date_styles_[static_cast<std::size_t>(style)];
            cell.percent = percent_styles_[static_cast<std::size_t>(style)];
        }
        return cell;
    }

    /// A cell without a value: empty, unless it has a formula whose result was never
    /// computed (a file written by a program that does not calculate), which the reader of
    /// the cell must not take for an empty one.
    static std::optional<Cell> pending(pugi::xml_node c, Cell& cell) {
        pugi::xml_node f = child(c, "f");
        if (!f) return std::nullopt;
        cell.type = CellType::formula;
        cell.text = "=" + inner_text(f);
        return cell;
    }

    /// A value from the file's XML for a message: printable ASCII only (it is a number or
    /// an index when the file is sound), cut to 40 characters.
    static std::string quote(std::string_view s) {
        std::string out = "\"";
        for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
            out += s[i] >= 0x20 && s[i] < 0x7F ? s[i] : '?';
        }
        return out + (s.size() > 40 ? "…\"" : "\"");
    }

    const std::string& path_;
    Diagnostics& diags_;
    Package pkg_;
    std::vector<std::string> strings_;
    std::vector<bool> date_styles_;
    std::vector<bool> percent_styles_;
    std::size_t cells_ = 0;
};

}  // namespace

std::optional<Workbook> read_xlsx(const std::string& path, std::string_view bytes,
                                  Diagnostics& diags) {
    return XlsxReader(path, diags).read(bytes);
}

}  // namespace thidua::sheet
