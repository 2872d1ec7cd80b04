//! The document's own order: numbers such as "一.(二).3" sorted part by
//! part as numbers, Chinese numerals included.

/// Sort key for a document number such as "一.(二).3" or "4": each part as a
/// number (Chinese numerals included), so 十 sorts after 九 and 10 after 9.
pub fn order_key(number: Option<&str>) -> Vec<u32> {
    let Some(number) = number else {
        return vec![u32::MAX];
    };
    number
        .split(['.', '．', '、'])
        .map(|part| {
            let t = part
                .trim_matches(|c: char| matches!(c, '(' | ')' | '（' | '）') || c.is_whitespace());
            t.parse::<u32>()
                .ok()
                .or_else(|| chinese_number(t))
                .unwrap_or(u32::MAX - 1)
        })
        .collect()
}

/// 一 … 九十九, as used in document numbering.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_sort_numerically() {
        let mut v = vec![
            "二.(一).1",
            "一.(二).10",
            "一.(二).9",
            "十.1",
            "四",
            "一.(一).1",
        ];
        v.sort_by_key(|n| order_key(Some(n)));
        assert_eq!(
            v,
            [
                "一.(一).1",
                "一.(二).9",
                "一.(二).10",
                "二.(一).1",
                "四",
                "十.1"
            ]
        );
    }
}
