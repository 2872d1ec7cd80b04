#!/usr/bin/env python3
"""Makes the four bundled documents in every format `peixun import` reads,
with real tools, for tests/it/import_measure.rs and docs/import.md.

Each seed (tests/fixtures/import/*.txt, text saved from Word: a table one
cell per line, an empty cell merged with the one above) becomes an HTML
document with real tables (rowspan for merged cells), and from it:

- .docx, .doc: LibreOffice Writer (`soffice --convert-to`), as an editor's
  Word would save them; a .wps is the same binary format under WPS's name;
- .pdf: LibreOffice's PDF export (text layer, embedded CJK font);
- .xlsx, .xls, .ods: the document's largest table alone, as a department
  posts its 项目一览表, with the title merged across the top row;
- .html: a saved web page in GBK, the article inside a department site's
  navigation, breadcrumbs, font-size links and footer; .mht: the same page
  as a single-file web archive (MIME, quoted-printable).

Needs Debian's libreoffice-writer-nogui and libreoffice-calc-nogui; CI
does not run it: its output is committed under
tests/fixtures/import/formats/. Run from the repository root:

    python3 tools/import_formats.py
"""
import html
import os
import quopri
import shutil
import subprocess
import sys
import tempfile

SEEDS = ["000_18b59184f22306e0", "001_4ce80e6aa2f130c6", "002_d3baed12bb62d892", "004_0065970dc323421a"]
SRC = "tests/fixtures/import"
OUT = "tests/fixtures/import/formats"
# The Chongqing seed starts at its preamble; its title, as published.
TITLES = {"000_18b59184f22306e0": "重庆市2026年“国培计划”项目申报指南"}
# The heading each page of a department's site gives its article.
WEB_TITLES = {
    "000_18b59184f22306e0": "重庆市2026年“国培计划”项目申报指南",
    "001_4ce80e6aa2f130c6": "“国培计划”中西部骨干项目指导方案",
    "002_d3baed12bb62d892": "2024年新疆“国培计划”“区培计划”项目申报指南",
    "004_0065970dc323421a": "重庆市黔江区2022年教师教育工作计划",
}


def clean(line):
    s = line.strip()
    while s.startswith("[bookmark: ") and "]" in s:
        s = s[s.index("]") + 1:].strip()
    return s


def blocks(text):
    """The seed's paragraphs and tables, as peixun's text reader sees them."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            rows, i = table(lines, i)
            out.append(("table", rows))
            continue
        t = clean(line)
        if t:
            out.append(("p", t))
        i += 1
    return out


def table(lines, start):
    rows, row, i, blank = [], [], start, False
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            if blank and row:
                rows.append(row)
                row = []
            raw = line[1:]
            merged = raw.strip(" \t") == ""
            row.append({"text": clean(raw).strip("\u3000").strip(), "merged": merged})
            blank = False
        elif line.strip() == "":
            blank = True
        else:
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            rest = [l for l in lines[i + 1:] if l.strip()]
            next_is_cell = (nxt.startswith("\t") or nxt.strip() == "") and bool(rest) and rest[0].startswith("\t")
            continues = (not blank) or (len(line.strip()) <= 12 and next_is_cell)
            if row and continues:
                cell = row[-1]
                if cell["text"] and not blank:
                    cell["text"] += "\n"
                cell["text"] += clean(line)
                cell["merged"] = False
            else:
                break
            blank = False
        i += 1
    if row:
        rows.append(row)
    return rows, i


def table_html(rows):
    """A table with rowspan where a cell was merged with the one above, and
    colspan where the text export lost a span: a row with fewer cells than
    the widest had its name cell (项目名称) across the missing columns, as
    in the published table."""
    # A row the export broke in two (its last cells alone on a row) is one.
    width = max(len(r) for r in rows)
    joined = []
    for row in rows:
        if joined and len(joined[-1]) < width and len(joined[-1]) + len(row) == width:
            joined[-1] = joined[-1] + row
        else:
            joined.append(row)
    rows = joined
    head = [c["text"] for c in rows[0]]
    name = next((i for i, t in enumerate(head) if "名称" in t), None)
    if name is None:
        name = next((i for i in range(len(head) - 1) if head[i + 1] == "子项目"), None)
    grid = []
    for row in rows:
        cells = [dict(c, colspan=1) for c in row]
        missing = width - len(cells)
        if missing > 0:
            at = name if name is not None and name < len(cells) else len(cells) - 1
            cells[at]["colspan"] += missing
        # The grid, a column per position: a wide cell's further columns
        # hold None.
        line = []
        for c in cells:
            line.append(c)
            line.extend([None] * (c["colspan"] - 1))
        grid.append(line)
    out = ['<table border="1" cellspacing="0">']
    for r, row in enumerate(grid):
        out.append("<tr>")
        for c, cell in enumerate(row):
            if cell is None or (cell["merged"] and r > 0):
                continue
            span = 1
            while r + span < len(grid) and grid[r + span][c] is not None and grid[r + span][c]["merged"]:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            if cell["colspan"] > 1:
                attr += f' colspan="{cell["colspan"]}"'
            text = "<br>".join(html.escape(t) for t in cell["text"].split("\n"))
            out.append(f"<td{attr}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def article(seed, bs):
    parts = []
    title = TITLES.get(seed)
    if title:
        parts.append(f"<h1>{html.escape(title)}</h1>")
    for kind, v in bs:
        if kind == "p":
            parts.append(f"<p>{html.escape(v)}</p>")
        else:
            parts.append(table_html(v))
    return "\n".join(parts)


def document_html(seed, bs):
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>'
            + seed + "</title></head>\n<body>\n" + article(seed, bs) + "\n</body></html>\n")


def web_page(seed, bs):
    """The article as a department site serves it, in GBK."""
    heading = WEB_TITLES[seed]
    body = article(seed, bs)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{html.escape(heading)}_通知公告_某某省教育厅</title>
<script type="text/javascript">var _hmt = _hmt || []; function share() {{ return false; }}</script>
<style>.nav li {{ display: inline; }}</style>
</head>
<body>
<div class="header"><img src="logo.png" alt="某某省教育厅" /><div class="search"><input type="text" /><a href="/search">搜索</a></div></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/jgsz/">机构设置</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/tzgg/">通知公告</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>
<div class="article">
<div class="article-title">{html.escape(heading)}</div>
<div class="article-info">发布时间：2026-02-20 09:30 来源：教师工作处 浏览次数：1024 字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="article-content">
{body}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> 分享到：<a href="#" onclick="share()">微信</a> <a href="#">微博</a></div>
</div>
<div class="footer"><p>主办：某某省教育厅 地址：某某市某某路1号 邮编：000000</p><p>网站标识码：0000000000 备案号：某ICP备00000000号</p></div>
<script type="text/javascript">document.write('<span>访问量</span>');</script>
</body></html>
"""


