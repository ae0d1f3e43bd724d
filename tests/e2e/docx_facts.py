#!/usr/bin/python3
"""Reads Word files with python-docx (Debian's python3-docx) and prints what the tests check,
as JSON: one object per file named on the command line.

Usage: docx_facts.py [--with-pdf] FILE.docx [FILE.docx ...]
       docx_facts.py --edit IN.docx OUT.docx BODY_TEXT CELL_TEXT

For each file:
  styles_used      {style name: number of paragraphs}, in the body and in tables
  outline          {style name: outline level 1-9} of the paragraph styles that have one
  lang, font       the document defaults (w:lang, w:rFonts ascii)
  sections         orientation, page size and margins (mm), different first page, the
                   number the pages start at, and the fields and text of the default and
                   first-page headers
  tables           rows, rows marked to repeat (tblHeader), rows that do not split,
                   gridSpan and vMerge counts, borders ("none" or "single"), the text of the
                   first row's cells, the styles of the first row's paragraphs
  core             title, subject, author, created (ISO)
  words            every word of the body in order, tables row by row, cell by cell

With --with-pdf each object also has "pdf_words": {"same": true|false, "docx": n,
"pdf": n, "at": […]}, comparing with FILE.pdf beside the Word file: whether the Word
file's words are the PDF's words in the order the PDF draws them (poppler's pdftotext
-raw -bbox), leaving out the PDF's page numbers (the words in the top 18 mm of a page)
and the header rows the PDF repeats on each page a table continues on; "at" shows the
words around the first difference.

--edit replaces the text of the first body paragraph of style "Nội dung" that is not in a
table and of the second cell of the second row of the first table with a border, and saves.
"""
import json
import sys
import unicodedata

import docx
from docx.oxml.ns import qn

MM = 36000  # EMU per mm


def nfc(s):
    return unicodedata.normalize("NFC", s)


def para_text(p_el):
    out = []
    for node in p_el.iter():
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif node.tag == qn("w:tab"):
            out.append(" ")
    return "".join(out)


def style_name(d, p_el):
    ppr = p_el.find(qn("w:pPr"))
    sid = None
    if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
        sid = ppr.find(qn("w:pStyle")).get(qn("w:val"))
    for s in d.styles:
        if s.style_id == sid:
            return s.name
    return "Normal"


def cells_of(row_el):
    return [tc for tc in row_el if tc.tag == qn("w:tc")]


def paragraphs_in(el):
    return [p for p in el.iter(qn("w:p"))]


def table_facts(d, tbl):
    rows = [r for r in tbl if r.tag == qn("w:tr")]
    header = cant = spans = restarts = conts = 0
    for r in rows:
        trpr = r.find(qn("w:trPr"))
        if trpr is not None and trpr.find(qn("w:tblHeader")) is not None:
            header += 1
        if trpr is not None and trpr.find(qn("w:cantSplit")) is not None:
            cant += 1
        for tc in cells_of(r):
            tcpr = tc.find(qn("w:tcPr"))
            if tcpr is None:
                continue
            if tcpr.find(qn("w:gridSpan")) is not None:
                spans += 1
            vm = tcpr.find(qn("w:vMerge"))
            if vm is not None:
                if vm.get(qn("w:val")) == "restart":
                    restarts += 1
                else:
                    conts += 1
    borders = "none"
    tblpr = tbl.find(qn("w:tblPr"))
    tb = tblpr.find(qn("w:tblBorders")) if tblpr is not None else None
    if tb is not None and tb.find(qn("w:top")) is not None and tb.find(qn("w:top")).get(qn("w:val")) == "single":
        borders = "single"
    grid = tbl.find(qn("w:tblGrid"))
    first = cells_of(rows[0]) if rows else []
    ind = tblpr.find(qn("w:tblInd")) if tblpr is not None else None
    return {
        "indent_twips": int(ind.get(qn("w:w"))) if ind is not None else 0,
        "grid_twips": [int(g.get(qn("w:w"))) for g in grid if g.tag == qn("w:gridCol")] if grid is not None else [],
        "rows": len(rows),
        "columns": len([g for g in grid if g.tag == qn("w:gridCol")]) if grid is not None else 0,
        "header_rows": header,
        "cant_split_rows": cant,
        "grid_spans": spans,
        "vmerge_restarts": restarts,
        "vmerge_continues": conts,
        "borders": borders,
        "first_row": [nfc("\n".join(para_text(p) for p in paragraphs_in(tc))) for tc in first],
        "first_row_styles": [style_name(d, p) for tc in first for p in paragraphs_in(tc)],
        "header_words": [w for r in rows[:header] for tc in cells_of(r) for p in paragraphs_in(tc)
                         for w in nfc(para_text(p)).split()],
    }


