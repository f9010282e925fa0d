#!/usr/bin/env python3
"""Builds the import test files under office/testdata/import/.

The sheets are described below as rows of cells and written as flat
OpenDocument (.fods); real office software then saves them in the formats
offices send: LibreOffice headless (soffice --convert-to xlsx, ods, xls, csv)
and Gnumeric (ssconvert, for a second writer of .xlsx and for CSV in
Windows-1258 and TCVN3). The generated files are committed, so the tests
need no office suite; run this again only to change them:

    python3 office/testdata/generate.py

It needs libreoffice-calc (soffice) and gnumeric (ssconvert). The .fods
sources are kept beside the outputs, so a reader can see what was written.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "import")

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')

STYLES = """<office:automatic-styles>
 <number:number-style style:name="N3"><number:number number:min-integer-digits="3" number:decimal-places="0"/></number:number-style>
 <style:style style:name="zeros" style:family="table-cell" style:data-style-name="N3"/>
 <style:style style:name="wrap" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap"/></style:style>
</office:automatic-styles>"""


class C:
    """A cell with options: span (columns merged), rows (rows merged),
    style, text (what a number shows)."""

    def __init__(self, v, span=1, rows=1, style=None, text=None):
        self.v, self.span, self.rows, self.style, self.text = v, span, rows, style, text


def ref(a1):
    return re.sub(r"([A-Z]+[0-9]+)", r".\1", a1)


def cell_xml(c):
    if not isinstance(c, C):
        c = C(c)
    attrs = []
    if c.span > 1:
        attrs.append('table:number-columns-spanned="%d"' % c.span)
    if c.rows > 1:
        attrs.append('table:number-rows-spanned="%d"' % c.rows)
    if c.style:
        attrs.append('table:style-name="%s"' % c.style)
    v = c.v
    if v is None or v == "":
        body = ""
    elif isinstance(v, str) and v.startswith("="):
        # The cached value is given as office software writes it; the
        # formula stays, so the import sees what a real file holds.
        formula, cached = v.split("|")
        attrs.append('table:formula="of:%s"' % escape(re.sub(r"([A-Z]+[0-9]+:[A-Z]+[0-9]+)", lambda m: "[" + ref(m.group(1)) + "]", formula), {'"': "&quot;"}))
        attrs.append('office:value-type="float" office:value="%s"' % cached)
        body = "<text:p>%s</text:p>" % cached
    elif isinstance(v, (int, float)):
        attrs.append('office:value-type="float" office:value="%s"' % v)
        body = "<text:p>%s</text:p>" % escape(c.text if c.text is not None else str(v))
    else:
        attrs.append('office:value-type="string"')
        body = "".join("<text:p>%s</text:p>" % escape(p) for p in v.split("\n"))
    out = "<table:table-cell %s>%s</table:table-cell>" % (" ".join(attrs), body)
    out += "<table:covered-table-cell/>" * (c.span - 1)
    return out


def sheet_xml(name, rows, hidden_rows=(), hidden_cols=(), width=8):
    cols = "".join('<table:table-column%s/>' % (' table:visibility="collapse"' if j in hidden_cols else "")
                   for j in range(width))
    body = []
    for i, row in enumerate(rows, start=1):
        vis = ' table:visibility="collapse"' if i in hidden_rows else ""
        body.append("<table:table-row%s>%s</table:table-row>" % (vis, "".join(cell_xml(c) for c in row) or "<table:table-cell/>"))
    return '<table:table table:name="%s">%s%s</table:table>' % (escape(name), cols, "".join(body))


def fods(sheets):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" '
            'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">%s'
            '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>\n'
            % (NS, STYLES, "".join(sheet_xml(**s) for s in sheets)))


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL)


def ssconvert(src, dst, *opts):
    subprocess.run(["ssconvert", *opts, src, dst], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# The typical list attached to a quota decision: title rows merged across,
# a two-row header with "Chỉ tiêu giao" merged over the years and the term,
# sections with Roman numerals, a total of =SUM() formulas, a signature
# block, and no code column.
TITLE = [
    [C("ĐẢNG BỘ TỈNH BÌNH MINH", span=6)],
    [C("ĐẢNG ỦY KHỐI DOANH NGHIỆP", span=6)],
    [C("DANH SÁCH GIAO CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2019-2020 VÀ GIAI ĐOẠN 2021-2025", span=6)],
    [C("(Kèm theo Quyết định số 2323-QĐ/ĐUK ngày 11/4/2019 của Ban Thường vụ Đảng ủy Khối)", span=6)],
    [],
]
DECISION = TITLE + [
    [C("STT", rows=2), C("Tên tổ chức cơ sở đảng", rows=2), C("Chỉ tiêu giao", span=3), C("Ghi chú", rows=2)],
    [C(None), C(None), "Năm 2019", "Năm 2020", "Giai đoạn 2021-2025", C(None)],
    ["I", "ĐẢNG BỘ CƠ SỞ"],
    [1, "Đảng bộ Công ty Cổ phần Sông Hồng", 12, 15, 70],
    [2, "Đảng bộ Tổng công ty Điện lực", 20, 20, 100, "Sáp nhập 2020"],
    [3, "Đảng bộ Ngân hàng Công Thương", 8, "-", 40],
    ["II", "CHI BỘ CƠ SỞ"],
    [4, "Chi bộ Công ty Cổ phần Vận tải Thủy", 2, 2, 10],
    [5, "Chi bộ Công ty TNHH Hưng Thịnh", "x", 1, 5],
    [6, "Chi bộ Công ty TNHH Hùng Thịnh", 3, 0, "-"],
    ["", "Tổng cộng", "=SUM(C8:C15)|45", "=SUM(D8:D15)|38", "=SUM(E8:E15)|225"],
    [],
    ["", "", "", "", C("T/M BAN THƯỜNG VỤ", span=2)],
    ["", "", "", "", C("BÍ THƯ", span=2)],
    [],
    ["", "", "", "", C("Nguyễn Văn An", span=2)],
]

# A list with codes: leading zeros shown by the cell format ("001" is the
# number 1) or typed as text, one-row header in other spellings, a hidden
# column and a hidden row that are read all the same, a note column, a
# quota typed as text, and a history column of a year before the bot.
CODES = [
    [C("DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2026", span=7)],
    ["STT", "Mã TCCS", "Tên TCCS đảng", "Trực thuộc", "KH 2026", "CT 2027", "Ghi chú"],
    [1, C(1, style="zeros", text="001"), "Đảng ủy Công ty Điện lực Bình Minh", "", 10, 12, ""],
    [2, "002", "Chi bộ Phân xưởng Một", "001", "4 ", 5, ""],
    [3, C(3, style="zeros", text="003"), "Chi bộ Phân xưởng Hai", "001", 0, 6, "mới"],
    [4, "CB-04", "Chi bộ Kho vận", "", "–", 2, ""],
]

# The table on the second sheet, after a sheet of instructions.
NOTES = [["Hướng dẫn"], ["Điền số liệu ở trang Danh sách."], ["Không sửa tiêu đề cột."]]
SECOND = [
    ["Danh sách tổ chức"],
    ["TT", "Đơn vị", "Chỉ tiêu\nnăm 2026", "Đã kết nạp 2025"],
    [1, "Chi bộ Trường Tiểu học Kim Đồng", 3, 2],
    [2, "Chi bộ Bệnh viện Đa khoa", 5, 4],
]

# A clean list for the CSV encodings: Vietnamese names in every form.
CSVROWS = [
    ["Mã", "Tên tổ chức đảng", "Chỉ tiêu 2026"],
    ["CB01", "Chi bộ Hưng Thịnh", 3],
    ["CB02", "Chi bộ Hùng Thịnh", 4],
    ["CB03", "Đảng bộ Sông Đà", 7],
]


def main():
    for tool in ("soffice", "ssconvert"):
        if not shutil.which(tool):
            sys.exit("generate.py: %s is needed (apt-get install libreoffice-calc-nogui gnumeric)" % tool)
    os.makedirs(OUT, exist_ok=True)
    sources = {
        "decision": [dict(name="Danh sách", rows=DECISION, width=6)],
        "codes": [dict(name="Chỉ tiêu", rows=CODES, hidden_rows=(5,), hidden_cols=(5,), width=7)],
        "second-sheet": [dict(name="Hướng dẫn", rows=NOTES, width=1), dict(name="Danh sách", rows=SECOND, width=4)],
        "csv-source": [dict(name="Sheet1", rows=CSVROWS, width=3)],
    }
    tmp = tempfile.mkdtemp()
    try:
        for name, sheets in sources.items():
            src = os.path.join(OUT, name + ".fods")
            with open(src, "w", encoding="utf-8") as f:
                f.write(fods(sheets))
        for name in ("decision", "codes", "second-sheet"):
            src = os.path.join(OUT, name + ".fods")
            soffice(src, "xlsx", OUT)
            soffice(src, "ods", OUT)
        soffice(os.path.join(OUT, "decision.fods"), "xls", OUT)
        # Gnumeric as a second writer of the typical layout.
        ssconvert(os.path.join(OUT, "decision.xlsx"), os.path.join(OUT, "decision-gnumeric.xlsx"))
        # An Excel 97-2003 file renamed .xlsx, as users do.
        shutil.copy(os.path.join(OUT, "decision.xls"), os.path.join(OUT, "renamed-xls.xlsx"))
        # ";" CSV in UTF-8 with a BOM, as Excel writes it in a Vietnamese
        # locale: LibreOffice writes the CSV, the BOM is put in front.
        soffice(os.path.join(OUT, "csv-source.fods"), 'csv:Text - txt - csv (StarCalc):59,34,76,1', tmp)
        with open(os.path.join(tmp, "csv-source.csv"), "rb") as f:
            data = f.read()
        with open(os.path.join(OUT, "semicolon-bom.csv"), "wb") as f:
            f.write(b"\xef\xbb\xbf" + data)
        src = os.path.join(OUT, "csv-source.ods")
        soffice(os.path.join(OUT, "csv-source.fods"), "ods", tmp)
        src = os.path.join(tmp, "csv-source.ods")
        for charset, out in (("WINDOWS-1258", "windows-1258.csv"), ("TCVN", "tcvn3.csv")):
            ssconvert(src, os.path.join(OUT, out), "--export-type=Gnumeric_stf:stf_assistant",
                      "--export-options=separator=, charset=%s" % charset)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