def mht(page_utf8, seed):
    qp = quopri.encodestring(page_utf8.replace("charset=gb2312", "charset=utf-8").encode("utf-8")).decode("ascii")
    return ("From: <Saved by Blink>\r\n"
            f"Snapshot-Content-Location: https://jyt.example.gov.cn/tzgg/{seed}.html\r\n"
            "Subject: =?utf-8?Q?=E9=80=9A=E7=9F=A5?=\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--peixun----"\r\n\r\n'
            "------MultipartBoundary--peixun----\r\n"
            "Content-Type: text/html\r\n"
            f"Content-ID: <frame-{seed}@mhtml.blink>\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: https://jyt.example.gov.cn/tzgg/{seed}.html\r\n\r\n"
            + qp.replace("\n", "\r\n") +
            "\r\n------MultipartBoundary--peixun----\r\n"
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: https://jyt.example.gov.cn/logo.png\r\n\r\niVBORw0KGgo=\r\n"
            "------MultipartBoundary--peixun------\r\n")


def sheet_html(seed, bs):
    """The largest table alone, its title merged across the top, as a
    spreadsheet of the plan's projects is posted."""
    tables = [v for k, v in bs if k == "table"]
    if not tables:
        return None
    rows = max(tables, key=len)
    # The title: the last paragraph before the table (附件2 … 一览表), else the seed's first.
    title, last = None, None
    for kind, v in bs:
        if kind == "p":
            last = v
        elif v is rows:
            title = last
            break
    width = max(len(r) for r in rows)
    head = f'<tr><td colspan="{width}">{html.escape(title or "")}</td></tr>'
    t = table_html(rows).replace('<table border="1" cellspacing="0">', '<table border="1" cellspacing="0">\n' + head, 1)
    return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n' + t + "\n</body></html>\n"


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless"] + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    if not shutil.which("soffice"):
        sys.exit("needs LibreOffice: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            text = open(os.path.join(SRC, seed + ".txt"), encoding="utf-8").read()
            bs = blocks(text)
            doc = os.path.join(tmp, seed + ".html")
            open(doc, "w", encoding="utf-8").write(document_html(seed, bs))
            for target, ext in [('docx:"MS Word 2007 XML"', "docx"), ('doc:"MS Word 97"', "doc"), ("pdf:writer_pdf_Export", "pdf")]:
                soffice(["--infilter=HTML (StarWriter)", "--convert-to", target.replace('"', ""), doc], tmp)
                shutil.copy(os.path.join(tmp, f"{seed}.{ext}"), os.path.join(OUT, f"{seed}.{ext}"))
            shutil.copy(os.path.join(OUT, f"{seed}.doc"), os.path.join(OUT, f"{seed}.wps"))
            page = web_page(seed, bs)
            open(os.path.join(OUT, seed + ".html"), "wb").write(page.encode("gb18030"))
            open(os.path.join(OUT, seed + ".mht"), "w", encoding="ascii", newline="").write(mht(page, seed))
            sheet = sheet_html(seed, bs)
            if sheet:
                src = os.path.join(tmp, seed + "-sheet.html")
                open(src, "w", encoding="utf-8").write(sheet)
                for target, ext in [("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("xls:MS Excel 97", "xls"), ("ods:calc8", "ods")]:
                    soffice(["--infilter=HTML (StarCalc)", "--convert-to", target, src], tmp)
                    shutil.copy(os.path.join(tmp, f"{seed}-sheet.{ext}"), os.path.join(OUT, f"{seed}.{ext}"))
                shutil.copy(os.path.join(OUT, f"{seed}.xls"), os.path.join(OUT, f"{seed}.et"))
            print(seed, "done")


if __name__ == "__main__":
    main()
