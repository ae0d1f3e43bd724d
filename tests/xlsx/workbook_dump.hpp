// Shared by the workbook tests: the workbook read back with openpyxl as `key=value` pairs,
// writing a campaign's workbook, and LibreOffice's recalculation of a filled-in copy.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "fixture.hpp"
#include "render/xlsx/xlsx_writer.hpp"

namespace xlsx_test {

/// Prints what the tests look at, one `key=value` line each (newlines in values as \n).
inline const char* const kDumpScript = R"PY(
import sys, zipfile, openpyxl
path = sys.argv[1]
data_only = len(sys.argv) > 2 and sys.argv[2] == "values"
wb = openpyxl.load_workbook(path, data_only=data_only)
out = []
def put(k, v):
    out.append("%s=%s" % (k, str(v).replace("\n", "\\n")))
put("sheets", "|".join(wb.sheetnames))
for ws in wb.worksheets:
    n = ws.title
    put("state:" + n, ws.sheet_state)
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                v = c.value
                if isinstance(v, float) and v == int(v): v = int(v)
                if isinstance(v, float): v = round(v, 4)
                put("cell:%s!%s" % (n, c.coordinate), v)
            if c.protection.locked is False:
                put("unlocked:%s!%s" % (n, c.coordinate), 1)
            if c.number_format != "General" and c.data_type == "f":
                put("fmt:%s!%s" % (n, c.coordinate), c.number_format)
            if c.hyperlink is not None:
                put("link:%s!%s" % (n, c.coordinate), c.hyperlink.location)
    put("merged:" + n, " ".join(sorted(str(r) for r in ws.merged_cells.ranges)))
    put("freeze:" + n, ws.freeze_panes)
    put("titles:" + n, ws.print_title_rows)
    put("breaks:" + n, ",".join(str(b.id) for b in ws.row_breaks.brk))
    put("area:" + n, ws.print_area)
    ps = ws.page_setup
    put("page:" + n, "%s paper=%s fitToPage=%s width=%s height=%s" % (
        ps.orientation, ps.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
        ps.fitToWidth, ps.fitToHeight))
    put("protect:" + n, "%s password=%s formatColumns=%s" % (
        ws.protection.sheet, ws.protection.password, ws.protection.formatColumns))
    for i, dv in enumerate(ws.data_validations.dataValidation):
        put("dv:%s#%d" % (n, i), "|".join(str(x) for x in (
            dv.sqref, dv.type, dv.operator, dv.formula1, dv.formula2, dv.showErrorMessage,
            dv.errorStyle, dv.errorTitle, dv.error)))
    for rng in ws.conditional_formatting:
        for r in rng.rules:
            fill = r.dxf.fill.bgColor.rgb if r.dxf and r.dxf.fill else None
            put("cf:%s" % n, "%s|%s|%s|%s" % (rng.sqref, r.type, "".join(r.formula), fill))
    for k, d in ws.column_dimensions.items():
        put("width:%s!%s" % (n, k), round(d.width, 2))
if not data_only:
    with zipfile.ZipFile(path) as z:
        for i, n in enumerate(wb.sheetnames):
            xml = z.read("xl/worksheets/sheet%d.xml" % (i + 1)).decode()
            for j, tag in enumerate(xml.split("<dataValidation ")[1:]):
                put("dvxml:%s#%d" % (n, j), tag.split(">")[0])
for d in wb.defined_names.definedName:
    put("name:" + d.name, d.attr_text)
with zipfile.ZipFile(path) as z:
    core = z.read("docProps/core.xml").decode()
    put("created", core.split("<dcterms:created")[1].split(">")[1].split("<")[0])
print("\n".join(out))
)PY";

using Dump = std::map<std::string, std::string>;

inline Dump dump(const std::string& xlsx, bool values = false) {
    int status = -1;
    const std::string out = xlsx_test::run_python(
        kDumpScript, "'" + xlsx + "'" + (values ? " values" : ""), &status);
    REQUIRE_MESSAGE(status == 0, "openpyxl could not read the workbook (is python3-openpyxl "
                                 "installed?)");
    Dump d;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) d[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return d;
}

/// Writes the workbook of `campaign` to `f`; fails the test on any diagnostic.
inline std::string write(const thidua::Json& campaign, const TempFile& f) {
    thidua::Diagnostics d;
    const bool ok = thidua::xlsx::write_tracking_workbook(campaign, f.path(), d);
    INFO(d.format());
    REQUIRE(ok);
    REQUIRE(d.all().empty());
    return f.path();
}

/// Fills a copy of `xlsx` with the Python statements `fill` (run with `wb`, the workbook
/// opened by openpyxl, and `n`, its sheet names), has LibreOffice recalculate it into
/// `outdir`, and returns the recalculated file's path ("" when LibreOffice failed).
/// openpyxl keeps the formulas and drops the cached values.
inline std::string fill_and_recalculate(const std::string& xlsx, const std::string& fill,
                                        const TempFile& filled, const TempFile& outdir,
                                        const TempFile& profile) {
    const std::string script = "import sys, openpyxl\n"
                               "wb = openpyxl.load_workbook(sys.argv[1])\n"
                               "n = wb.sheetnames\n" +
                               fill + "\nwb.save(sys.argv[2])\n";
    int status = -1;
    run_python(script, "'" + xlsx + "' '" + filled.path() + "'", &status);
    REQUIRE_MESSAGE(status == 0, "openpyxl could not fill the workbook");
    run("libreoffice -env:UserInstallation=file://" + profile.path() +
            " --headless --convert-to xlsx --outdir '" + outdir.path() + "' '" + filled.path() +
            "' >/dev/null 2>&1",
        &status);
    const std::string out =
        outdir.path() + "/" + std::filesystem::path(filled.path()).filename().string();
    return std::filesystem::exists(out) ? out : std::string();
}

}  // namespace xlsx_test
