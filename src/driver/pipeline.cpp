#include "driver/pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <chrono>
#include <atomic>
#include <malloc.h>
#include <map>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "base/alloc_watch.hpp"
#include "base/files.hpp"
#include "base/text.hpp"
#include "campaign/plan_layout.hpp"
#include "campaign/campaign.hpp"
#include "campaign/new_campaign.hpp"
#include "campaign/nomination.hpp"
#include "campaign/schema.hpp"
#include "doc/document.hpp"
#include "doc/sanitize.hpp"
#include "driver/batch.hpp"
#include "driver/data_dir.hpp"
#include "driver/glyphs.hpp"
#include "driver/interrupt.hpp"
#include "driver/messages.hpp"
#include "driver/output_set.hpp"
#include "driver/progress.hpp"
#include "layout/fonts.hpp"
#include "layout/layout.hpp"
#include "render/docx/docx_writer.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "render/xlsx/roster_workbook.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "template/template.hpp"

namespace thidua::driver {

namespace {

namespace fs = std::filesystem;
using json = Json;

const char* const kFallbackDate = "2000-01-01";

/// The data folder, the schema and the campaign, as far as they loaded.
struct Inputs {
    std::optional<DataDir> data;
    std::optional<Schema> schema;
    std::optional<Campaign> campaign;
    std::optional<Json> layout;  ///< the default layout of the plan
};

/// Loads the plan's default layout: the --templates folder's bo-cuc-ke-hoach.json, else the
/// program's. nullopt (with an error) when the file is broken.
std::optional<json> load_default_layout(const Options& opt, const DataDir& data, Diagnostics& diags) {
    std::string path = data.templates() + "/" + default_layout_file;
    if (!opt.templates_dir.empty()) {
        std::error_code ec;
        const std::string own = opt.templates_dir + "/" + default_layout_file;
        if (fs::is_regular_file(own, ec)) path = own;
    }
    std::optional<JsonDoc> doc = parse_json_file(path, diags);
    if (!doc) return std::nullopt;
    if (!valid_default_layout(doc->value, path, diags)) return std::nullopt;
    return std::move(doc->value);
}

/// Finds the data folder, loads the schema, then loads and checks the campaign.
Inputs load_inputs(const Options& opt, Diagnostics& diags) {
    Inputs in;
    in.data = find_data_dir(diags);
    if (!in.data) return in;
    in.schema = Schema::load(in.data->schema(), diags);
    if (!in.schema) return in;
    in.layout = load_default_layout(opt, *in.data, diags);
    if (!in.layout) return in;
    in.campaign = load_campaign(opt.campaign, *in.schema, diags, &*in.layout);
    return in;
}

/// Returns the templates folder to read, or nullopt with an error when the one given
/// does not exist.
std::optional<std::string> templates_dir(const Options& opt, const DataDir& data,
                                         Diagnostics& diags) {
    std::string dir = opt.templates_dir.empty() ? data.templates() : opt.templates_dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        diags.error_general("không tìm thấy thư mục mẫu văn bản " + in_quotes(dir));
        return std::nullopt;
    }
    return dir;
}

/// Finds the fonts: --fonts, else THIDUA_FONT_DIR, else the data folder's fonts/ and the
/// system's Liberation Serif.
std::optional<layout::FontSet> load_fonts(const Options& opt, const DataDir& data,
                                          Diagnostics& diags) {
    std::string dir = opt.fonts_dir;
    if (dir.empty()) {
        if (const char* env = std::getenv("THIDUA_FONT_DIR")) dir = env;
    }
    return layout::find_fonts(dir, data.fonts(), diags);
}

/// Compiles the template of `kind`.
std::optional<tpl::Compiled> compile_kind(const DocumentKind& kind, const std::string& dir,
                                          const DataDir& data, const Schema& schema,
                                          Diagnostics& diags) {
    tpl::DirectorySource source(dir, data.templates());
    return tpl::compile(source, std::string(kind.name), schema.root(), diags);
}

const json* units_of(const json& campaign) {
    const json* units = lookup_pointer(campaign, "/units");
    return units != nullptr && units->is_array() ? units : nullptr;
}

/// The array the documents of `kind` are made for, or nullptr (one document).
const json* items_of(const DocumentKind& kind, const json& campaign) {
    if (kind.each == Each::campaign) return nullptr;
    const json* items = lookup_pointer(campaign, each_pointer(kind.each));
    return items != nullptr && items->is_array() ? items : nullptr;
}

std::string name_of(const json& item) {
    auto it = item.is_object() ? item.find("name") : item.end();
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The issuing body's full name (issuer.full_name, else issuer.name): the author of a file
/// that gathers the documents of several units.
std::string issuer_name(const json& campaign) {
    auto it = campaign.find("issuer");
    if (it == campaign.end() || !it->is_object()) return {};
    auto full = it->find("full_name");
    if (full != it->end() && full->is_string() && !full->get<std::string>().empty()) return full->get<std::string>();
    return name_of(*it);
}

/// One document to render: what is bound, its file name, who it is for.
struct Target {
    tpl::Bindings bindings;
    const json* item = nullptr;
    std::string file;
};

/// The documents a kind gives for this campaign: one, or one per unit or nominee.
std::vector<Target> targets_of(const DocumentKind& kind, const json& campaign) {
    std::vector<Target> out;
    const json* items = items_of(kind, campaign);
    std::vector<std::string> files = output_file_names(kind, items);
    if (kind.each == Each::campaign) {
        out.push_back({{}, nullptr, files.at(0)});
        return out;
    }
    const json* council = lookup_pointer(campaign, "/nomination/council");
    for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
        const json* item = &(*items)[i];
        // A nominee short of its vote share has had its warning; no dossier is made for it.
        if (kind.passing_only && (council == nullptr || !vote_passes(*item, *council))) continue;
        out.push_back({{{std::string(each_variable(kind.each)), item}}, item, files.at(i)});
    }
    return out;
}

/// Fills the manifest fields saying who a document is for.
void set_for(ManifestEntry& e, const DocumentKind& kind, const json* item) {
    if (item == nullptr) return;
    if (kind.each == Each::unit) e.unit = name_of(*item);
    if (kind.each == Each::nominee) e.nominee = name_of(*item);
}

/// Copies diagnostics that carry only a JSON pointer (the XLSX writer's) into `out` with
/// the campaign file's line and column, or the spreadsheet cell the value was read from.
void locate_in_campaign(const Diagnostics& local, const JsonDoc& doc, Diagnostics& out) {
    for (Diagnostic d : local.all()) {
        if (d.file.empty() && !d.pointer.empty() && doc.positions.cell(d.pointer) != nullptr) {
            // A value read from a spreadsheet (units_file): the cell it came from.
            const CellPlace* c = doc.positions.cell(d.pointer);
            d.cell = true;
            d.file = c->file;
            d.sheet = c->sheet;
            d.line = c->row;
            d.col = c->col;
        } else if (d.file.empty() && !d.pointer.empty()) {
            LineCol lc = doc.source.line_col(doc.positions.value_offset(d.pointer));
            d.file = doc.source.path();
            d.line = lc.line;
            d.col = lc.col;
            std::string_view line = doc.source.line_text(lc.line);
            d.source_line = line.size() <= detail::max_source_line_bytes ? std::string(line)
                                                                         : std::string();
        }
        out.add(std::move(d));
    }
}

/// Fills a template for one unit, nominee or the campaign and pins the creation date.
std::optional<doc::Document> build_document(const tpl::Compiled& compiled,
                                            const Campaign& campaign,
                                            const tpl::Bindings& bindings,
                                            const std::string& created, Diagnostics& diags) {
    // While "[…]" marks are left the documents are drafts: `du_thao` prints "DỰ THẢO".
    static const json draft_true = true;
    tpl::Bindings with_draft = bindings;
    if (campaign.draft) with_draft["du_thao"] = &draft_true;
    std::optional<doc::Document> d = tpl::render(compiled, campaign.doc, with_draft, diags);
    if (d) d->created = created;
    return d;
}

/// Makes a filled document ready for every backend, once: numbers no backend can use are
/// replaced (with warnings) and the rules under paragraphs are measured into the tree.
void prepare_document(doc::Document& d, const layout::FontSet& fonts, Diagnostics& diags) {
    doc::sanitize(d, diags);
    layout::measure_rules(d, fonts);
}

/// Lays a prepared document out, after checking the fonts have its characters; nullopt
/// when that fails (the errors in `diags`). `notes`, when given, also receives the layout
/// warnings (see CombinedFile).
std::optional<layout::Pages> lay_out(const doc::Document& d, const layout::FontSet& fonts,
                                     Diagnostics& diags, doc::Warnings* notes = nullptr) {
    const std::size_t errors = diags.error_count();
    if (!layout::check_glyphs(d, fonts, diags)) return std::nullopt;
    layout::Pages pages = layout::layout_document(d, fonts, diags, notes);
    if (diags.error_count() != errors) return std::nullopt;
    return pages;
}

/// Prints a laid-out document to PDF bytes (tagged: a document of its own).
std::optional<std::string> print_pdf(const doc::Document& d, const layout::Pages& pages,
                                     const layout::FontSet& fonts, Diagnostics& diags) {
    pdf::PdfInfo info = pdf::info_from(d.title, d.author, d.subject, d.created, diags);
    return pdf::write_pdf(d, pages, fonts, info, diags);
}

/// An open file with no name (made in `dir` and unlinked at once): where a combined file
/// keeps what it has made of its parts until it is written. Closed, and gone, with it.
class SpillFile {
public:
    SpillFile() = default;
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;
    ~SpillFile() {
        guard_.release();
        if (fd_ >= 0) ::close(fd_);
    }
    /// Opens it as `path` (in the staging folder) and removes the name; false with an error.
    /// An interrupt closes it before removing the staging folder (on FUSE an open removed
    /// file would keep the folder: scripts/test-filesystems, exFAT, hung there).
    bool open(const std::string& path, Diagnostics& diags) {
        guard_.reserve();
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd_ < 0) {
            diags.error_general("không tạo được tệp tạm " + in_quotes(path) + ": " + files::errno_text(errno));
            return false;
        }
        guard_.arm(-1, "", Scratch::descriptor, fd_);
        ::unlink(path.c_str());
        return true;
    }
    int fd() const { return fd_; }

private:
    int fd_ = -1;
    ScratchGuard guard_;
};

