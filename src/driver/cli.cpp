#include "driver/cli.hpp"

#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/suggest.hpp"
#include "driver/interrupt.hpp"
#include "driver/kinds.hpp"
#include "driver/messages.hpp"
#include "driver/pipeline.hpp"

#ifndef THIDUA_VERSION
#define THIDUA_VERSION "0.0.0"
#endif

namespace thidua::driver {

namespace {

/// A mistake on the command line: printed with a pointer to --help, exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string help_text() {
    std::string kinds;
    for (const auto& k : document_kinds()) {
        std::string name(k.name);
        kinds += "  " + name + std::string(name.size() < 20 ? 20 - name.size() : 1, ' ') +
                 std::string(k.description) + "\n";
    }
    return "thidua " THIDUA_VERSION
           " — soạn văn bản phong trào thi đua đúng thể thức Nghị định 30/2020/NĐ-CP\n"
           "\n"
           "Cách dùng:\n"
           "  thidua check  CAMPAIGN.json [--templates DIR] [--fonts DIR]\n"
           "  thidua dump   CAMPAIGN.json [--kind LOẠI] [--unit|--nominee SỐ|MÃ|TÊN]\n"
           "                [--templates DIR]\n"
           "  thidua render CAMPAIGN.json -o DIR [--only LOẠI,...] [--format pdf,docx]\n"
           "                [--templates DIR] [--fonts DIR]\n"
           "  thidua render A.json B.json... | THƯ_MỤC | @DANH_SÁCH.txt -o DIR [-j N] [...]\n"
           "  thidua new    -o TỆP.json --cap tinh|xa|phuong|dac-khu [--co-quan TÊN]\n"
           "                [--nam NĂM] [--don-vi SỐ] [--dot SỐ] [--force] [--templates DIR]\n"
           "  thidua --help | --version\n"
           "\n"
           "Lệnh:\n"
           "  new     tạo tệp chiến dịch mới đủ mọi phần của Kế hoạch, lời văn thường dùng của\n"
           "          cấp; các chỗ \"[…]\" để cơ quan điền (còn chỗ nào thì văn bản in DỰ THẢO)\n"
           "  check   kiểm tra tệp chiến dịch, các mẫu văn bản và phông chữ; không ghi tệp nào\n"
           "  dump    in cây văn bản (mẫu đã điền dữ liệu) ra màn hình, để xem và so sánh\n"
           "  render  tạo các văn bản và manifest.json trong thư mục DIR; có lỗi thì không\n"
           "          ghi tệp nào. Nhiều chiến dịch (nhiều tệp, một thư mục các tệp .json,\n"
           "          hay @tệp ghi mỗi dòng một đường dẫn): mỗi chiến dịch vào DIR/<tên tệp>/,\n"
           "          chiến dịch có lỗi không ghi gì và không làm dừng các chiến dịch khác\n"
           "\n"
           "Tùy chọn:\n"
           "  -o, --output DIR   thư mục kết quả (tạo mới nếu chưa có)\n"
           "  -j, --jobs N       số chiến dịch dựng cùng lúc (mặc định: số lõi của máy)\n"
           "  --only LOẠI,...    chỉ tạo các loại văn bản này\n"
           "  --format pdf,docx  tệp của mỗi văn bản: PDF để in, DOCX (Word) để sửa; mặc định\n"
           "                     cả hai (bảng theo dõi Excel không đổi)\n"
           "  --kind LOẠI        loại văn bản cho lệnh dump (mặc định ke-hoach)\n"
           "  --unit SỐ|MÃ|TÊN   đơn vị (số thứ tự từ 1, mã hoặc tên) cho dump văn bản lập\n"
           "                     cho từng đơn vị\n"
           "  --nominee SỐ|MÃ|TÊN  người được đề nghị khen thưởng, cho dump văn bản lập cho\n"
           "                     từng người\n"
           "  --templates DIR    thư mục mẫu văn bản thay cho templates/ của chương trình\n"
           "  --fonts DIR        thư mục phông chữ (xem fonts/README.md)\n"
           "  --cap, --level CẤP tinh (tỉnh, thành phố), xa, phuong, dac-khu (lệnh new)\n"
           "  --co-quan, --agency TÊN  cơ quan ban hành, ví dụ \"UBND phường An Phú\"\n"
           "  --nam, --year NĂM  năm của Kế hoạch (mặc định: năm nay)\n"
           "  --don-vi, --units SỐ  số đơn vị (thôn, tổ dân phố…) để điền tên (mặc định 0)\n"
           "  --dot, --phases SỐ số đợt thi đua chia đều trong năm (mặc định 0: không chia)\n"
           "  --force            lệnh new ghi đè tệp đã có\n"
           "  -h, --help         in hướng dẫn này\n"
           "  -V, --version      in phiên bản\n"
           "\n"
           "Loại văn bản:\n" +
           kinds +
           "\n"
           "Mã thoát:\n"
           "  0  thành công (có thể kèm cảnh báo)\n"
           "  1  tệp đầu vào, mẫu, phông chữ hoặc thư mục kết quả có lỗi; không ghi tệp nào\n"
           "     (nhiều chiến dịch: ít nhất một chiến dịch có lỗi; các chiến dịch khác đã ghi)\n"
           "  2  dùng lệnh sai (lệnh hay tùy chọn không rõ, thiếu tham số)\n"
           "  3  lỗi nội bộ của chương trình (nhiều chiến dịch: ở ít nhất một chiến dịch)\n"
           "\n"
           "Biến môi trường:\n"
           "  THIDUA_DATA_DIR    thư mục chứa schemas/, templates/ và fonts/ của chương trình\n"
           "  THIDUA_FONT_DIR    thư mục phông chữ khi không có --fonts\n"
           "  SOURCE_DATE_EPOCH  ngày tạo ghi vào PDF (số giây từ 01/01/1970); mặc định là\n"
           "                     ngày của văn bản, hoặc 01/01/2000 khi ngày chưa đủ\n"
           "\n"
           "Ví dụ:\n"
           "  thidua new -o an-phu-2026.json --cap phuong --co-quan \"UBND phường An Phú\" --nam 2026 --don-vi 12\n"
           "  thidua check samples/ba-to-2025.json\n"
           "  thidua render samples/ba-to-2025.json -o out/ba-to\n"
           "  thidua dump samples/ba-to-2025.json --kind ke-hoach | less\n";
}

/// One option: its spellings, whether it takes a value, and which commands accept it.
struct OptionSpec {
    std::string_view long_name;   ///< "--templates"
    std::string_view short_name;  ///< "-o" or empty
    std::string_view value_name;  ///< "DIR"; empty for a flag
    std::vector<std::string_view> commands;
};

const std::vector<OptionSpec>& option_specs() {
    static const std::vector<OptionSpec> specs = {
        {"--help", "-h", "", {"check", "dump", "render", "new"}},
        {"--templates", "", "DIR", {"check", "dump", "render", "new"}},
        {"--fonts", "", "DIR", {"check", "render"}},
        {"--output", "-o", "DIR", {"render", "new"}},
        {"--jobs", "-j", "N", {"render"}},
        {"--only", "", "LOẠI,...", {"render"}},
        {"--format", "", "pdf,docx", {"render"}},
        {"--kind", "", "LOẠI", {"dump"}},
        {"--unit", "", "SỐ|MÃ|TÊN", {"dump"}},
        {"--nominee", "", "SỐ|MÃ|TÊN", {"dump"}},
        {"--cap", "", "CẤP", {"new"}},
        {"--level", "", "CẤP", {"new"}},
        {"--co-quan", "", "TÊN", {"new"}},
        {"--agency", "", "TÊN", {"new"}},
        {"--nam", "", "NĂM", {"new"}},
        {"--year", "", "NĂM", {"new"}},
        {"--don-vi", "", "SỐ", {"new"}},
        {"--units", "", "SỐ", {"new"}},
        {"--dot", "", "SỐ", {"new"}},
        {"--phases", "", "SỐ", {"new"}},
        {"--force", "", "", {"new"}},
    };
    return specs;
}

/// The Vietnamese spelling of an option that has an English alias ("--level" → "--cap").
std::string_view canonical(std::string_view long_name) {
    if (long_name == "--level") return "--cap";
    if (long_name == "--agency") return "--co-quan";
    if (long_name == "--year") return "--nam";
    if (long_name == "--units") return "--don-vi";
    if (long_name == "--phases") return "--dot";
    return long_name;
}

/// Reads a whole number in [lo, hi] for `option`, else a usage error.
int parse_count(const std::string& value, std::string_view option, int lo, int hi) {
    long n = -1;
    if (!value.empty() && value.size() <= 6 &&
        value.find_first_not_of("0123456789") == std::string::npos) {
        n = std::stol(value);
    }
    if (n < lo || n > hi) {
        throw UsageError("tùy chọn " + std::string(option) + " cần một số nguyên từ " +
                         std::to_string(lo) + " đến " + std::to_string(hi) + ", không phải " +
                         in_quotes(value));
    }
    return static_cast<int>(n);
}

bool accepts(const OptionSpec& spec, std::string_view command) {
    for (auto c : spec.commands) {
        if (c == command) return true;
    }
    return false;
}

/// Returns the kinds named in a comma-separated list.
std::vector<const DocumentKind*> parse_kind_list(std::string_view list) {
    std::vector<const DocumentKind*> out;
    std::vector<std::string> names;
    for (const auto& k : document_kinds()) names.emplace_back(k.name);
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view item = list.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) {
            const DocumentKind* k = find_kind(item);
            if (k == nullptr) {
                std::string msg = "loại văn bản không rõ " + in_quotes(item);
                std::string hint = closest_name(item, names);
                if (!hint.empty()) msg += " (có phải " + in_quotes(hint) + "?)";
                throw UsageError(msg + "; các loại: " + kind_names());
            }
            bool seen = false;
            for (auto* o : out) seen = seen || o == k;
            if (!seen) out.push_back(k);
        }
        start = comma + 1;
    }
    if (out.empty()) throw UsageError("--only cần ít nhất một loại văn bản; các loại: " + kind_names());
    return out;
}

