#!/usr/bin/env python3
"""Transcription of the Qianjiang district 2022 plan (seed 004) into content/qianjiang-2022/.

The plan's prose becomes the catalog body (verbatim, headings marked up). Its
table 黔江区2022年教师教育项目规划一览表 is parsed into rows (an empty cell is a
merged cell: it takes the value above); each numbered row group becomes one
project, the 专项工作 rows become work items (work_item = true). Typed fields
were read by hand (A below); each project also quotes the plan's paragraph
that announces it.

`trainees` is set when the table gives one figure for the project, or when its
rows are disjoint groups (小学 + 初中) and the total is their sum; when rows
may overlap (信息技术应用能力提升工程2.0: 4000 网络研修, 2200 集中+校本) it is left out
and the rows carry their own figures.

usage: tools/transcribe_qianjiang.py SEED OUT_DIR
"""
import re, sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from frontmatter import front, verbatim

SEED = pathlib.Path(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
text = SEED.read_text(encoding="utf-8")
lines = text.split("\n")
TITLE = "黔江区2022年教师教育项目规划一览表"
TABLE = next(i for i, l in enumerate(lines) if l.strip() == TITLE)

# ---- prose -> catalog body -------------------------------------------------
prose_end = next(i for i, l in enumerate(lines) if l.strip() == "附件")
body, paragraphs = [], []
for raw in lines[3:prose_end]:
    line = raw.strip()
    if not line:
        continue
    if re.match(r"^[一二三四五六七八九十]+、", line):
        body += [f"## {line}", ""]
    elif re.match(r"^（[一二三四五六七八九十]+）", line) and "。" not in line and len(line) < 30:
        body += [f"### {line}", ""]
    else:
        body += [line, ""]
        paragraphs.append(line)

def para(prefix):
    hits = [p for p in paragraphs if p.startswith(prefix)]
    assert len(hits) == 1, prefix
    return hits[0]

# ---- table --------------------------------------------------------------------
rows, row = [], None
for raw in lines[TABLE + 1:]:
    if raw.startswith("\t"):
        row = row if row is not None else []
        row.append(re.sub(r"\s+", "", raw[1:]))
    elif raw.strip() == "":
        if row:
            rows.append(row)
        row = None
    elif row:
        row[-1] += raw.strip()
rows = rows[2:]  # two header rows
COLS = ["类别", "序号", "项目名称", "项目", "培训对象", "培训时间", "培训形式", "培训人数"]
table = []
for r in rows:
    cols = COLS if len(r) == 8 else [c for c in COLS if c != "项目"]
    assert len(cols) == len(r), r
    cells = dict(zip(cols, r))
    cells.setdefault("项目", "")
    prev = table[-1] if table else {}
    same_group = not cells["序号"]
    for c in COLS:
        # Merged cells: 类别 and 项目名称 span groups; the rest span rows of one group.
        if not cells[c] and prev and (c in ("类别", "项目名称") or (same_group and c not in ("项目", "培训人数"))):
            cells[c] = prev[c]
    table.append(cells)
assert len(table) == 30, len(table)

# Group rows into numbered entries (training projects, then 专项工作).
groups, cur = [], None
for cells in table:
    kind = cells["类别"]
    if cells["序号"] != (cur and cur["n"]) or kind != cur["kind"]:
        cur = {"n": cells["序号"], "kind": kind, "rows": []}
        groups.append(cur)
    cur["rows"].append(cells)
trainings = [g for g in groups if g["kind"] != "专项工作"]
work = [g for g in groups if g["kind"] == "专项工作"]
assert len(trainings) == 18 and len(work) == 5, (len(trainings), len(work))

P_ETHICS = ("1.注重政治方向", "2.注重活动育人")
P_SKILL = ("2.提升中小学教师专业能力",)
P_MISC = ("5.统筹开展各类专题培训和常规培训",)
P_CADRE = ("坚持党对教育工作的全面领导",)
A = {
 "1": dict(slug="qj2022-shide-shifeng", category="teacher-ethics", audience=["教师"], stages=["小学", "初中", "高中"],
           tags=["师德师风", "师德大讲坛", "主题演讲", "我的教育故事"], modes=["集中培训", "校本研修"], trainees=6000, paras=P_ETHICS,
           subs=True),
 "2": dict(slug="qj2022-xinxihua-jiaoxue", category="subject-teaching", audience=["教师"], stages=["小学", "初中"],
           tags=["新时代强师计划", "信息化教学", "语文", "数学", "英语", "科学", "物理", "化学"], modes=["集中培训", "岗位实践"],
           period="7—8月", trainees=1000, paras=P_SKILL, subs=True,
           stage_of={"小学语数英科学": (["小学"], "语文、数学、英语、科学"), "初中语数英理化": (["初中"], "语文、数学、英语、物理、化学")}),
 "3": dict(slug="qj2022-gaozhong-xinkecheng", category="new-curriculum", audience=["教师"], stages=["高中"],
           tags=["新教材", "新课程", "新高考"], modes=["集中培训"], paras=P_SKILL),
 "4": dict(slug="qj2022-nengli-tisheng-2", category="it-teaching", audience=["教师"], stages=["小学", "初中", "高中"],
           tags=["能力提升工程2.0", "信息技术应用能力", "整校推进"], modes=["网络研修", "集中培训", "校本研修"], period="3—6月",
           paras=("4.全面推进能力提升工程",), subs=True),
 "5": dict(slug="qj2022-xinli-jiankang", category="student-development", audience=["班主任", "教师"], stages=["小学", "初中", "高中"],
           tags=["心理健康教育", "心理健康教育指导师"], modes=["集中培训", "网络研修", "岗位实践"], paras=P_MISC),
 "6": dict(slug="qj2022-xinjiaoshi", category="new-teacher", audience=["新任教师"], stages=[], tags=["新教师", "岗前培训"],
           modes=["集中培训"], paras=P_MISC),
 "7": dict(slug="qj2022-xiaoben-peixunzhe", category="trainer-team", audience=["教师", "培训者"], stages=[],
           tags=["校本研修", "教研组长", "骨干教师"], modes=["集中培训"], paras=P_MISC),
 "8": dict(slug="qj2022-xiangcun-zhengxiao", category="rural-teacher", audience=["教师"], stages=["小学", "初中"],
           tags=["乡村学校", "教师发展示范校", "整校推进", "培训改革试点"], modes=["集中培训", "校本研修"],
           paras=("1.开展乡村学校教师发展整校推进试点",)),
 "9": dict(slug="qj2022-baoyuyuan", category="kindergarten-staff", audience=["保育员"], stages=["幼儿园"], tags=["保育员"],
           modes=["集中培训"], paras=("3.提升幼儿园教师保教能力",)),
 "10": dict(slug="qj2022-youeryuan-jiaoshi", category="kindergarten-staff", audience=["教师"], stages=["幼儿园"], tags=["保教能力"],
           modes=["集中培训"], paras=("3.提升幼儿园教师保教能力",)),
 "11": dict(slug="qj2022-rudang-jiji-fenzi", category="party-building", audience=["教师"], stages=[], tags=["入党积极分子", "党建"],
           modes=["集中培训"], paras=P_CADRE),
 "12": dict(slug="qj2022-caiwu", category="school-admin", audience=["管理干部"], stages=[], tags=["财务", "会计", "出纳", "副校长"],
           modes=["集中培训"], paras=P_MISC),
 "13": dict(slug="qj2022-dangzuzhi-shuji", category="party-secretary", audience=["党组织书记", "校长", "园长"], stages=[],
           tags=["党组织书记", "基层党组织"], modes=["集中培训"], paras=P_CADRE),
 "14": dict(slug="qj2022-banzi-chengyuan", category="party-building", audience=["管理干部"], stages=[],
           tags=["基层党组织", "班子成员"], modes=["集中培训"], paras=P_CADRE),
 "15": dict(slug="qj2022-xiaozhang-fangxue", category="principal", audience=["校长", "园长"], stages=[],
           tags=["访学高研班", "办学治校"], modes=["集中培训", "名校访学"], paras=P_CADRE),
 "16": dict(slug="qj2022-guanli-gugan", category="school-admin", audience=["管理干部"], stages=[],
           tags=["学校管理骨干"], modes=["集中培训", "名校访学"], paras=P_CADRE),
 "17": dict(slug="qj2022-jiaodao-zhuren", category="school-admin", audience=["管理干部"], stages=[],
           tags=["中层管理干部", "教导主任"], modes=["集中培训"], paras=P_CADRE),
 "18": dict(slug="qj2022-bangongshi-zhuren", category="school-admin", audience=["管理干部"], stages=[],
           tags=["中层管理干部", "办公室主任"], modes=["集中培训"], paras=P_CADRE),
}
W = {
 "1": dict(slug="qj2022-zx-xiaoben-yanxiu", audience=["教师"], stages=["小学", "初中"], tags=["校本研修", "督导评估", "示范校"],
           period="2—12月", paras=("2.强化校本研修督导评估", "1.开展乡村学校教师发展整校推进试点"), subs=True),
 "2": dict(slug="qj2022-zx-xuefen", audience=["教师"], stages=[], tags=["学分管理", "学分审核"], paras=("3.探索教师培训学分管理改革",)),
 "3": dict(slug="qj2022-zx-gugan-jianshe", audience=["教师"], stages=[], tags=["骨干教师", "区级骨干", "名师工作室"],
           paras=("根据新时代黔江教育发展规划",), subs=True),
 "4": dict(slug="qj2022-zx-jiaoshi-zige", audience=["教师"], stages=[], tags=["教师资格", "定期注册"], paras=("4. 推进教师资格管理制度改革",)),
 "5": dict(slug="qj2022-zx-jiaoxue-dasai", audience=["教师"], stages=["小学", "初中", "高中"], tags=["教学大赛", "心理健康教育", "信息化教学"],
           paras=("5.举办现场教学大赛",), subs=True),
}

def num(v):
    return int(v) if v else None

def write(g, a, number, section, work_item):
    rows_ = g["rows"]
    first = rows_[0]
    # A work item is named by its kind (学分管理); a training by its own row name.
    title = first["项目"] if (first["项目"] and not a.get("subs") and not work_item) else first["项目名称"]
    if first["项目"] and first["项目名称"] and not a.get("subs") and not work_item:
        section = section + [first["项目名称"]]
    fields = dict(title=title, number=number, section=section, level="区县级",
                  category=a.get("category", "special-work"), work_item=work_item, tags=a["tags"],
                  audience=a["audience"], stages=a["stages"], modes=a.get("modes", []))
    objs = [r["培训对象"] for r in rows_]
    fields["eligibility"] = "；".join(dict.fromkeys(objs))
    periods = {r["培训时间"] for r in rows_}
    fields["period"] = a.get("period") or (periods.pop() if len(periods) == 1 else None)
    figures = [r["培训人数"] for r in rows_]
    if "trainees" in a:
        fields["trainees"] = a["trainees"]
    elif len(rows_) == 1 and figures[0]:
        fields["trainees"] = int(figures[0])
    if a.get("subs"):
        subs = []
        for r in rows_:
            name = r["项目"] or (r["培训对象"] if len(set(objs)) > 1 else r["培训形式"])
            st, subject = a.get("stage_of", {}).get(r["培训对象"], ([], None))
            subs.append({"name": name, "eligibility": r["培训对象"], "stages": st, "subject": subject,
                         "period": r["培训时间"], "format": r["培训形式"], "trainees": num(r["培训人数"])})
        fields["sub_projects"] = subs
    out = [front(fields)]
    out += ["## 项目规划一览表", ""]
    for r in rows_:
        label = r["项目"] or title
        out.append(f"- {label}：培训对象 {r['培训对象']}；培训时间 {r['培训时间']}；培训形式 {r['培训形式']}"
                   + (f"；培训人数 {r['培训人数']}人" if r["培训人数"] else "；培训人数 未列"))
    out += ["", "## 工作计划原文", ""]
    for prefix in a["paras"]:
        out += [para(prefix), ""]
    (OUT / f"{a['slug']}.md").write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    return a["slug"]

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "_catalog.md").write_text(f"""+++
title = "重庆市黔江区2022年教师教育工作计划"
issuer = "重庆市黔江区教育委员会"
region = "重庆市"
district = "黔江区"
year = 2022
kind = "工作计划"
source = "重庆市黔江区教育委员会《2022年教师教育工作计划》及附件《{TITLE}》"
+++

""" + "\n".join(body).rstrip() + "\n", encoding="utf-8")

slugs = set()
for g in trainings:
    a = A[g["n"]]
    slugs.add(write(g, a, g["n"], [g["kind"]], False))
for g in work:
    slugs.add(write(g, W[g["n"]], f"专项工作.{g['n']}", ["专项工作"], True))
assert len(slugs) == 23
print(f"wrote {len(trainings)} projects and {len(work)} work items to {OUT}")