/// The file a kind makes of all its documents (every unit's form in one file, to be
/// printed), made part by part as the documents are: each part's PDF pages and Word XML
/// go to spill files as soon as it is made, so memory does not grow with the units; the
/// files are written at the end, the bytes the parts joined in one tree would give.
struct CombinedFile {
    SpillFile pdf_spill, docx_spill;
    std::optional<pdf::CombinedPdf> pdf;
    std::optional<docx::CombinedDocx> docx;
    doc::Warnings notes;  ///< the layout warnings of all parts: the whole file's
    std::size_t parts = 0;
    std::string title, author, subject;  ///< the first part's
    std::string first_name;              ///< whom the first part is for
    bool same_author = true;             ///< every part has the first part's author
};

/// Writes the workbook of `kind` (the tracking workbook, or the roster to fill) to `path`,
/// with the writer's findings placed in the campaign file. Returns the number of sheets,
/// or nullopt. `write_failed`, when given, tells a failure to write the file (a full disk)
/// from a finding about the campaign. `shown`, when given, is how messages name `path`
/// (the output folder's file, when `path` is its staging place).
std::optional<std::size_t> make_xlsx(const DocumentKind& kind, const Campaign& campaign,
                                     const std::string& path, Diagnostics& diags,
                                     bool* write_failed = nullptr, const std::string* shown = nullptr) {
    Diagnostics local;
    const bool roster = kind.name == roster_kind;
    if (write_failed != nullptr) *write_failed = false;
    bool ok = false;
    if (roster) {
        ok = xlsx::write_roster_workbook(campaign.doc.value, path, local);
    } else {
        // The tracking workbook's sheets wait in a spill file beside it (without a name, and
        // closed by the interrupt handler before it removes anything).
        const std::size_t slash = path.find_last_of('/');
        const std::string spill_path =
            (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "." +
            (slash == std::string::npos ? path : path.substr(slash + 1)) + ".spill";
        SpillFile spill;
        if (!spill.open(spill_path, local)) {
            if (write_failed != nullptr) *write_failed = true;
        } else {
            ok = xlsx::write_tracking_workbook(campaign.doc.value, path, local, write_failed,
                                               spill.fd());
        }
    }
    if (shown != nullptr) {
        // A message names the file where the user will look for it, not its staging place.
        Diagnostics named;
        for (Diagnostic d : local.all()) {
            for (std::size_t at = d.message.find(path); at != std::string::npos;
                 at = d.message.find(path, at + shown->size())) {
                d.message.replace(at, path.size(), *shown);
            }
            named.add(std::move(d));
        }
        local = std::move(named);
    }
    locate_in_campaign(local, campaign.doc, diags);
    if (!ok || local.has_errors()) return std::nullopt;
    return roster ? xlsx::roster_sheet_count() : xlsx::workbook_sheet_count(campaign.doc.value);
}

/// Reports why `kind` cannot be produced for this campaign, when it cannot (and `report`);
/// true when it can.
bool applicable(const DocumentKind& kind, const Campaign& campaign, bool report,
                Diagnostics& diags) {
    const json& c = campaign.doc.value;
    const std::string name = in_quotes(std::string(kind.name));
    auto refuse = [&](const std::string& pointer, const std::string& why) {
        if (report) error_at_value(campaign.doc, diags, pointer, "không lập được " + name + ": " + why);
        return false;
    };
    if (!kind.needs.empty() && !has_value(c, kind.needs)) {
        std::string field(kind.needs.substr(1));
        if (kind.needs == "/units") return refuse("/units", "tệp chưa có đơn vị tham gia nào (\"units\")");
        return refuse(std::string(kind.needs), "tệp chưa có \"" + field + "\"");
    }
    if (kind.each == Each::unit && !has_units(c)) {
        return refuse("/units", "tệp chưa có đơn vị tham gia nào (\"units\")");
    }
    if (kind.each == Each::nominee && !has_value(c, each_pointer(kind.each))) {
        return refuse(std::string(each_pointer(kind.each)),
                      "tệp chưa có ai được đề nghị khen thưởng (\"nomination.nominees\")");
    }
    if (kind.format == OutputFormat::xlsx && kind.name != roster_kind && !has_indicators(c) &&
        !has_areas(c)) {
        return refuse("/campaign",
                      "kế hoạch chưa có chỉ tiêu nào (\"indicators\" trong \"campaign\" hoặc "
                      "trong các mục của \"campaign.areas\") và cũng chưa có nội dung thi đua "
                      "nào (\"campaign.areas\") để theo dõi");
    }
    return true;
}

/// Returns the element `which` names (a 1-based number, an id or a name) of the list a
/// per-unit or per-nominee kind is made for.
const json* pick_item(const DocumentKind& kind, const Campaign& campaign, const std::string& which,
                      Diagnostics& diags) {
    const json* items = items_of(kind, campaign.doc.value);
    const std::size_t count = items ? items->size() : 0;
    const bool unit = kind.each == Each::unit;
    const std::string option = unit ? "--unit" : "--nominee";
    const std::string noun = unit ? "đơn vị" : "người được đề nghị";
    if (count == 0) {
        error_at_value(campaign.doc, diags, std::string(each_pointer(kind.each)),
                       "văn bản " + in_quotes(std::string(kind.name)) + " lập cho từng " + noun +
                           ", nhưng tệp chưa có " + noun + " nào");
        return nullptr;
    }
    if (which.empty()) {
        diags.error_general("văn bản " + in_quotes(std::string(kind.name)) + " lập cho từng " + noun +
                            ": chọn bằng " + option + " SỐ (1 đến " + std::to_string(count) +
                            "), " + option + " MÃ hoặc " + option + " TÊN");
        return nullptr;
    }
    if (which.find_first_not_of("0123456789") == std::string::npos && which.size() < 10) {
        std::size_t n = std::stoul(which);
        if (n >= 1 && n <= count) return &(*items)[n - 1];
    }
    const std::string want = text::nfc(which);
    for (const auto& item : *items) {
        auto id = item.is_object() ? item.find("id") : item.end();
        if (id != item.end() && id->is_string() && id->get<std::string>() == which) return &item;
        if (text::nfc(name_of(item)) == want) return &item;
    }
    diags.error_general("không có " + noun + " " + in_quotes(which) + " (tệp có " +
                        std::to_string(count) + " " + noun + ")");
    return nullptr;
}

std::string pages_text(std::size_t n) { return std::to_string(n) + " trang"; }

/// "dang-ky-tdp-01.pdf" → "dang-ky-tdp-01.docx": the Word file beside the PDF.
std::string docx_name(const std::string& pdf_name) {
    const std::string stem = pdf_name.size() > 4 && pdf_name.compare(pdf_name.size() - 4, 4, ".pdf") == 0
                                 ? pdf_name.substr(0, pdf_name.size() - 4)
                                 : pdf_name;
    return stem + ".docx";
}

}  // namespace