/// Sets the formats named in a comma-separated list ("pdf", "docx", "pdf,docx").
void parse_format_list(std::string_view list, Options& opt) {
    opt.pdf = opt.docx = false;
    const std::vector<std::string> known = {"pdf", "docx"};
    std::size_t start = 0;
    bool any = false;
    while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view item = list.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == "pdf") {
            opt.pdf = any = true;
        } else if (item == "docx") {
            opt.docx = any = true;
        } else if (!item.empty()) {
            std::string msg = "định dạng không rõ " + in_quotes(item);
            std::string hint = closest_name(item, known);
            if (!hint.empty()) msg += " (có phải " + in_quotes(hint) + "?)";
            throw UsageError(msg + "; --format nhận pdf, docx hoặc pdf,docx");
        }
        start = comma + 1;
    }
    if (!any) throw UsageError("--format cần ít nhất một định dạng: pdf, docx hoặc pdf,docx");
}

/// Parses the arguments after the command; sets `help` when -h/--help is among them.
Options parse_command(std::string_view command, const std::vector<std::string>& args,
                      bool& help) {
    Options opt;
    std::vector<std::string> positional;
    std::vector<std::string_view> given;  // options with a value, but --only, seen so far
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            positional.insert(positional.end(), args.begin() + static_cast<long>(i) + 1,
                              args.end());
            break;
        }
        if (a.size() < 2 || a[0] != '-') {
            positional.push_back(a);
            continue;
        }
        // Split "--name=value" and "-oVALUE".
        std::string name = a;
        std::optional<std::string> inline_value;
        if (a.rfind("--", 0) == 0) {
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                inline_value = a.substr(eq + 1);
            }
        } else if (a.size() > 2) {
            name = a.substr(0, 2);
            inline_value = a.substr(2);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& s : option_specs()) {
            if (s.long_name == name || (!s.short_name.empty() && s.short_name == name)) spec = &s;
        }
        if (spec == nullptr || !accepts(*spec, command)) {
            std::vector<std::string> known;
            for (const auto& s : option_specs()) {
                if (accepts(s, command)) known.emplace_back(s.long_name);
            }
            std::string msg = "tùy chọn không rõ " + in_quotes(name) + " cho lệnh " + std::string(command);
            std::string hint = closest_name(name, known);
            if (!hint.empty()) msg += " (có phải " + in_quotes(hint) + "?)";
            throw UsageError(msg);
        }
        if (spec->value_name.empty()) {
            if (inline_value) {
                throw UsageError("tùy chọn " + std::string(spec->long_name) +
                                 " không nhận giá trị");
            }
            if (spec->long_name == "--help") help = true;
            if (spec->long_name == "--force") opt.force = true;
            continue;
        }
        std::string value;
        if (inline_value) {
            value = *inline_value;
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw UsageError("tùy chọn " + name + " cần một giá trị (" +
                             std::string(spec->value_name) + ")");
        }
        if (value.empty()) {
            throw UsageError("tùy chọn " + name + " cần một giá trị (" +
                             std::string(spec->value_name) + ") không rỗng");
        }
        // A second -o, --templates… would silently win over the first: say so instead
        // (--only may be given several times: its kinds add up).
        const std::string_view key = canonical(spec->long_name);
        if (key != "--only") {
            for (std::string_view g : given) {
                if (g == key) {
                    throw UsageError("tùy chọn " + std::string(spec->long_name) +
                                     " được ghi hai lần; mỗi tùy chọn chỉ ghi một lần");
                }
            }
            given.push_back(key);
        }
        if (spec->long_name == "--templates") {
            opt.templates_dir = value;
        } else if (spec->long_name == "--fonts") {
            opt.fonts_dir = value;
        } else if (spec->long_name == "--output") {
            opt.output_dir = value;
        } else if (spec->long_name == "--jobs") {
            if (value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos ||
                std::stoi(value) < 1 || std::stoi(value) > 1024) {
                throw UsageError("-j cần một số luồng từ 1 đến 1024, không phải " + in_quotes(value));
            }
            opt.jobs = static_cast<unsigned>(std::stoi(value));
        } else if (spec->long_name == "--only") {
            for (const DocumentKind* k : parse_kind_list(value)) {
                bool seen = false;
                for (auto* o : opt.only) seen = seen || o == k;
                if (!seen) opt.only.push_back(k);
            }
        } else if (spec->long_name == "--format") {
            parse_format_list(value, opt);
        } else if (spec->long_name == "--kind") {
            opt.kind = value;
        } else if (spec->long_name == "--unit") {
            opt.unit = value;
        } else if (spec->long_name == "--nominee") {
            opt.nominee = value;
        } else if (key == "--cap") {
            opt.new_level = value;
        } else if (key == "--co-quan") {
            opt.new_agency = value;
        } else if (key == "--nam") {
            opt.new_year = parse_count(value, spec->long_name, 1945, 2100);
        } else if (key == "--don-vi") {
            opt.new_units = parse_count(value, spec->long_name, 0, 2000);
        } else if (key == "--dot") {
            opt.new_phases = parse_count(value, spec->long_name, 0, 12);
        }
    }
    if (help) return opt;
    if (command == "new") {
        if (!positional.empty()) {
            throw UsageError("thừa tham số " + in_quotes(positional[0]) +
                             ": lệnh new ghi tệp mới vào -o TỆP");
        }
        if (opt.output_dir.empty()) throw UsageError("thiếu tệp cần tạo: thêm -o TỆP.json");
        if (opt.new_level.empty()) {
            throw UsageError("thiếu cấp: thêm --cap tinh|xa|phuong|dac-khu");
        }
        return opt;
    }
    if (positional.empty()) {
        throw UsageError("thiếu tệp chiến dịch (CAMPAIGN.json)");
    }
    if (command == "render") opt.campaigns = positional;
    if (positional.size() > 1 && command != "render") {
        throw UsageError("thừa tham số " + in_quotes(positional[1]) +
                         ": mỗi lần chỉ xử lý một tệp chiến dịch");
    }
    opt.campaign = positional[0];
    for (const auto& p : positional) {
        if (p.empty() || p == "@") throw UsageError("tên tệp chiến dịch rỗng");
    }
    if (command == "render" && opt.output_dir.empty()) {
        throw UsageError("thiếu thư mục kết quả: thêm -o DIR");
    }
    if (command == "dump") {
        const DocumentKind* k = find_kind(opt.kind);
        std::vector<std::string> pdf_kinds;
        for (const auto& d : document_kinds()) {
            if (d.format == OutputFormat::pdf) pdf_kinds.emplace_back(d.name);
        }
        std::string list;
        for (const auto& n : pdf_kinds) list += (list.empty() ? "" : ", ") + n;
        if (k == nullptr) {
            std::string msg = "loại văn bản không rõ " + in_quotes(opt.kind);
            std::string hint = closest_name(opt.kind, pdf_kinds);
            if (!hint.empty()) msg += " (có phải " + in_quotes(hint) + "?)";
            throw UsageError(msg + "; dump in được: " + list);
        }
        if (k->format != OutputFormat::pdf) {
            throw UsageError("dump chỉ in được văn bản dựng từ mẫu (" + list + "), không in " +
                             in_quotes(opt.kind));
        }
        if (k->each != Each::unit && !opt.unit.empty()) {
            throw UsageError("--unit chỉ dùng cho văn bản lập cho từng đơn vị; " +
                             in_quotes(opt.kind) + " không phải loại đó");
        }
        if (k->each != Each::nominee && !opt.nominee.empty()) {
            throw UsageError("--nominee chỉ dùng cho văn bản lập cho từng người được đề nghị "
                             "khen thưởng; " + in_quotes(opt.kind) + " không phải loại đó");
        }
    }
    return opt;
}

