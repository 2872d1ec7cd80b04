#!/usr/bin/env python3
"""One-off transcription of the Chongqing 2026 guide (seed 000) into content/.

Text fields (培训对象 and the four body sections) are copied verbatim from the
seed; typed fields (modes, days, hours, counties, applicants, …) were read off
each project by hand and are listed in ANNOTATIONS below. Kept in the repository
so the transcription can be reviewed against the source line by line.
"""
import re, sys, pathlib

SEED = pathlib.Path(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
lines = SEED.read_text(encoding="utf-8").splitlines()

COMMON_APPLICANTS = ["高等院校", "区县级以上教师发展机构和教科研机构", "市内优质中小学幼儿园"]
C12 = ["城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县", "石柱土家族自治县",
       "秀山土家族苗族自治县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县"]
C4 = ["城口县", "巫溪县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县"]

# number -> typed fields
A = {
 "一.(一).1": dict(slug="cq2026-gugan-jiaoshi", category="backbone-teacher", audience=["教师"], stages=[], tags=["巴渝优师", "骨干计划", "骨干教师"],
    modes=["理论研修", "名校访学", "岗位实践", "导师带教", "工作坊", "网络研修"], offline_days=30, offline_parts=[("市内", 30)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(一).2": dict(slug="cq2026-gugan-banzhuren", category="class-teacher", audience=["班主任"], stages=[], tags=["巴渝优师", "骨干计划", "骨干班主任"],
    modes=["理论研修", "能力训练", "导师带教", "工作坊", "网络研修"], offline_days=30, offline_parts=[("市内", 30)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(一).3": dict(slug="cq2026-gugan-xiaozhang", category="principal", audience=["校长", "园长"], stages=[], tags=["巴渝优师", "骨干计划", "骨干校园长"],
    modes=["理论研修", "导师带教", "名校访学", "项目实践", "网络研修"], offline_days=30, offline_parts=[("市内", 30)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(一).4": dict(slug="cq2026-gugan-shuji", category="party-secretary", audience=["党组织书记"], stages=["幼儿园", "小学", "初中", "高中"], tags=["巴渝优师", "骨干计划"],
    modes=["理论研修", "主题论坛", "现场教育", "网络研修"], offline_days=30, offline_parts=[("市内", 30)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(一).5": dict(slug="cq2026-gugan-yanxunyuan", category="trainer-team", audience=["研训员"], stages=[], tags=["巴渝优师", "骨干计划"],
    modes=["理论研修", "主题研讨", "项目实践", "网络研修"], offline_days=30, offline_parts=[("市内", 30)], online_hours=60, applicants=["高等院校", "区县级以上教师发展机构和教科研机构"]),
 "一.(二).1": dict(slug="cq2026-zhuoyue-jiaoshi", category="backbone-teacher", audience=["教师"], stages=[], tags=["巴渝优师", "卓越计划", "卓越教师"],
    modes=["理论研修", "名校访学", "岗位实践", "导师带教", "工作坊", "网络研修"], offline_days=30, offline_parts=[("市内", 20), ("市外", 10)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(二).2": dict(slug="cq2026-zhuoyue-banzhuren", category="class-teacher", audience=["班主任"], stages=[], tags=["巴渝优师", "卓越计划"],
    modes=["理论研修", "能力训练", "导师带教", "工作坊", "网络研修"], offline_days=30, offline_parts=[("市内", 20), ("市外", 10)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(二).3": dict(slug="cq2026-zhuoyue-xiaozhang", category="principal", audience=["校长"], stages=["小学", "初中", "高中"], tags=["巴渝优师", "卓越计划"],
    modes=["理论研修", "主题论坛", "名校访学", "网络研修"], offline_days=30, offline_parts=[("市内", 20), ("市外", 10)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(二).4": dict(slug="cq2026-zhuoyue-shuji", category="party-secretary", audience=["党组织书记"], stages=["小学", "初中", "高中"], tags=["巴渝优师", "卓越计划"],
    modes=["理论研修", "主题论坛", "现场教育", "网络研修"], offline_days=30, offline_parts=[("市内", 20), ("市外", 10)], online_hours=60, applicants=COMMON_APPLICANTS),
 "一.(二).5": dict(slug="cq2026-zhuoyue-yanxunyuan", category="trainer-team", audience=["研训员"], stages=[], tags=["巴渝优师", "卓越计划"],
    modes=["理论研修", "主题论坛", "现场教育", "网络研修"], offline_days=30, offline_parts=[("市内", 20), ("市外", 10)], online_hours=60, applicants=["高等院校", "省级以上教师发展机构和教科研机构"]),
 "二.(一).1": dict(slug="cq2026-nongcun-yiduiyi", category="one-to-one", audience=["教师", "管理干部"], stages=["小学", "初中", "高中"], tags=["乡村教师支持", "乡村振兴", "结对帮扶"],
    counties=C4, modes=["人员互派", "送教下乡", "联合教研", "跟岗研修"], offline_days=20, offline_days_at_least=True, cycle_years=1,
    duration_text="为期一年结对帮扶培训，集中培训不少于20天", applicants=["市内优质中小学（牵头）", "4个国家乡村振兴重点帮扶县的乡镇中小学（协同）"]),
 "二.(一).2": dict(slug="cq2026-nongcun-genggang", category="rural-teacher", audience=["教师"], stages=["幼儿园", "小学", "初中", "高中"], tags=["乡村教师支持", "跟岗基地学校"],
    modes=["跟岗研修"], offline_days=15, duration_text="遴选20所跟岗基地学校，每个基地学校接收跟岗学员20人，跟岗时间15天", applicants=["重庆市优质中小学幼儿园"]),
 "二.(一).3": dict(slug="cq2026-nongcun-xueke-suyang", category="rural-teacher", audience=["教师"], stages=[], tags=["乡村教师支持", "学科素养"],
    modes=["理论研修", "能力训练"], offline_days=20, offline_parts=[("市内", 20)], applicants=["普通高等院校"]),
 "二.(一).4": dict(slug="cq2026-nongcun-gugan-jiaoshi", category="backbone-teacher", audience=["教师", "班主任"], stages=[], tags=["乡村教师支持", "骨干教师", "高校+项目区县"],
    modes=["理论研修", "名校访学", "岗位实践", "工作坊"], offline_days=20, offline_days_at_least=True, applicants=["开设了教育类专业的高校（牵头）", "农村学校教师占比较高的区县（协同）"]),
 "二.(二).1": dict(slug="cq2026-xianzhong-zhengxiao", category="county-high-school", audience=["教师"], stages=["高中"], tags=["县中振兴", "整校提升", "结对帮扶"],
    counties=C12, modes=["人员互派", "送教下乡", "联合教研", "跟岗研修"], offline_days=20, offline_days_at_least=True, cycle_years=1,
    duration_text="为期一年结对帮扶培训，集中研修不少于20天", applicants=["市内优质普通高中（牵头）", "未建立教共体关系的县中学校（协同）"]),
 "二.(二).2": dict(slug="cq2026-xianzhong-xiaozhang", category="county-high-school", audience=["校长", "管理干部"], stages=["高中"], tags=["县中振兴", "跟岗基地学校"],
    counties=C12, modes=["跟岗研修"], offline_days=21, duration_text="遴选市内7所优质高中作为跟岗基地学校，每所学校20人，跟岗研修21天", applicants=["市内优质普通高中"]),
 "二.(二).3": dict(slug="cq2026-xianzhong-touyan", category="county-high-school", audience=["教师"], stages=["高中"], tags=["县中振兴", "头雁教师工作室"],
    modes=["集中培训", "导师带教"], offline_days=21, applicants=["具有普通高中教师及培训者培训经验的单位"]),
 "二.(三).1": dict(slug="cq2026-keji-suyang", category="five-education", audience=["教师", "管理干部"], stages=["小学", "初中", "高中"], tags=["五育并举", "科技教育", "整校提升"],
    modes=["理论研修", "项目实践"], offline_days=20, offline_days_at_least=True, cycle_years=1, duration_text="遴选10所项目学校，为期一年的研修和实践应用，集中研修不少于20天",
    applicants=["具备一定科技教育特色的市内普通中小学校"]),
 "二.(三).2": dict(slug="cq2026-laodong-tiyu-meishu-xinli", category="five-education", audience=["教师"], stages=[], tags=["五育并举", "劳动教育", "体育与健康", "美术", "心理健康教育", "非专业背景"],
    modes=["能力训练", "研课磨课", "网络研修"], offline_days=15, online_hours=60, applicants=["具有相关学科实训设备和专业师资力量的单位"]),
 "三.(一).1": dict(slug="cq2026-shuzi-suyang-shidian", category="it-teaching", audience=["教师"], stages=["幼儿园", "小学", "初中"], tags=["数字素养", "试点学校", "整校推进"],
    modes=["集中培训", "网络研修", "应用实践"], offline_days=20, offline_days_at_least=True, cycle_years=1, duration_text="为期一年的研修与教学实践，集中研修不少于20天",
    applicants=["具备一定数字化基础条件的幼儿园、小学、初中学校"]),
 "三.(一).2": dict(slug="cq2026-shuzi-zizhu-xuanxue", category="self-directed", audience=["教师"], stages=["幼儿园", "小学", "初中", "高中"], tags=["数字素养", "自主选学"],
    modes=["自主选学", "校本研修", "应用实践", "集中培训", "网络研修"], offline_days=5, offline_days_at_least=True, online_hours=80, online_hours_at_least=True,
    duration_text="遴选4个项目区县，集中培训不少于5天，网络研修不少于80学时", applicants=["具备在地数字化教师研修平台和课程资源的区县"]),
 "三.(二).1": dict(slug="cq2026-ai-quyu-tuijin", category="ai-education", audience=["教师"], stages=[], tags=["人工智能", "区域推进"],
    modes=["能力训练", "应用实践"], cycle_years=2, duration_text="两年周期，第一年预算50%经费，第二年经考核验收合格后再配套50%经费",
    applicants=["具备一定人工智能教育基础条件的区县"]),
 "三.(二).2": dict(slug="cq2026-ai-jiaoyu-nengli", category="ai-education", audience=["教师"], stages=["小学", "初中", "高中"], tags=["人工智能", "程序设计"],
    modes=["项目实践", "网络研修"], offline_days=15, online_hours=60, applicants=["在人工智能教育领域有相关工作基础和专业师资力量的单位"]),
 "四": dict(slug="cq2026-pianqu-xietong", category="regional-collab", audience=["教师", "管理干部"], stages=[], tags=["片区协同", "乡村振兴"],
    modes=["理论研修", "跟岗研修", "送教下乡", "导师带教", "工作坊"], offline_days=15, offline_days_at_least=True, cycle_years=1,
    duration_text="为期一年的协同培训，集中培训不少于15天", applicants=["1个优质区县教师发展机构（牵头）", "不少于2个区县教师发展机构（联合，至少有1个国家或市级乡村振兴重点帮扶区县的教师发展机构）"]),
}

LABELS = ["培训对象", "培训目标定位", "培训重点内容", "培训方式与时长", "申报单位要求"]

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def arr(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"

projects = []
preamble = lines[0].strip()
top = sub = None
cur = None
for raw in lines[1:]:
    line = raw.strip()
    if not line:
        continue
    m = re.match(r"^([一二三四五六七八九十]+)、(.*)$", line)
    if m:
        top = (m.group(1), line); sub = None
        if m.group(1) == "四":  # 四 is itself a project, with no sub-sections
            cur = {"number": "四", "title": m.group(2), "section": [], "fields": {}}
            projects.append(cur)
        continue
    m = re.match(r"^（([一二三四五六七八九十]+)）(.*)$", line)
    if m:
        sub = (m.group(1), line); continue
    m = re.match(r"^(\d+)\.(.*)$", line)
    if m:
        number = f"{top[0]}.({sub[0]}).{m.group(1)}"
        cur = {"number": number, "title": m.group(2).strip(), "section": [top[1], sub[1]], "fields": {}}
        projects.append(cur); continue
    label, _, text = line.partition("：")
    assert label in LABELS, line
    cur["fields"][label] = text

assert len(projects) == 24, len(projects)
OUT.mkdir(parents=True, exist_ok=True)
(OUT / "_catalog.md").write_text(f"""+++
title = "重庆市2026年“国培计划”项目申报指南"
region = "重庆市"
year = 2026
kind = "申报指南"
source = "重庆市2026年“国培计划”项目申报指南"
+++

{preamble}
""", encoding="utf-8")

for p in projects:
    a = A[p["number"]]
    f = p["fields"]
    out = ["+++", f"title = {q(p['title'])}", f"number = {q(p['number'])}", f"section = {arr(p['section'])}",
           'plan = "国培计划"', 'level = "国家级"', f"category = {q(a['category'])}", f"tags = {arr(a['tags'])}",
           f"audience = {arr(a['audience'])}", f"stages = {arr(a['stages'])}", f"eligibility = {q(f['培训对象'])}"]
    if a.get("counties"):
        out.append(f"counties = {arr(a['counties'])}")
    out.append(f"modes = {arr(a['modes'])}")
    if "offline_days" in a:
        out.append(f"offline_days = {a['offline_days']}")
    if a.get("offline_days_at_least"):
        out.append("offline_days_at_least = true")
    if a.get("offline_parts"):
        out.append("offline_parts = [" + ", ".join(f'{{ place = {q(pl)}, days = {d} }}' for pl, d in a["offline_parts"]) + "]")
    if "online_hours" in a:
        out.append(f"online_hours = {a['online_hours']}")
    if a.get("online_hours_at_least"):
        out.append("online_hours_at_least = true")
    if a.get("duration_text"):
        out.append(f"duration_text = {q(a['duration_text'])}")
    if "cycle_years" in a:
        out.append(f"cycle_years = {a['cycle_years']}")
    out.append(f"applicants = {arr(a['applicants'])}")
    out.append("+++")
    out.append("")
    for label in LABELS[1:]:
        out.append(f"## {label}")
        out.append("")
        out.append(f[label])
        out.append("")
    (OUT / f"{a['slug']}.md").write_text("\n".join(out), encoding="utf-8")
print(f"wrote {len(projects)} projects to {OUT}")