void print_diagnostics(const Diagnostics& diags) {
    std::string out = diags.format(true);
    std::size_t warnings = 0;
    for (const auto& d : diags.all()) {
        if (d.severity == Severity::warning) ++warnings;
    }
    if (diags.error_count() > 0 || warnings > 0) {
        out += "thidua: ";
        if (diags.error_count() > 0) out += std::to_string(diags.error_count()) + " lỗi";
        if (warnings > 0) {
            if (diags.error_count() > 0) out += ", ";
            out += std::to_string(warnings) + " cảnh báo";
        }
        out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stderr);
    std::fflush(stderr);
}

std::string creation_date(const json& campaign, const char* source_date_epoch,
                          Diagnostics& diags) {
    if (source_date_epoch != nullptr && *source_date_epoch != '\0') {
        std::string s = source_date_epoch;
        bool digits = s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
        if (digits) {
            std::time_t t = static_cast<std::time_t>(std::stoll(s));
            std::tm tm{};
            if (::gmtime_r(&t, &tm) != nullptr && tm.tm_year + 1900 <= 9999) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900,
                              tm.tm_mon + 1, tm.tm_mday);
                return buf;
            }
        }
        Diagnostic d;
        d.severity = Severity::warning;
        d.message = "biến môi trường SOURCE_DATE_EPOCH=" + quote_for_message(s) +
                    " không phải số giây kể từ 01/01/1970; bỏ qua";
        diags.add(std::move(d));
    }
    if (const json* date = lookup_pointer(campaign, "/document/date");
        date != nullptr && date->is_string()) {
        const std::string& iso = date->get_ref<const std::string&>();
        std::optional<text::Date> d = text::parse_date(iso);
        if (d && d->complete()) return iso;
    }
    return kFallbackDate;
}

bool has_units(const json& campaign) {
    const json* units = units_of(campaign);
    return units != nullptr && !units->empty();
}

bool has_value(const json& campaign, std::string_view pointer) {
    const json* v = lookup_pointer(campaign, pointer);
    if (v == nullptr || v->is_null()) return false;
    if (v->is_array() || v->is_object() || v->is_string()) return !v->empty();
    return true;
}

std::optional<fs::path> private_temp_dir() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec || base.empty()) base = "/tmp";
    std::string pattern = (base / "thidua-check-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return std::nullopt;
    return fs::path(pattern);
}

bool has_indicators(const json& campaign) {
    auto non_empty = [](const json* v) { return v != nullptr && v->is_array() && !v->empty(); };
    if (non_empty(lookup_pointer(campaign, "/campaign/indicators"))) return true;
    const json* areas = lookup_pointer(campaign, "/campaign/areas");
    if (areas == nullptr || !areas->is_array()) return false;
    for (const auto& a : *areas) {
        if (!a.is_object()) continue;
        auto it = a.find("indicators");
        if (it != a.end() && non_empty(&*it)) return true;
    }
    return false;
}

bool has_areas(const json& campaign) {
    const json* areas = lookup_pointer(campaign, "/campaign/areas");
    return areas != nullptr && areas->is_array() && !areas->empty();
}

nlohmann::ordered_json manifest_entry(const ManifestEntry& e) {
    nlohmann::ordered_json f;
    f["kind"] = e.kind;
    f["unit"] = e.unit ? nlohmann::ordered_json(*e.unit) : nlohmann::ordered_json();
    if (e.nominee) f["nominee"] = *e.nominee;
    f["path"] = e.path;
    f["format"] = e.format;
    f["pages"] = e.pages ? nlohmann::ordered_json(*e.pages) : nlohmann::ordered_json();
    f["sheets"] = e.sheets ? nlohmann::ordered_json(*e.sheets) : nlohmann::ordered_json();
    return f;
}

void ManifestText::add(const ManifestEntry& e) {
    // Each entry dumped alone and indented two levels deeper: the whole list as one JSON
    // value would take a kilobyte an entry.
    text_ += empty_ ? "\n    " : ",\n    ";
    empty_ = false;
    // A dumped string never holds a line end (it is escaped): each one starts a line.
    for (char c : manifest_entry(e).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) {
        text_ += c;
        if (c == '\n') text_ += "    ";
    }
}

