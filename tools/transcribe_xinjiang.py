#!/usr/bin/env python3
"""Transcription of the Xinjiang 2024 guide (seed 002) into content/xinjiang-2024/.

Prose (培训对象 / 培训时间 / 培训目标) is parsed from the seed and copied verbatim.
The planning table 附件2 is parsed into rows; an empty cell means the cell
above was merged, so it takes the value of the row above (per column). Typed
fields (modes, days, hours, head counts, funding, sub-projects, …) were read
off each project by hand and are in A below; every verbatim snippet in them is
checked against the seed.

usage: tools/transcribe_xinjiang.py SEED OUT_DIR
"""
import re, sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from frontmatter import front, verbatim

SEED = pathlib.Path(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
text = SEED.read_text(encoding="utf-8")
lines = text.split("\n")
TABLE_START = next(i for i, l in enumerate(lines) if l.strip() == "附件2")

# ---- prose -----------------------------------------------------------------
CN = "一二三四五六七八九十"
projects, intro = [], {}
top = sub = cur = None
for raw in lines[:TABLE_START]:
    line = re.sub(r"^\[bookmark: [^\]]*\]", "", raw.strip()).strip()
    if not line or line.startswith("—") or line.startswith("2024年新疆") or line == "项目申报指南":
        continue
    m = re.match(rf"^([{CN}]+)、(.*)$", line)
    if m:
        top = (m.group(1), line); sub = None; cur = None
        continue
    m = re.match(rf"^（([{CN}]+)）(.*)$", line)
    if m:
        head = m.group(2)
        if "。设置" in head:  # a heading over numbered sub-projects
            sub = (m.group(1), f"（{m.group(1)}）" + head.split("。")[0]); cur = None
            continue
        sub = None
        t = re.match(r"^(.*)（(\d{4}年[^）]*)）$", head)
        cur = {"number": f"{top[0]}.({m.group(1)})", "title": t.group(1), "status": t.group(2),
               "section": [top[1]], "f": {}}
        projects.append(cur); continue
    m = re.match(r"^(\d+)\.(.*)$", line)
    if m:
        t = re.match(r"^(.*)（(\d{4}年[^）]*)）$", m.group(2).strip())
        cur = {"number": f"{top[0]}.({sub[0]}).{m.group(1)}", "title": t.group(1), "status": t.group(2),
               "section": [top[1], sub[1]], "f": {}}
        projects.append(cur); continue
    label, sep, rest = line.partition("：")
    if sep and label in ("培训对象", "培训时间", "培训目标", "培训内容") and cur:
        cur["f"][label] = rest
    else:
        assert cur is None, line
        intro.setdefault(top[1], []).append(line)
assert len(projects) == 22, [p["title"] for p in projects]

# ---- table 附件2 -------------------------------------------------------------
rows, row = [], None
for raw in lines[TABLE_START + 1:]:
    if raw.startswith("\t"):
        row = row if row is not None else []
        row.append(raw[1:].strip())
    elif raw.strip() == "":
        if row:
            rows.append(row)
        row = None
    elif row:  # a second line inside the last cell
        row[-1] += "\n" + raw.strip()
    elif rows and len(rows[-1]) == 8:  # a cell that wrapped onto its own paragraph
        pass
if row:
    rows.append(row)
# Row 29 of the flattened table is the last cell of row 28 (it wrapped).
fixed = []
for r in rows:
    if len(r) == 1 and fixed and len(fixed[-1]) == 8:
        fixed[-1] = fixed[-1] + r
    else:
        fixed.append(r)
rows = fixed
assert len(rows) == 33, len(rows)

L10 = ["计划", "项目类别", "项目", "子项目", "培训对象", "遴选条件", "培训环节", "培训周期", "实施单位", "培训经费标准"]
# Rows whose cells mean something else than the header says (read by hand):
LABELS = {
    12: ["计划", "项目类别", "项目", "子项目", "项目说明", "培训对象", "培训环节", "培训周期", "实施单位", "培训经费标准"],
    13: ["计划", "项目类别", "项目", "子项目", "项目说明", "培训对象", "培训环节", "培训周期", "实施单位", "培训经费标准"],
    14: ["计划", "项目类别", "项目", "项目说明", "培训对象", "培训环节", "培训周期", "实施单位", "培训经费标准"],
    15: ["计划", "项目类别", "项目", "项目说明", "培训对象", "培训环节", "培训周期", "实施单位", "培训经费标准"],
    24: ["计划", "项目类别", "项目", "培训对象", "遴选条件", "培训环节", "培训周期", "实施单位", "培训经费标准"],
    25: ["计划", "项目类别", "项目", "项目说明", "培训对象", "培训环节", "培训周期", "实施单位", "培训经费标准"],
}
L9 = ["计划", "项目类别", "子项目", "培训对象", "遴选条件", "培训方式", "培训周期", "实施单位", "培训经费标准"]
table, above = {}, {}
for i, r in enumerate(rows):
    if i in (0, 26):  # header rows
        above = {}
        continue
    labels = LABELS.get(i, L10 if i < 26 else L9)
    assert len(labels) == len(r), (i, r)
    cells = {}
    for label, cell in zip(labels, r):
        cells[label] = cell if cell else above.get(label, "")
    # A new project or description starts a new merge scope for what is under it.
    for label, cell in zip(labels, r):
        if cell:
            above[label] = cell
    table[i] = cells

SHOWN = ["子项目", "项目说明", "培训对象", "遴选条件", "培训环节", "培训方式", "培训周期", "实施单位", "培训经费标准"]

def table_md(row_ids):
    out = ["## 项目规划表（附件2）", ""]
    for i in row_ids:
        c = table[i]
        out.append(f"### {c.get('子项目') or c.get('项目')}：{c['培训对象'].splitlines()[0]}")
        out.append("")
        for label in SHOWN[1:]:
            v = c.get(label)
            if v:
                out.append(f"- {label}：" + "；".join(v.splitlines()))
        out.append("")
    return out

# ---- annotations (read by hand) --------------------------------------------
def applicants(unit):
    m = re.match(r"^由(.*)牵头申报，协同(.*)组织实施$", unit)
    if m:
        return [f"{m.group(1)}（牵头申报）", f"{m.group(2)}（协同组织实施）"]
    m = re.match(r"^协同(.*)实施$", unit)
    assert m, unit
    return [f"{m.group(1)}（协同实施）"]

def F(amount, unit, item, note=None):
    return {"amount": amount, "unit": unit, "item": item, "note": note}

TRAIN400 = F(400, "元/人/天", "集中培训")
ONLINE6 = F(6, "元/人/学时", "异步在线培训")
TRAIN500 = F(500, "元/人/天", "集中培训")
GQ = dict(plan="国培计划", level="国家级")
QP = dict(plan="区培计划", level="省级")
KID = "幼儿园骨干教师"
PRI = "小学骨干教师，包括小学语文、数学、道德与法治、英语、科学、体育、音乐、美术"
PRI2 = "小学骨干教师，包括小学语文、数学、英语、道德与法治、科学、体育、音乐、美术"
MID = "初中骨干教师，包括初中语文、数学、英语、道德与法治、历史、物理、化学，生物、地理、体育、音乐、美术"
MID2 = "初中骨干教师，包括初中语文、数学、英语、道德与法治、历史、物理、化学、生物、地理、体育、音乐、美术"
verbatim(text, PRI, PRI2, MID, MID2)

def S(name, eligibility=None, **kw):
    d = {"name": name, "eligibility": eligibility}
    d.update(kw)
    return d

def stage_rows(pri, mid, days):
    return [S("幼儿园骨干教师", stages=["幼儿园"], offline_days=days),
            S("小学骨干教师", pri, stages=["小学"], subject=pri.split("包括")[1], offline_days=days),
            S("初中骨干教师", mid, stages=["初中"], subject=mid.split("包括")[1], offline_days=days)]

A = {
 "一.(一).1": dict(slug="xj2024-xianji-gugan", rows=[1, 2, 3], category="backbone-teacher", **GQ,
    tags=["农村骨干教师", "青年骨干教师", "学科育人", "影子学习"], audience=["教师"], stages=["幼儿园", "小学", "初中"],
    modes=["能力诊断", "集中培训", "跟岗研修", "岗位实践", "网络研修"], offline_days=15, online_hours=50, cycle_years=3, trainees=3200,
    funding=[TRAIN400, ONLINE6], sub_projects=stage_rows(PRI, MID, 15)),
 "一.(一).2": dict(slug="xj2024-xianji-jinque", rows=[4, 5], category="five-education", **GQ,
    tags=["农村骨干教师", "紧缺领域", "足球", "特殊教育", "心理健康教育", "劳动教育", "书法教育", "德育主任"],
    audience=["教师", "班主任"], stages=["小学", "初中", "高中", "特殊教育"],
    modes=["集中培训", "跟岗研修"], offline_days=10, cycle_years=1, trainees=1100, funding=[TRAIN400],
    sub_projects=[S("紧缺领域骨干教师", "紧缺领域骨干教师，包括特殊教育骨干教师（培智）、心理健康教育骨干教师、劳动教育骨干教师、书法教育骨干教师、中小学班主任、中小学德育主任", offline_days=10),
                  S("足球教师", "全区中小学足球特色学校足球教师", stages=["小学", "初中", "高中"], subject="足球", offline_days=10)]),
 "一.(一).3": dict(slug="xj2024-diji-gugan", rows=[6, 7, 8], category="backbone-teacher", **GQ,
    tags=["农村骨干教师", "学科带头人", "教学创新", "名校观摩"], audience=["教师"], stages=["幼儿园", "小学", "初中"],
    modes=["能力诊断", "集中培训", "名校访学", "岗位实践", "工作坊", "导师带教", "网络研修"], offline_days=15, online_hours=50, cycle_years=3, trainees=1680,
    funding=[TRAIN400, ONLINE6], sub_projects=stage_rows(PRI2, MID2, 15)),
 "一.(一).4": dict(slug="xj2024-mingshi-shifan", rows=[9, 10, 11], category="backbone-teacher", **GQ,
    tags=["学科名师", "示范研修", "园本课程", "新课程标准", "统编教材"], audience=["教师"], stages=["幼儿园", "小学", "初中"],
    modes=["能力诊断", "集中培训", "研课磨课"], offline_days=7, offline_days_at_least=True, duration_text="7-10天集中研修",
    cycle_years=1, trainees=900, funding=[TRAIN400],
    sub_projects=[S("幼儿园园本课程开发示范研修", stages=["幼儿园"], offline_days=10),
                  S("义务教育新课程标准示范研修", "义务教育新课程标准示范研修，包括小学数学、小学英语、小学科学、初中数学、初中英语、初中物理、初中化学、初中生物、初中地理",
                    stages=["小学", "初中"], subject="小学数学、小学英语、小学科学、初中数学、初中英语、初中物理、初中化学、初中生物、初中地理", offline_days=10),
                  S("中小学三科统编教材示范研修", "中小学三科统编教材示范研修，包括小学语文、小学道德与法治、初中语文、初中道德与法治、初中历史",
                    stages=["小学", "初中"], subject="小学语文、小学道德与法治、初中语文、初中道德与法治、初中历史", offline_days=7)]),
 "一.(二).1": dict(slug="xj2024-yiduiyi", rows=[12, 13], category="one-to-one", **GQ,
    tags=["乡村振兴", "巩固提升县", "帮扶学校", "乡村小规模学校", "国家通用语言文字"],
    audience=["教师", "校长", "园长", "党组织书记", "研训员", "培训者"], stages=[],
    modes=["送教下乡", "联合教研", "集中培训", "工作坊", "能力诊断", "岗位实践", "跟踪指导"],
    offline_days=10, offline_days_at_least=True, online_hours=50, online_hours_at_least=True, cycle_years=3,
    duration_text="实施周期为3年，每年送教上门、联合教研不少于10天，工作坊研修不少于50学时",
    funding=[F(80, "万元/县/年", "高校-优质县-帮扶县“一对一”精准帮扶培训", "原文“80万/县/年”"),
             F(20, "万元/校/年", "高校-优质校-帮扶校“一对一”精准帮扶培训", "原文“20万/校/年”")],
    sub_projects=[S("高校-优质县-帮扶县“一对一”精准帮扶培训", "帮扶县教师培训者团队、校园长书记以及学科骨干教师等", offline_days=10, online_hours=50),
                  S("高校-优质校-帮扶校“一对一”精准帮扶培训", "帮扶校教研主任、教研组长、学科骨干教师等", offline_days=10, online_hours=50)]),
 "一.(二).2": dict(slug="xj2024-dinggang-zhijiao", rows=[14], category="kindergarten-relief", **GQ,
    tags=["南疆", "艰苦边远地区", "顶岗置换", "师范生", "影子教师"], audience=["教师"], stages=["幼儿园"],
    modes=["顶岗支教", "集中培训", "跟岗研修", "导师带教", "网络研修", "岗位实践"],
    offline_days=35, offline_parts=[{"place": "集中培训", "days": 15}, {"place": "跟岗实践", "days": 20}], online_hours=80,
    duration_text="顶岗置换一学期，集中培训15天，跟岗实践20天，一对一同步在线指导80学时", cycle_years=1, trainees=80,
    funding=[F(400, "元/天", "集中培训"), F(60, "元/人/学时", "一对一同步在线指导"), F(300, "元/人/天", "跟岗实践")]),
 "一.(三)": dict(slug="xj2024-zizhu-xuexi", rows=[15], category="self-directed", **GQ,
    tags=["自主选学", "专家引领", "同伴互助", "语文", "数学", "英语"], audience=["教师"], stages=["小学", "初中"],
    modes=["自主选学", "集中培训", "工作坊", "校本研修", "跟踪指导", "研课磨课"], offline_days=10, online_hours=120, cycle_years=2, trainees=4706,
    duration_text="实施周期为2年，其中，每年自主选学指导教师团队集中培训10天，全员教师工作坊研修120学时",
    funding=[TRAIN400, ONLINE6]),
 "一.(四).1": dict(slug="xj2024-peixunzhe-tuandui", rows=[], category="trainer-team", **GQ,
    tags=["培训者", "2023年度设立"], audience=["培训者"], stages=[], modes=["集中培训"],
    offline_days=15, offline_parts=[{"place": "区内", "days": 5}, {"place": "区外", "days": 10}], cycle_years=2),
 "一.(四).2": dict(slug="xj2024-peixun-guanli", rows=[16, 17], category="trainer-team", **GQ,
    tags=["培训管理", "教育行政部门", "教师培训机构"], audience=["管理干部"], stages=[],
    modes=["集中培训", "观摩学习", "项目实践", "岗位实践"], offline_days=7, cycle_years=1, trainees=400,
    funding=[F(500, "元/人/天", "集中研修", "原文“500元/人/天”")],
    sub_projects=[S("地县教育行政部门教师培训管理者", "各地（州、市）县（市、区）教育行政部门教师培训工作部门管理者及培训任务承担院校项目负责人", offline_days=7),
                  S("地州、县市教师培训机构负责人", "全区各县市教师培训机构管理者及项目负责人", offline_days=7)]),
 "一.(五).1": dict(slug="xj2024-gugan-xiaoyuanzhang", rows=[18, 19, 20], category="principal", **GQ,
    tags=["骨干校园长", "三段式", "领导力"], audience=["校长", "园长"], stages=["幼儿园", "小学", "初中", "高中"],
    modes=["集中培训"], offline_days=15, cycle_years=1, trainees=1000, funding=[F(500, "元/人/天", "集中培训", "原文“500元/人/天”")],
    sub_projects=[S("幼儿园骨干园长提升研修", "全区骨干正职园长", stages=["幼儿园"], offline_days=15),
                  S("小学骨干校长提升研修", "全区骨干小学正职校长", stages=["小学"], offline_days=15),
                  S("中学骨干校长提升研修", "全区骨干中学正职校长", stages=["初中", "高中"], offline_days=15)]),
 "一.(五).2": dict(slug="xj2024-youxiu-xiaoyuanzhang", rows=[], category="principal", **GQ,
    tags=["优秀校园长", "三段式", "名校访学", "2023年度设立"], audience=["校长", "园长"], stages=["幼儿园", "小学", "初中", "高中"],
    modes=["集中培训", "名校访学", "能力诊断", "导师带教"], offline_days=20, offline_days_at_least=True, cycle_years=2, trainees=350,
    duration_text="实施周期为2年，每年集中研修、名校访学、进校诊断与专家指导不少于20天"),
 "一.(五).3": dict(slug="xj2024-dangzuzhi-shuji", rows=[21, 22, 23], category="party-secretary", **GQ,
    tags=["党组织书记", "三段式"], audience=["党组织书记"], stages=["幼儿园", "小学", "初中", "高中"],
    modes=["集中培训"], offline_days=10, cycle_years=1, trainees=800, funding=[F(500, "元/人/天", "集中培训", "原文“500元/人/天”")],
    sub_projects=[S("幼儿园党组织书记研修", "全区幼儿园党支部书记", stages=["幼儿园"], offline_days=10),
                  S("小学党组织书记研修", "全区小学党组织书记", stages=["小学"], offline_days=10),
                  S("中学党组织书记研修", "全区中学党组织书记", stages=["初中", "高中"], offline_days=10)]),
 "一.(五).4": dict(slug="xj2024-yifa-zhixiao", rows=[24], category="principal", **GQ,
    tags=["依法治校", "法治", "三段式"], audience=["校长"], stages=["小学", "初中", "高中"],
    modes=["集中培训"], offline_days=10, cycle_years=1, trainees=300, funding=[F(500, "元/人/天", "集中培训", "原文“500元/人/天”")]),
 "一.(六).1": dict(slug="xj2024-shuzi-shifanxiao", rows=[], category="it-teaching", **GQ,
    tags=["数字素养", "数字化赋能", "示范校", "人工智能", "大数据", "2023年度设立"], audience=["教师", "管理干部"], stages=[],
    modes=["能力诊断", "集中培训", "校本研修", "工作坊"], offline_days=20, offline_days_at_least=True, online_hours=60, online_hours_at_least=True,
    cycle_years=2, duration_text="实施周期为2年，每年能力诊断、专题研修、校本实践不少于20天，工作坊研修不少于60学时"),
 "一.(六).2": dict(slug="xj2024-shuzi-zhidao", rows=[25], category="it-trainer", **GQ,
    tags=["数字素养", "培训团队", "教育数字化转型"], audience=["管理干部", "教师"], stages=[],
    modes=["集中培训", "项目实践", "工作坊", "岗位实践"], offline_days=10, cycle_years=1, trainees=600,
    funding=[F(500, "元/人/天", "集中培训", "原文“500元/人/天”")]),
 "一.(七)": dict(slug="xj2024-xianyu-tixi", rows=[], category="county-system", **GQ,
    tags=["区域综合改革", "县域教师发展", "教师发展机构", "2023年设立"], audience=["教师", "校长", "研训员"], stages=[],
    modes=["集中培训", "跟踪指导"], offline_days=20, offline_days_at_least=True, cycle_years=2,
    duration_text="实施周期为2年，每年集中研修、实地调研与跟踪指导不少于20天"),
 "二.(一)": dict(slug="xj2024-gaozhong-gugan", rows=[27], category="backbone-teacher", **QP,
    tags=["普通高中", "骨干教师", "教学创新"], audience=["教师"], stages=["高中"],
    modes=["能力诊断", "集中培训", "名校访学", "岗位实践", "网络研修"], offline_days=15, online_hours=50, cycle_years=3, trainees=450,
    funding=[TRAIN400, ONLINE6]),
 "二.(二).1": dict(slug="xj2024-gaozhong-xinkecheng", rows=[28], category="new-curriculum", **QP,
    tags=["普通高中", "新课程", "新教材", "新课标", "单元教学设计", "作业设计"], audience=["教师"], stages=["高中"],
    modes=["集中培训", "项目实践"], offline_days=7, cycle_years=1, trainees=600, funding=[TRAIN400]),
 "二.(二).2": dict(slug="xj2024-gaozhong-shengya", rows=[29], category="student-development", **QP,
    tags=["普通高中", "生涯规划", "学生发展指导", "新高考"], audience=["教师"], stages=["高中"],
    modes=["集中培训", "项目实践"], offline_days=7, cycle_years=1, trainees=340, funding=[TRAIN400]),
 "二.(二).3": dict(slug="xj2024-gaozhong-zhongceng", rows=[30], category="school-admin", **QP,
    tags=["普通高中", "教务主任", "德育主任", "中层干部", "新高考", "选课走班"], audience=["管理干部"], stages=["高中"],
    modes=["集中培训", "项目实践"], offline_days=7, cycle_years=1, trainees=300, funding=[TRAIN400]),
 "二.(二).4": dict(slug="xj2024-gaozhong-xiaozhang", rows=[31], category="principal", **QP,
    tags=["普通高中", "校长", "书记", "新高考", "领导力"], audience=["校长", "党组织书记"], stages=["高中"],
    modes=["集中培训", "观摩学习", "项目实践", "岗位实践"], offline_days=7, cycle_years=1, trainees=200, funding=[TRAIN500]),
 "二.(三)": dict(slug="xj2024-linghang", rows=[32], category="leading-educator", **QP,
    tags=["名师", "名校长", "名书记", "领航", "天山英才", "教育名家"], audience=["教师", "校长", "园长", "党组织书记"],
    stages=["幼儿园", "小学", "初中", "高中"], modes=["名校访学", "导师带教", "岗位实践", "课题研究"],
    offline_days=20, offline_days_at_least=True, cycle_years=3, trainees=200,
    duration_text="培训周期为3年，每年集中培训不少于20天，其中名校访学不少于7天", funding=[TRAIN500]),
}

for a in A.values():
    for s in a.get("sub_projects", []):
        verbatim(text, s["name"].split("：")[0])
        if s.get("eligibility"):
            verbatim(text, s["eligibility"])
    if a.get("duration_text"):
        verbatim(text, a["duration_text"])

# ---- write -------------------------------------------------------------------
OUT.mkdir(parents=True, exist_ok=True)
body = []
for head, paras in intro.items():
    body += [f"## {head}", ""] + [p + "\n" for p in paras]
body += ["## 附件2", "", "2024年新疆“国培计划”“区培计划”项目规划（新设项目）：各项目的培训对象、遴选条件、培训环节、培训周期、实施单位和培训经费标准见各项目页。", ""]
(OUT / "_catalog.md").write_text("""+++
title = "2024年新疆“国培计划”“区培计划”项目申报指南"
region = "新疆维吾尔自治区"
year = 2024
kind = "申报指南"
source = "2024年新疆“国培计划”“区培计划”项目申报指南（附件2：项目规划）"
+++

""" + "\n".join(body), encoding="utf-8")

seen = set()
for p in projects:
    a = dict(A[p["number"]])
    slug = a.pop("slug"); rows_ = a.pop("rows")
    assert slug not in seen; seen.add(slug)
    f = p["f"]
    fields = dict(title=p["title"], number=p["number"], section=p["section"], eligibility=f["培训对象"], **a)
    if rows_:
        found = []
        for i in rows_:
            for x in applicants(table[i]["实施单位"]):
                if x not in found:
                    found.append(x)
        fields["applicants"] = found
        # 遴选条件: who is chosen, as the table words it, where its rows agree.
        chosen = []
        for i in rows_:
            c = "；".join(table[i].get("遴选条件", "").splitlines())
            if c and c not in chosen:
                chosen.append(c)
        if len(chosen) == 1:
            fields["selection"] = chosen[0]
    if "duration_text" not in fields:
        fields["duration_text"] = f["培训时间"]
    out = [front(fields), f"项目设置：{p['status']}。", ""]
    for label in ("培训对象", "培训时间", "培训目标", "培训内容"):
        if label in f:
            out += [f"## {label}", "", f[label], ""]
    if rows_:
        out += table_md(rows_)
    (OUT / f"{slug}.md").write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
print(f"wrote {len(projects)} projects to {OUT}")
