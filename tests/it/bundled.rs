//! The bundled content: it builds, and its facts match the published documents.
use crate::support::*;
use std::path::Path;

fn bundled() -> (tempfile::TempDir, serde_json::Value) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::Builder::new()
        .prefix("peixun-bundled-")
        .tempdir()
        .unwrap();
    let output = out.path().join("output");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(["build", "--root"])
        .arg(repo)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let json = serde_json::from_str(&std::fs::read_to_string(output.join("catalog.json")).unwrap())
        .unwrap();
    (out, json)
}

#[test]
fn chongqing_2026_guide_is_complete_and_exact() {
    let (_dir, json) = bundled();
    let cq: Vec<&serde_json::Value> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["catalog"] == "chongqing-2026")
        .collect();
    assert_eq!(
        cq.len(),
        24,
        "the guide lists 24 projects in sections 一 to 四"
    );
    let by_title = |t: &str| {
        *cq.iter()
            .find(|p| p["title"] == t)
            .unwrap_or_else(|| panic!("no project {t}"))
    };
    let p = by_title("重庆市骨干教师培养对象培训项目");
    assert_eq!(
        (p["offline_days"].as_u64(), p["online_hours"].as_u64()),
        (Some(30), Some(60))
    );
    assert_eq!(p["eligibility"], "任教6年以上的区县级骨干教师。");
    let p = by_title("重庆市卓越教师培养对象培训项目");
    assert_eq!(
        p["offline_parts"],
        serde_json::json!([{"place": "市内", "days": 20}, {"place": "市外", "days": 10}])
    );
    let p = by_title("重庆市卓越研训员培养对象培训项目");
    assert!(p["applicants"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("省级以上教师发展机构和教科研机构")));
    let p = by_title("农村学校“一对一”帮扶培训项目");
    assert_eq!(
        p["counties"],
        serde_json::json!([
            "城口县",
            "巫溪县",
            "酉阳土家族苗族自治县",
            "彭水苗族土家族自治县"
        ])
    );
    assert_eq!(
        (
            p["offline_days"].as_u64(),
            p["offline_days_at_least"].as_bool(),
            p["cycle_years"].as_u64()
        ),
        (Some(20), Some(true), Some(1))
    );
    assert!(p["online_hours"].is_null());
    assert_eq!(by_title("农村教师跟岗研修项目")["offline_days"], 15);
    assert_eq!(
        by_title("县中振兴整校提升培训")["counties"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    assert_eq!(by_title("县中校长综合能力提升培训")["offline_days"], 21);
    let p = by_title("教师数字素养提升自主选学培训项目");
    assert_eq!(
        (
            p["offline_days"].as_u64(),
            p["online_hours"].as_u64(),
            p["online_hours_at_least"].as_bool()
        ),
        (Some(5), Some(80), Some(true))
    );
    assert_eq!(
        by_title("人工智能赋能教师发展区域推进项目")["cycle_years"],
        2
    );
    let p = by_title("人工智能教育教师能力提升培训项目");
    assert_eq!(
        (p["offline_days"].as_u64(), p["online_hours"].as_u64()),
        (Some(15), Some(60))
    );
    assert_eq!(by_title("重庆市片区协同研修")["number"], "四");
    assert!(cq
        .iter()
        .all(|p| p["region"] == "重庆市" && p["year"] == 2026 && p["plan"] == "国培计划"));
}

#[test]
fn bundled_content_checks_without_warnings() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_peixun"))
        .args(["check", "--root"])
        .arg(repo)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let _ = TestSite::new(&[]);
}
