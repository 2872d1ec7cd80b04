//! The months a project runs in, read from its `period` as published
//! (7月, 3-5月, 7—8月, 3月、9月, 上半年, 全年). Text it cannot read gives
//! no months: the period stays as published on the page, and the project
//! is simply not found by a month filter.

/// The months (bit `m - 1` for month `m`) a period names.
pub fn months(period: &str) -> u16 {
    let text: String = period
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '—' | '–' | '－' | '~' | '～' | '至' | '到' => '-',
            _ => c,
        })
        .collect();
    let mut out = 0u16;
    for (word, months) in [
        ("全年", 1..=12),
        ("上半年", 1..=6),
        ("下半年", 7..=12),
        ("暑期", 7..=8),
        ("暑假", 7..=8),
        ("寒假", 1..=2),
    ] {
        if text.contains(word) {
            out |= span(*months.start(), *months.end());
        }
    }
    // Each "A月", "A-B月" or "A月-B月" (a year before them is skipped: the
    // digits of "2022年7月" before 年 are not a month).
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some((first, after)) = number(&chars, i) else {
            i += 1;
            continue;
        };
        if chars.get(after) == Some(&'年') {
            i = after + 1;
            continue;
        }
        let mut at = after;
        if chars.get(at) == Some(&'月') {
            at += 1;
        }
        let last = match chars.get(at) {
            Some('-') => number(&chars, at + 1).filter(|&(_, end)| chars.get(end) == Some(&'月')),
            _ => None,
        };
        match last {
            Some((last, end)) => {
                out |= span(first, last);
                i = end + 1;
            }
            None if chars.get(after) == Some(&'月') => {
                out |= span(first, first);
                i = after + 1;
            }
            None => i = after,
        }
    }
    out
}

/// A decimal number of one or two digits at `i`, and where it ends.
fn number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut end = i;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    if end == i || end - i > 2 && chars.get(end) != Some(&'年') {
        return None;
    }
    let n: String = chars[i..end].iter().collect();
    Some((n.parse().ok()?, end))
}

/// Months `first` to `last`, wrapping past December (11-2月).
fn span(first: u32, last: u32) -> u16 {
    if !(1..=12).contains(&first) || !(1..=12).contains(&last) {
        return 0;
    }
    let mut out = 0u16;
    let mut m = first;
    loop {
        out |= 1 << (m - 1);
        if m == last {
            return out;
        }
        m = m % 12 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::months;

    fn list(bits: u16) -> Vec<u32> {
        (1..=12).filter(|m| bits & (1 << (m - 1)) != 0).collect()
    }

    #[test]
    fn periods_as_published_give_their_months() {
        for (period, expected) in [
            ("7月", vec![7]),
            ("3-5月", vec![3, 4, 5]),
            ("7—8月", vec![7, 8]),
            ("3月—6月", vec![3, 4, 5, 6]),
            ("2—12月", (2..=12).collect()),
            ("11-2月", vec![1, 2, 11, 12]),
            ("3月、9月", vec![3, 9]),
            ("2022年7月", vec![7]),
            ("2022年7-8月", vec![7, 8]),
            ("７月", vec![7]),
            ("全年", (1..=12).collect()),
            ("下半年", (7..=12).collect()),
            ("暑期", vec![7, 8]),
            ("另行通知", vec![]),
            ("13月", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(list(months(period)), expected, "{period}");
        }
    }
}
