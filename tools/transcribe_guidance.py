#!/usr/bin/env python3
"""Transcription of the national guidance (seed 001, “国培计划”中西部骨干项目指导方案)
into content/guopei-zhongxibu-guidance/: one entry per kind of project it defines,
text verbatim. Each entry's category is the site.toml category whose `guidance`
number it carries, so every category links to the text that defines it.

The seed states no year, so the catalog has none (allowed only for kind 指导方案).

usage: tools/transcribe_guidance.py SEED SITE_TOML OUT_DIR
"""
import re, sys, pathlib, tomllib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from frontmatter import front

SEED, SITE, OUT = (pathlib.Path(a) for a in sys.argv[1:4])
text = SEED.read_text(encoding="utf-8")
by_number = {c["guidance"]: c["key"] for c in tomllib.loads(SITE.read_text(encoding="utf-8"))["categories"] if "guidance" in c}
SLUGS = {"一.1": "zxb-fenceng-fenlei", "一.2": "zxb-zizhu-xuexi", "二.1": "zxb-yiduiyi", "二.2": "zxb-dinggang-zhijiao",
         "三": "zxb-shixian-tuandui", "四.1": "zxb-gugan-xiaoyuanzhang", "四.2": "zxb-dangzuzhi-shuji",
         "五.1": "zxb-xinxihua-lingdaoli", "五.2": "zxb-xinxihua-jiaoxue", "五.3": "zxb-xinxi-zhidao"}

entries, top, cur = [], None, None
for raw in text.split("\n"):
    line = raw.strip()
    if not line or line in ("附件2", "“国培计划”中西部骨干项目指导方案"):
        continue
    m = re.match(r"^([一二三四五])、(.*)$", line)
    if m:
        top = (m.group(1), line, m.group(2)); cur = None
        continue
    m = re.match(r"^(\d)\.([^。]*)。", line)
    if m:
        cur = {"number": f"{top[0]}.{m.group(1)}", "title": m.group(2), "section": [top[1]], "paras": [line]}
        entries.append(cur); continue
    if cur is None:  # a heading with no numbered kinds under it is itself the kind (三)
        cur = {"number": top[0], "title": top[2], "section": [], "paras": []}
        entries.append(cur)
    cur["paras"].append(line)
assert [e["number"] for e in entries] == list(SLUGS), [e["number"] for e in entries]

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "_catalog.md").write_text("""+++
title = "“国培计划”中西部骨干项目指导方案"
region = "全国"
kind = "指导方案"
source = "“国培计划”中西部骨干项目指导方案（附件2）"
+++

> 编者注：国家层面对中西部“国培计划”骨干项目的指导方案，规定五大类项目及其子类。它不是可报名的培训项目，而是各省、区县培训项目的类别依据：本站每个项目都归入下列类别之一（或明确标注为各地自设类别），以便跨地区比较。
""", encoding="utf-8")
for e in entries:
    key = by_number[e["number"]]
    fields = dict(title=e["title"], number=e["number"], section=e["section"], plan="国培计划", level="国家级", category=key)
    body = "\n\n".join(e["paras"])
    (OUT / f"{SLUGS[e['number']]}.md").write_text(front(fields) + "\n" + body + "\n", encoding="utf-8")
print(f"wrote {len(entries)} kinds to {OUT}")