def header_facts(h):
    el = h._element
    fields = []
    for node in el.iter():
        if node.tag == qn("w:instrText") and node.text:
            fields.append(node.text.strip().split()[0])
        elif node.tag == qn("w:fldSimple"):
            fields.append(node.get(qn("w:instr")).strip().split()[0])
    jc = [p.paragraph_format.alignment for p in h.paragraphs]
    return {
        "fields": fields,
        "centered": any(a is not None and int(a) == 1 for a in jc),
        "linked": h.is_linked_to_previous,
    }


def facts(path):
    d = docx.Document(path)
    body = d.element.body
    styles_used = {}
    words = []
    tables = []
    for child in body:
        if child.tag == qn("w:p"):
            name = style_name(d, child)
            styles_used[name] = styles_used.get(name, 0) + 1
            words.extend(nfc(para_text(child)).split())
        elif child.tag == qn("w:tbl"):
            tables.append(table_facts(d, child))
            for r in child:
                if r.tag != qn("w:tr"):
                    continue
                for tc in cells_of(r):
                    for p in paragraphs_in(tc):
                        name = style_name(d, p)
                        styles_used[name] = styles_used.get(name, 0) + 1
                        words.extend(nfc(para_text(p)).split())
    outline = {}
    for s in d.styles:
        el = s.element
        ppr = el.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:outlineLvl")) is not None:
            outline[s.name] = int(ppr.find(qn("w:outlineLvl")).get(qn("w:val"))) + 1
    indents = {}
    for s in d.styles:
        ppr = s.element.find(qn("w:pPr"))
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        if ind is not None:
            indents[s.name] = {k: int(ind.get(qn("w:" + k))) for k in ("left", "hanging", "firstLine")
                               if ind.get(qn("w:" + k)) is not None}
    defaults = d.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang")).get(qn("w:val"))
    font = rpr.find(qn("w:rFonts")).get(qn("w:ascii"))
    sections = []
    for s in d.sections:
        sections.append({
            "orientation": "landscape" if s.orientation == 1 else "portrait",
            "page_mm": [round(s.page_width / MM, 1), round(s.page_height / MM, 1)],
            "margins_mm": [round(x / MM, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)],
            "different_first_page": bool(s.different_first_page_header_footer),
            "start": (s._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
                      if s._sectPr.find(qn("w:pgNumType")) is not None else None),
            "header": header_facts(s.header),
            "first_page_header": header_facts(s.first_page_header),
        })
    cp = d.core_properties
    return {
        "file": path,
        "styles_used": styles_used,
        "outline": outline,
        "indents": indents,
        "lang": lang,
        "font": font,
        "sections": sections,
        "tables": tables,
        "core": {
            "title": cp.title,
            "subject": cp.subject,
            "author": cp.author,
            "created": cp.created.isoformat() if cp.created else None,
        },
        "words": words,
    }


def edit(src, dst, body_text, cell_text):
    d = docx.Document(src)
    done_p = done_c = False
    for p in d.paragraphs:
        if p.style.name == "Nội dung" and p.text.strip():
            for r in p.runs[1:]:
                r.text = ""
            p.runs[0].text = body_text
            done_p = True
            break
    for t in d.tables:
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        top = borders.find(qn("w:top")) if borders is not None else None
        if top is None or top.get(qn("w:val")) != "single" or len(t.rows) < 2:
            continue
        cell = t.rows[1].cells[1]
        for p in cell.paragraphs[1:]:
            p.text = ""
        cell.paragraphs[0].text = cell_text
        done_c = True
        break
    if not (done_p and done_c):
        sys.exit("docx_facts: nothing to edit (body paragraph %s, table cell %s)" % (done_p, done_c))
    d.save(dst)


def pdf_words(path):
    import re
    import subprocess
    out = subprocess.run(["pdftotext", "-raw", "-bbox", path, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    words = []
    for m in re.finditer(r'<word xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="([^"]*)">([^<]*)</word>', out):
        if float(m.group(1)) < 18 * 72 / 25.4:
            continue
        text = m.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        words.extend(nfc(text).split())
    return words


def compare(f, pdf_path):
    a = f["words"]
    b = pdf_words(pdf_path)
    headers = [t["header_words"] for t in f["tables"] if t["header_words"]]
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        repeated = next((h for h in headers if b[j:j + len(h)] == h), None)
        if repeated is None:
            break
        j += len(repeated)
    return {"same": i == len(a) and j == len(b), "docx": len(a), "pdf": len(b),
            "at": [" ".join(a[max(i - 5, 0):i + 5]), " ".join(b[max(j - 5, 0):j + 5])]}


def main(argv):
    if argv and argv[0] == "--edit":
        edit(*argv[1:5])
        return 0
    with_pdf = bool(argv) and argv[0] == "--with-pdf"
    out = []
    for path in argv[1:] if with_pdf else argv:
        f = facts(path)
        if with_pdf:
            f["pdf_words"] = compare(f, path[:-len(".docx")] + ".pdf")
        out.append(f)
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