void ManifestText::close() { text_ += empty_ ? "]\n}\n" : "\n  ]\n}\n"; }

std::string manifest_json(const std::vector<ManifestEntry>& entries) {
    ManifestText m;
    m.text().reserve(32 + entries.size() * 200);  // an entry takes about 180 bytes
    for (const auto& e : entries) m.add(e);
    m.close();
    return std::move(m.text());
}

int run_check(const Options& opt) {
    Diagnostics diags;
    Inputs in = load_inputs(opt, diags);
    if (!in.schema) {
        print_diagnostics(diags);
        return exit_input;
    }
    // Compile every template even when the campaign has errors: one run shows all.
    std::optional<std::string> dir = templates_dir(opt, *in.data, diags);
    std::map<std::string_view, tpl::Compiled> compiled;
    bool all_compiled = dir.has_value();
    if (dir) {
        for (const auto& kind : document_kinds()) {
            if (kind.template_file.empty()) continue;
            auto c = compile_kind(kind, *dir, *in.data, *in.schema, diags);
            if (c) {
                compiled.emplace(kind.name, std::move(*c));
            } else {
                all_compiled = false;
            }
        }
    }
    // Then fill every template with the campaign, and check the fonts have every
    // character and the workbook can be built: what render would find, without writing.
    if (in.campaign && all_compiled) {
        const json& c = in.campaign->doc.value;
        const std::string created = creation_date(c, std::getenv("SOURCE_DATE_EPOCH"), diags);
        std::optional<layout::FontSet> fonts = load_fonts(opt, *in.data, diags);
        // A character the fonts lack is reported where it is written, in the campaign
        // file or a template; the documents are then not checked again (that check can
        // only name the paragraph).
        bool glyphs_ok = true;
        if (fonts) {
            GlyphCheck glyphs(*fonts, diags);
            glyphs_ok = glyphs.campaign(in.campaign->doc);
            for (const auto& [name, c] : compiled) glyphs_ok = glyphs.template_text(c.tpl) && glyphs_ok;
        }
        for (const auto& kind : document_kinds()) {
            // A kind the campaign has no data for (no units, no nomination) is not made.
            if (kind.on_request || !applicable(kind, *in.campaign, false, diags)) continue;
            if (kind.format == OutputFormat::pdf) {
                for (const Target& t : targets_of(kind, c)) {
                    auto d = build_document(compiled.at(kind.name), *in.campaign, t.bindings,
                                            created, diags);
                    if (d && fonts && glyphs_ok) layout::check_glyphs(*d, *fonts, diags);
                }
            } else if (std::optional<fs::path> dir = private_temp_dir()) {
                // The workbook is written only to a file: try it in a folder of our own
                // (removed even if we are interrupted), then remove it.
                const int parent = ::open(dir->parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                ScratchGuard guard(parent, dir->filename().string(), Scratch::folder);
                Diagnostics local;
                bool write_failed = false;
                const bool ok = make_xlsx(kind, *in.campaign, (*dir / "theo-doi.xlsx").string(),
                                          local, &write_failed)
                                    .has_value();
                if (!ok && write_failed) {
                    // A full or unwritable TMPDIR says nothing about the campaign.
                    std::string why;
                    for (const auto& d : local.all()) why += (why.empty() ? "" : "; ") + d.message;
                    Diagnostic d;
                    d.severity = Severity::warning;
                    d.message = "không thử lập được bảng theo dõi Excel trong thư mục tạm (" + why +
                                "); \"render\" vẫn kiểm tra khi ghi";
                    diags.add(std::move(d));
                } else {
                    for (const Diagnostic& d : local.all()) diags.add(d);
                }
                remove_flat_folder(parent, dir->filename().c_str());
                guard.release();
                if (parent >= 0) ::close(parent);
            } else {
                Diagnostic d;
                d.severity = Severity::warning;
                d.message = "không thử lập được bảng theo dõi Excel: không tạo được thư mục tạm "
                            "(xem biến môi trường TMPDIR); \"render\" vẫn kiểm tra khi ghi";
                diags.add(std::move(d));
            }
        }
    }
    print_diagnostics(diags);
    if (diags.has_errors()) return exit_input;
    std::printf("%s: không có lỗi\n", opt.campaign.c_str());
    return exit_ok;
}

int run_dump(const Options& opt) {
    Diagnostics diags;
    const DocumentKind* kind = find_kind(opt.kind);
    Inputs in = load_inputs(opt, diags);
    std::optional<std::string> dir;
    if (in.schema) dir = templates_dir(opt, *in.data, diags);
    std::optional<tpl::Compiled> compiled;
    if (dir) compiled = compile_kind(*kind, *dir, *in.data, *in.schema, diags);
    if (!in.campaign || !compiled) {
        print_diagnostics(diags);
        return exit_input;
    }
    if (!applicable(*kind, *in.campaign, true, diags)) {
        print_diagnostics(diags);
        return exit_input;
    }
    tpl::Bindings bindings;
    if (kind->each != Each::campaign) {
        const json* item = pick_item(*kind, *in.campaign,
                                     kind->each == Each::unit ? opt.unit : opt.nominee, diags);
        if (item == nullptr) {
            print_diagnostics(diags);
            return exit_input;
        }
        bindings[std::string(each_variable(kind->each))] = item;
    }
    const std::string created =
        creation_date(in.campaign->doc.value, std::getenv("SOURCE_DATE_EPOCH"), diags);
    auto d = build_document(*compiled, *in.campaign, bindings, created, diags);
    print_diagnostics(diags);
    if (!d || diags.has_errors()) return exit_input;
    std::string text = doc::dump(*d);
    // Every write is checked, not only the last flush: on a full disk the first block may
    // go and the rest not.
    errno = 0;
    const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
    if (std::fflush(stdout) == 0 && written && !std::ferror(stdout)) return exit_ok;
    const int err = errno;
    Diagnostics out;
    out.error_general("không ghi được cây văn bản ra đầu ra chuẩn" +
                      (err != 0 ? ": " + files::errno_text(err) : std::string()));
    print_diagnostics(out);
    return exit_input;
}

namespace {

/// What every campaign of one `render` shares, loaded once per process: the templates
/// folder, the fonts and each kind's compiled template. For a batch everything the
/// options may need is loaded before the first campaign (load_all) and only read after,
/// from any thread; for one campaign each piece is loaded when first needed, its findings
/// among that campaign's, in the order a render has always reported them.
class Assets {
public:
    Assets(const Options& opt, const DataDir& data, const Schema& schema)
        : opt_(opt), data_(data), schema_(schema) {}

    /// Loads everything a campaign may need (batch); false with the errors in `diags`
    /// when something is missing or wrong: the templates, the fonts, a template that does
    /// not compile or writes a character the fonts lack.
    bool load_all(Diagnostics& diags) {
        const std::string* dir = templates(diags);
        const layout::FontSet* f = fonts(diags);
        std::optional<GlyphCheck> glyphs;
        if (f != nullptr && opt_.pdf) glyphs.emplace(*f, diags);
        for (const auto& kind : document_kinds()) {
            if (kind.format != OutputFormat::pdf || !wanted(kind) || dir == nullptr) continue;
            const tpl::Compiled* c = compiled(kind, diags);
            if (c != nullptr && glyphs) glyphs->template_text(c->tpl);
        }
        frozen_ = true;
        return !diags.has_errors();
    }
    /// True once load_all() ran: the templates' text was checked against the fonts there.
    bool frozen() const { return frozen_; }

    const std::string* templates(Diagnostics& diags) {
        if (!frozen_ && !templates_tried_) {
            templates_tried_ = true;
            templates_ = templates_dir(opt_, data_, diags);
        }
        return templates_ ? &*templates_ : nullptr;
    }
    const layout::FontSet* fonts(Diagnostics& diags) {
        if (!frozen_ && !fonts_tried_) {
            fonts_tried_ = true;
            fonts_ = load_fonts(opt_, data_, diags);
        }
        return fonts_ ? &*fonts_ : nullptr;
    }
    /// The compiled template of `kind` (compiled on first use), or nullptr when it does
    /// not compile.
    const tpl::Compiled* compiled(const DocumentKind& kind, Diagnostics& diags) {
        auto it = compiled_.find(kind.name);
        if (it == compiled_.end() && !frozen_) {
            const std::string* dir = templates(diags);
            std::optional<tpl::Compiled> c;
            if (dir != nullptr) c = compile_kind(kind, *dir, data_, schema_, diags);
            it = compiled_.emplace(kind.name, std::move(c)).first;
        }
        return it != compiled_.end() && it->second ? &*it->second : nullptr;
    }

    /// True when the options may ask for `kind`.
    bool wanted(const DocumentKind& kind) const {
        bool asked = false;
        for (const DocumentKind* k : opt_.only) asked = asked || k == &kind;
        return opt_.only.empty() ? !kind.on_request : asked;
    }

private:
    const Options& opt_;
    const DataDir& data_;
    const Schema& schema_;
    bool frozen_ = false;
    bool templates_tried_ = false, fonts_tried_ = false;
    std::optional<std::string> templates_;
    std::optional<layout::FontSet> fonts_;
    std::map<std::string_view, std::optional<tpl::Compiled>> compiled_;
};

/// What render_campaign wrote.
struct Rendered {
    std::string report;             ///< "Đã ghi DIR/ke-hoach.pdf (5 trang)\n"… (one campaign's stdout)
    std::size_t files = 0;          ///< with manifest.json
    std::size_t pages = 0;          ///< PDF pages
    std::size_t documents = 0;      ///< expected (progress)
    std::size_t documents_done = 0;
};

/// Renders one loaded campaign into `output_dir`, all or nothing. False (with the errors
/// in `diags`) when nothing was written. `committed_is_final`: the process's answer is
/// decided once this set is committed (one campaign, not a batch).
bool render_campaign(const Options& opt, const Campaign& campaign, const std::string& output_dir,
                     Assets& assets, Progress* progress, Diagnostics& diags, Rendered& result,
                     bool committed_is_final) {
    const json& c = campaign.doc.value;

    // Which kinds: those asked for (each must apply), or every kind that applies.
    std::vector<const DocumentKind*> kinds;
    for (const auto& kind : document_kinds()) {
        if (!assets.wanted(kind)) continue;
        const bool asked = !opt.only.empty();
        if (applicable(kind, campaign, asked, diags)) kinds.push_back(&kind);
    }
    if (diags.has_errors()) return false;

    // How many documents, for the progress line: each target, the combined file, each
    // workbook.
    for (const DocumentKind* k : kinds) {
        if (k->format != OutputFormat::pdf) {
            ++result.documents;
            continue;
        }
        const std::size_t n = targets_of(*k, c).size();
        result.documents += n + (k->combined && n > 0 ? 1 : 0);
    }
    if (progress != nullptr) progress->campaign_started(result.documents);

    // Each file goes to the output set (its staging place) as soon as it is made, so that
    // memory does not grow with the campaign; the set is prepared at the first file, after
    // every check that comes before the documents, and commits them all or none.
    const std::string created = creation_date(c, std::getenv("SOURCE_DATE_EPOCH"), diags);
    OutputSet outputs(output_dir);
    bool prepared = false;
    bool output_failed = false;  // the folder or a write failed: nothing more is made
    auto writable = [&] {
        if (output_failed || diags.has_errors()) return false;
        if (!prepared) {
            prepared = true;
            output_failed = !outputs.prepare(diags);
        }
        return !output_failed;
    };
    // manifest.json is written as the files are made, in pieces of about 64 KiB, and the
    // report's lines are made then too: the 20,000 entries of 10,000 units (about 250
    // bytes each as ManifestEntry, 180 as text) are not held until the end.
    ManifestText manifest;
    std::string report;     // "Đã ghi …" lines, given once the set is in place
    std::size_t listed = 0;       // files in the manifest
    std::size_t listed_pages = 0;
    constexpr std::size_t manifest_piece = 64 * 1024;
    auto record = [&](const ManifestEntry& e) {
        manifest.add(e);
        report += "Đã ghi " + outputs.display_path(e.path);
        if (e.pages) report += " (" + pages_text(*e.pages) + ")";
        if (e.sheets) report += " (" + std::to_string(*e.sheets) + " trang tính)";
        report += '\n';
        ++listed;
        listed_pages += e.pages.value_or(0);
        if (manifest.text().size() < manifest_piece) return true;
        if (!outputs.append("manifest.json", manifest.text(), diags)) {
            output_failed = true;
            return false;
        }
        manifest.text().clear();
        return true;
    };
    auto put = [&](const std::string& name, const std::string& bytes, const ManifestEntry& entry) {
        if (!writable()) return false;
        if (!outputs.write(name, bytes, diags)) {
            output_failed = true;
            return false;
        }
        return record(entry);
    };
    const std::string* dir = nullptr;
    const layout::FontSet* fonts = nullptr;
    std::optional<GlyphCheck> glyphs;
    bool glyphs_ok = true;
    bool need_templates = false;
    for (const DocumentKind* k : kinds) need_templates = need_templates || k->format == OutputFormat::pdf;
    if (need_templates) {
        dir = assets.templates(diags);
        fonts = assets.fonts(diags);
        // Characters the fonts lack, reported where they are written (see run_check): a
        // PDF embeds these fonts; a Word file only names its font.
        if (fonts && opt.pdf) {
            glyphs.emplace(*fonts, diags);
            glyphs_ok = glyphs->campaign(campaign.doc);
        }
        // Every template is compiled (and its own text checked: a batch did that once,
        // before the first campaign) before any file is made: their mistakes are known
        // before the workbooks are written.
        for (const DocumentKind* k : kinds) {
            if (k->format != OutputFormat::pdf || !dir) continue;
            const tpl::Compiled* compiled = assets.compiled(*k, diags);
            if (compiled && glyphs && !assets.frozen()) {
                glyphs_ok = glyphs->template_text(compiled->tpl) && glyphs_ok;
            }
        }
    }
    // The workbooks first: writing one (a sheet a unit) needs the most memory, and while
    // nothing else is held; the documents after it reuse what it gave back. Their entries
    // wait for their kind's place in the manifest, which lists the kinds in their order.
    std::vector<std::pair<const DocumentKind*, ManifestEntry>> workbooks;
    for (const DocumentKind* k : kinds) {
        if (output_failed) break;
        // The workbook is written by its library straight into the output set.
        if (k->format == OutputFormat::pdf || !writable()) continue;
        const std::string name = output_file_names(*k, nullptr).at(0);
        const std::string shown = outputs.display_path(name);
        auto sheets = make_xlsx(*k, campaign, outputs.stage(name), diags, nullptr, &shown);
        if (!sheets || !outputs.sync(name, diags)) continue;
        ManifestEntry e;
        e.kind = std::string(k->name);
        e.path = name;
        e.format = "xlsx";
        e.sheets = sheets;
        workbooks.emplace_back(k, std::move(e));
        ++result.documents_done;
        if (progress != nullptr) progress->document_done(1, 0);
    }
    for (const DocumentKind* k : kinds) {
        if (output_failed) break;
        if (k->format != OutputFormat::pdf) {
            for (const auto& [kind, e] : workbooks) {
                if (kind == k) record(e);
            }
            continue;
        }
        if (!dir) continue;
        const tpl::Compiled* compiled = assets.compiled(*k, diags);
        if (!compiled) continue;
        if (!glyphs_ok) continue;  // the documents could not be printed anyway
        // The combined file, when the kind has one; its spill files are opened with the
        // first part (the output set is prepared by then).
        std::optional<CombinedFile> combined;
        auto start_combined = [&]() -> bool {
            if (combined) return true;
            if (!writable()) return false;
            combined.emplace();
            const std::string base = "." + std::string(k->name) + ".spill-";
            if (opt.pdf) {
                if (!combined->pdf_spill.open(outputs.stage(base + "pdf"), diags)) return false;
                combined->pdf.emplace(*fonts, combined->pdf_spill.fd());
            }
            if (opt.docx) {
                if (!combined->docx_spill.open(outputs.stage(base + "docx"), diags)) return false;
                combined->docx.emplace(combined->docx_spill.fd());
            }
            return true;
        };
        // The PDF of a prepared document, then its Word file, as the formats ask, each
        // written as soon as it is made; a part of the combined file too when `part` is
        // given (its bookmark's title): laid out once for both.
        auto add = [&](const doc::Document& d, const std::string& pdf_name, const json* item,
                       const std::string* part) {
            ManifestEntry entry;
            entry.kind = std::string(k->name);
            set_for(entry, *k, item);
            std::size_t files = 0, pages = 0;
            if (opt.pdf) {
                auto laid = lay_out(d, *fonts, diags, part != nullptr ? &combined->notes : nullptr);
                if (!laid) return;
                pages = laid->pages.size();
                auto bytes = print_pdf(d, *laid, *fonts, diags);
                if (!bytes) return;
                ManifestEntry e = entry;
                e.path = pdf_name;
                e.format = "pdf";
                e.pages = pages;
                if (!put(pdf_name, *bytes, e)) return;
                ++files;
                if (part != nullptr && !combined->pdf->add(d, *laid, *part, diags)) return;
            }
            if (opt.docx) {
                auto bytes = docx::write_docx(d, diags);
                if (!bytes) return;
                ManifestEntry e = entry;
                e.path = docx_name(pdf_name);
                e.format = "docx";
                if (!put(e.path, *bytes, e)) return;
                ++files;
            }
            ++result.documents_done;
            if (progress != nullptr) progress->document_done(files, pages);
        };
        for (const Target& t : targets_of(*k, c)) {
            auto d = build_document(*compiled, campaign, t.bindings, created, diags);
            if (!d || !fonts || diags.has_errors() || output_failed) continue;
            prepare_document(*d, *fonts, diags);
            if (!k->combined) {
                add(*d, t.file, t.item, nullptr);
                continue;
            }
            // The unit's own file is written first: it prepares the output set.
            const std::string part = t.item != nullptr ? name_of(*t.item) : d->title;
            if (!writable() || !start_combined()) continue;
            add(*d, t.file, t.item, &part);
            if (diags.has_errors() || output_failed) continue;
            CombinedFile& all = *combined;
            if (all.parts++ == 0) {
                all.title = d->title;
                all.author = d->author;
                all.subject = d->subject;
                if (t.item != nullptr) all.first_name = name_of(*t.item);
            } else {
                all.same_author = all.same_author && d->author == all.author;
            }
            if (opt.docx && !all.docx->add(std::move(*d), diags)) continue;
        }
        if (combined && combined->parts > 0 && !diags.has_errors() && !output_failed) {
            CombinedFile& all = *combined;
            // The first part's title and author, made to speak of all the parts: "Bản
            // đăng ký thi đua của Thôn A trong …" becomes "… của 8 đơn vị trong …"; parts
            // by different authors (each unit its form) make a file of the issuing body.
            const std::string count = std::to_string(all.parts) + " đơn vị";
            const std::size_t at = all.first_name.empty() ? std::string::npos : all.title.find(all.first_name);
            if (at != std::string::npos) {
                all.title.replace(at, all.first_name.size(), count);
            } else {
                all.title += " (" + count + ")";
            }
            if (!all.same_author) all.author = issuer_name(c);
            ManifestEntry entry;
            entry.kind = std::string(k->name);
            const std::string pdf_name = std::string(k->name) + ".pdf";
            std::size_t files = 0, pages = 0;
            bool ok = true;
            if (opt.pdf) {
                all.notes.report(diags);  // what laying out the whole file says
                pdf::PdfInfo info = pdf::info_from(all.title, all.author, all.subject, created, diags);
                ok = all.pdf->finish(info, outputs.stage(pdf_name), diags) && outputs.sync(pdf_name, diags);
                if (ok) {
                    ManifestEntry e = entry;
                    e.path = pdf_name;
                    e.format = "pdf";
                    e.pages = pages = all.pdf->pages();
                    ++files;
                    if (!record(e)) ok = false;
                }
            }
            if (ok && opt.docx) {
                const std::string name = docx_name(pdf_name);
                ok = all.docx->finish(all.title, all.author, all.subject, created, outputs.stage(name), diags) &&
                     outputs.sync(name, diags);
                if (ok) {
                    ManifestEntry e = entry;
                    e.path = name;
                    e.format = "docx";
                    ++files;
                    ok = record(e);
                }
            }
            if (ok) {
                ++result.documents_done;
                if (progress != nullptr) progress->document_done(files, pages);
            }
        }
    }
    if (!diags.has_errors() && writable()) {
        manifest.close();
        output_failed = !outputs.append("manifest.json", manifest.text(), diags) ||
                        !outputs.sync("manifest.json", diags);
    }
    if (diags.has_errors() || !prepared || output_failed || !outputs.commit(diags)) {
        outputs.rollback();
        // What failed is the memory, not the input (see alloc_watch.hpp).
        if (thidua_allocation_failures() > 0) die_out_of_memory();
        return false;
    }
    // One campaign: its set is in place, whatever happens while reporting it, memory
    // refused included, the answer is 0 (a batch still has other campaigns running).
    if (committed_is_final) exit_on_out_of_memory(exit_ok);
    result.report += report;
    result.report += "Đã ghi " + outputs.display_path("manifest.json") + '\n';
    result.files = listed + 1;
    result.pages += listed_pages;
    return true;
}

/// `dir`/`name` as shown to the user.
std::string sub_folder(const std::string& dir, const std::string& name) {
    return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

/// The number of threads -j 0 (the default) means: the processors this process may use.
unsigned default_jobs() {
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

/// "1 chiến dịch", "3.321 tệp".
std::string counted(std::size_t n, const char* noun) {
    return text::number(static_cast<double>(n), 0) + " " + noun;
}

/// `render A.json B.json … -o DIR`, a folder or a list: each campaign into DIR/<name>/,
/// each all or nothing; one that fails does not stop the others.
int run_batch(const Options& opt, const std::vector<BatchItem>& items) {
    const auto start = std::chrono::steady_clock::now();
    Diagnostics setup;
    std::optional<DataDir> data = find_data_dir(setup);
    std::optional<Schema> schema;
    if (data) schema = Schema::load(data->schema(), setup);
    std::optional<Assets> assets;
    if (schema) {
        assets.emplace(opt, *data, *schema);
        assets->load_all(setup);
    }
    if (setup.has_errors()) {
        print_diagnostics(setup);
        std::fputs("thidua: không dựng chiến dịch nào\n", stderr);
        return exit_input;
    }
    // The folder the campaigns' folders go in exists before they start: each campaign's
    // rollback removes only what it made itself.
    std::error_code ec;
    bool made_root = false;
    if (!fs::exists(opt.output_dir, ec)) {
        made_root = fs::create_directories(opt.output_dir, ec);
        if (ec) {
            Diagnostics d;
            d.error_general("không tạo được thư mục kết quả " + in_quotes(opt.output_dir) + ": " + ec.message());
            print_diagnostics(d);
            return exit_input;
        }
    }

    const std::size_t n = items.size();
    const std::size_t jobs = std::min<std::size_t>(opt.jobs == 0 ? default_jobs() : opt.jobs, n);
    // One malloc arena per worker (and the main thread's), not glibc's default of eight
    // per core. A single arena shared by the workers made them queue on its lock: at -j 2,
    // 40 communes took 4.4-4.7 s of CPU and 2.8 s wall against 3.0-3.3 s and 2.0 s with an
    // arena each, for the same 29 MiB peak (scripts/bench --national 40, paired runs).
    ::mallopt(M_ARENA_MAX, static_cast<int>(std::min<std::size_t>(jobs + 1, 64)));
    Progress progress(::isatty(STDERR_FILENO) == 1, true, n);
    std::vector<Outcome> outcomes(n, Outcome::input_error);
    std::size_t files = 0, pages = 0;
    std::vector<std::string> failed;

    // What a campaign has to say, kept until every campaign before it has spoken: the
    // output is in the order given, whatever -j.
    struct Said {
        bool ready = false;
        bool ok = false;
        std::string err, out;
        std::size_t files = 0, pages = 0;
    };
    std::vector<Said> said(n);
    std::mutex said_mutex;
    std::size_t next_to_print = 0;
    std::atomic<std::size_t> next_campaign{0};

    // Renders campaign i; the templates, schema and fonts are shared read-only, everything
    // else (the campaign, its documents, its output set, its findings) is the thread's own.
    auto render_one = [&](std::size_t i) {
        const BatchItem& item = items[i];
        const std::string out_dir = sub_folder(opt.output_dir, item.name);
        Diagnostics diags;
        Rendered r;
        Said s;
        try {
            std::optional<Campaign> campaign = load_campaign(item.path, *schema, diags);
            s.ok = campaign && render_campaign(opt, *campaign, out_dir, *assets, &progress, diags, r, false);
            outcomes[i] = s.ok ? Outcome::ok : Outcome::input_error;
        } catch (const std::exception& e) {
            Diagnostic d;
            d.message = std::string("lỗi nội bộ: ") + e.what() +
                        " (lỗi của chương trình, không phải của tệp đầu vào; xin báo lỗi kèm tệp)";
            diags.add(std::move(d));
            outcomes[i] = Outcome::internal_error;
            s.ok = false;
        }
        progress.campaign_finished(s.ok, r.documents, r.documents_done);
        // The campaign's findings, then one line: what was written, or that nothing was.
        s.err = diags.format(true);
        std::size_t warnings = 0;
        for (const auto& d : diags.all()) warnings += d.severity == Severity::warning ? 1 : 0;
        std::string counts;
        if (diags.error_count() > 0) counts = counted(diags.error_count(), "lỗi");
        if (warnings > 0) counts += (counts.empty() ? "" : ", ") + counted(warnings, "cảnh báo");
        if (s.ok) {
            if (!counts.empty()) s.err += "thidua: " + item.path + ": " + counts + "\n";
            s.out = "Đã ghi " + out_dir + "/ (" + counted(r.files, "tệp") + ", " + counted(r.pages, "trang") + ")\n";
            s.files = r.files;
            s.pages = r.pages;
        } else {
            s.err += "thidua: " + item.path + ": " + (counts.empty() ? std::string("lỗi") : counts) +
                     "; không ghi gì vào " + out_dir + "/\n";
        }
        s.ready = true;
        std::lock_guard<std::mutex> lock(said_mutex);
        said[i] = std::move(s);
        for (; next_to_print < n && said[next_to_print].ready; ++next_to_print) {
            Said& p = said[next_to_print];
            if (!p.err.empty()) progress.print(stderr, p.err);
            if (!p.out.empty()) progress.print(stdout, p.out);
            files += p.files;
            pages += p.pages;
            if (!p.ok) failed.push_back(items[next_to_print].path);
            p.err.clear();
            p.err.shrink_to_fit();
            p.out.clear();
            p.out.shrink_to_fit();
        }
    };
    auto worker = [&] {
        for (std::size_t i; (i = next_campaign.fetch_add(1)) < n;) render_one(i);
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    progress.stop();
    if (made_root && failed.size() == n) fs::remove(opt.output_dir, ec);  // only when empty

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string summary = "thidua: " + counted(n, "chiến dịch") + ": " +
                          counted(n - failed.size(), "đã ghi");
    if (!failed.empty()) {
        summary += ", " + counted(failed.size(), "có lỗi") + " (";
        for (std::size_t i = 0; i < failed.size() && i < 5; ++i) summary += (i ? ", " : "") + failed[i];
        if (failed.size() > 5) summary += ", …";
        summary += ")";
    }
    summary += "; " + counted(files, "tệp") + ", " + counted(pages, "trang") + ", trong " +
               duration_text(seconds) + "\n";
    std::fwrite(summary.data(), 1, summary.size(), stderr);
    std::fflush(stderr);
    return batch_exit_code(outcomes);
}

}  // namespace

int run_render(const Options& opt) {
    std::vector<std::string> errors;
    bool batch = false;
    std::vector<BatchItem> items = expand_campaigns(opt.campaigns, batch, errors);
    if (!errors.empty()) {
        std::string out;
        for (const auto& e : errors) out += "thidua render: lỗi: " + e + "\n";
        out += "Không chiến dịch nào được dựng.\n";
        std::fwrite(out.data(), 1, out.size(), stderr);
        return exit_usage;
    }
    if (batch) return run_batch(opt, items);

    Diagnostics diags;
    Inputs in = load_inputs(opt, diags);
    if (!in.campaign) {
        print_diagnostics(diags);
        return exit_input;
    }
    Assets assets(opt, *in.data, *in.schema);
    Progress progress(::isatty(STDERR_FILENO) == 1, false, 1);
    Rendered r;
    const bool ok = render_campaign(opt, *in.campaign, opt.output_dir, assets, &progress, diags, r, true);
    progress.stop();
    if (!ok) {
        print_diagnostics(diags);
        return exit_input;
    }
    // The new set is in place: whatever happens while reporting it, memory refused
    // included (even in a destructor), the answer is 0.
    exit_on_out_of_memory(exit_ok);
    try {
        print_diagnostics(diags);  // warnings
        std::fwrite(r.report.data(), 1, r.report.size(), stdout);
        std::fflush(stdout);
    } catch (...) {
    }
    return exit_ok;
}

}  // namespace thidua::driver

namespace thidua::driver {

namespace {

/// Reads a file of the new-campaign templates: the --templates folder's own copy, else the
/// program's. nullopt with an error when it cannot be read.
std::optional<std::pair<std::string, std::string>> read_new_template(const Options& opt,
                                                                     const DataDir& data,
                                                                     const std::string& name,
                                                                     Diagnostics& diags) {
    std::string path = data.templates() + "/" + name;
    std::error_code ec;
    if (!opt.templates_dir.empty() && fs::is_regular_file(opt.templates_dir + "/" + name, ec)) {
        path = opt.templates_dir + "/" + name;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        diags.error_general("không đọc được " + in_quotes(path));
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < max_json_bytes) text.append(buf, n);
    std::fclose(f);
    return std::make_pair(path, std::move(text));
}

/// Writes `bytes` to `target` all or nothing: a temporary file next to it, flushed, then
/// linked to the name (which fails when a file is there) or, with `force`, renamed over it.
bool write_new_file(const fs::path& target, const std::string& bytes, bool force, Diagnostics& diags) {
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        diags.error_general("không ghi được " + in_quotes(target.string()) + ": " + files::errno_text(errno));
        return false;
    }
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < bytes.size()) {
        const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (w < 0 && errno == EINTR) continue;
        ok = w > 0;
        if (ok) done += static_cast<std::size_t>(w);
    }
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (ok) {
        if (force) {
            ok = ::rename(tmp.c_str(), target.c_str()) == 0;
        } else {
            ok = ::link(tmp.c_str(), target.c_str()) == 0;
            const int link_errno = errno;
            ::unlink(tmp.c_str());
            errno = link_errno;
            if (!ok && errno == EEXIST) {
                diags.error_general("tệp " + in_quotes(target.string()) +
                                    " đã có; không ghi đè (thêm --force để ghi đè)");
                return false;
            }
        }
    } else {
        errno = saved;
    }
    if (!ok) {
        const std::string why = files::errno_text(errno);
        ::unlink(tmp.c_str());
        diags.error_general("không ghi được " + in_quotes(target.string()) + ": " + why);
    }
    return ok;
}

std::size_t count_marks(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = text.find(draft_mark_open); at != std::string::npos;
         at = text.find(draft_mark_open, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

int run_new(const Options& opt) {
    Diagnostics diags;
    const std::vector<std::string>& levels = new_levels();
    if (std::find(levels.begin(), levels.end(), opt.new_level) == levels.end()) {
        std::string msg = "thidua new: lỗi: cấp không rõ " + in_quotes(opt.new_level) +
                          "; các cấp từ 01/7/2025: tinh (tỉnh, thành phố), xa, phuong, dac-khu "
                          "(không còn cấp huyện)\n";
        std::fwrite(msg.data(), 1, msg.size(), stderr);
        return exit_usage;
    }
    const fs::path target(opt.output_dir);
    std::error_code ec;
    if (!opt.force && fs::exists(fs::symlink_status(target, ec))) {
        diags.error_general("tệp " + in_quotes(target.string()) +
                            " đã có; không ghi đè (thêm --force để ghi đè)");
        print_diagnostics(diags);
        return exit_input;
    }
    if (fs::is_directory(target, ec)) {
        diags.error_general(in_quotes(target.string()) + " là một thư mục; -o cần tên tệp .json");
        print_diagnostics(diags);
        return exit_input;
    }
    std::optional<DataDir> data = find_data_dir(diags);
    std::optional<Schema> schema;
    if (data) schema = Schema::load(data->schema(), diags);
    if (!schema) {
        print_diagnostics(diags);
        return exit_input;
    }
    auto skeleton = read_new_template(opt, *data, "moi/ke-hoach.json", diags);
    auto wording = read_new_template(opt, *data, "moi/cap.json", diags);
    if (!skeleton || !wording) {
        print_diagnostics(diags);
        return exit_input;
    }
    NewOptions n;
    n.level = opt.new_level;
    n.agency = opt.new_agency;
    n.year = opt.new_year;
    if (n.year == 0) {
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        n.year = tm.tm_year + 1900;
    }
    n.units = opt.new_units;
    n.phases = opt.new_phases;
    // The schema as an editor finds it: a path relative to the new file when it can be
    // written so, else absolute.
    {
        const fs::path schema_abs = fs::weakly_canonical(fs::absolute(data->schema()), ec);
        const fs::path dir = fs::weakly_canonical(fs::absolute(target).parent_path(), ec);
        fs::path rel = schema_abs.lexically_relative(dir);
        n.schema_ref = rel.empty() ? schema_abs.string() : rel.generic_string();
    }
    std::optional<std::string> text =
        make_new_campaign(n, skeleton->second, skeleton->first, wording->second, wording->first, diags);
    if (!text) {
        print_diagnostics(diags);
        return exit_input;
    }
    // What is written must load: the schema and every rule (an office's own skeleton may
    // have broken one). The draft marks and the data they stand for are warnings, not said here.
    {
        Diagnostics found;
        std::optional<JsonDoc> doc = parse_json(target.string(), *text, found);
        if (doc) {
            validate(*doc, *schema, found);
            check_campaign_rules(*doc, found);
        }
        if (found.has_errors()) {
            Diagnostics errors;
            errors.error_general("tệp mới dựng từ " + in_quotes(skeleton->first) + " và " +
                                 in_quotes(wording->first) + " không hợp lệ; không ghi tệp nào:");
            for (const Diagnostic& d : found.all()) {
                if (d.severity == Severity::error) {
                    Diagnostic copy = d;
                    copy.source_line.clear();
                    errors.add(std::move(copy));
                }
            }
            print_diagnostics(errors);
            return exit_input;
        }
    }
    if (!write_new_file(target, *text, opt.force, diags)) {
        print_diagnostics(diags);
        return exit_input;
    }
    std::string out = "Đã ghi " + target.string() + " (" + std::to_string(count_marks(*text)) +
                      " chỗ \"[…]\" để điền; còn chỗ nào thì văn bản in DỰ THẢO)\n"
                      "Tiếp theo: thidua check " + target.string() + "\n"
                      "           thidua render " + target.string() + " -o " +
                      target.stem().string() + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return exit_ok;
}

}  // namespace thidua::driver