int usage_error(std::string_view command, const std::string& message) {
    std::string prefix = command.empty() ? "thidua" : "thidua " + std::string(command);
    std::string out = prefix + ": lỗi: " + message + "\nXem \"" + prefix + " --help\".\n";
    std::fwrite(out.data(), 1, out.size(), stderr);
    return exit_usage;
}

int dispatch(int argc, char** argv) {
    std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + (argc > 0 ? argc : 0));
    if (args.empty()) {
        std::string out = help_text();
        std::fwrite(out.data(), 1, out.size(), stderr);
        return exit_usage;
    }
    const std::string& first = args[0];
    if (first == "--help" || first == "-h" || first == "help") {
        std::string out = help_text();
        std::fwrite(out.data(), 1, out.size(), stdout);
        return exit_ok;
    }
    if (first == "--version" || first == "-V" || first == "version") {
        std::fputs("thidua " THIDUA_VERSION "\n", stdout);
        return exit_ok;
    }
    const std::vector<std::string> commands = {"check", "dump", "render", "new"};
    bool known = false;
    for (const auto& c : commands) known = known || c == first;
    if (!known) {
        std::string msg = first.rfind("-", 0) == 0 ? "tùy chọn không rõ " + in_quotes(first)
                                                   : "lệnh không rõ " + in_quotes(first);
        std::string hint = closest_name(first, commands);
        if (!hint.empty()) msg += " (có phải " + in_quotes(hint) + "?)";
        msg += "; các lệnh: new, check, dump, render";
        return usage_error("", msg);
    }
    Options opt;
    bool help = false;
    try {
        opt = parse_command(first, std::vector<std::string>(args.begin() + 1, args.end()), help);
    } catch (const UsageError& e) {
        return usage_error(first, e.what());
    }
    if (help) {
        std::string out = help_text();
        std::fwrite(out.data(), 1, out.size(), stdout);
        return exit_ok;
    }
    if (first == "check") return run_check(opt);
    if (first == "dump") return run_dump(opt);
    if (first == "new") return run_new(opt);
    return run_render(opt);
}

}  // namespace

int run_cli(int argc, char** argv) {
    install_interrupt_handlers();
    try {
        return dispatch(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "thidua: lỗi nội bộ: hết bộ nhớ; %s\n", nothing_written_note());
    } catch (const std::exception& e) {
        std::string out = std::string("thidua: lỗi nội bộ: ") + e.what() +
                          "\nĐây là lỗi của chương trình, không phải của tệp đầu vào; " +
                          nothing_written_note() + ". Xin báo lỗi kèm tệp đầu vào.\n";
        std::fwrite(out.data(), 1, out.size(), stderr);
    } catch (...) {
        std::fprintf(stderr, "thidua: lỗi nội bộ không rõ; %s\n", nothing_written_note());
    }
    return exit_internal;
}

}  // namespace thidua::driver
