//! Phone numbers on screen: a customer key that is a phone number is shown as
//! `138****1234` (first three and last four digits), the way Chinese apps show them.

/// The digits of `id` when it reads as a phone number: 7 to 15 digits once spaces,
/// dashes, brackets and a leading `+` are removed (a mainland mobile is 11 digits, with
/// or without `+86` / `86`). Anything else (member ids with letters) is not a phone.
fn phone_digits(id: &str) -> Option<String> {
    let mut digits = String::with_capacity(id.len());
    for (i, c) in id.trim().chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' => {}
            '+' if i == 0 => {}
            _ => return None,
        }
    }
    (7..=15).contains(&digits.len()).then_some(digits)
}

/// `id` as shown on screen and in default exports: a phone number keeps its first three
/// and last four digits (`13812341234` → `138****1234`; with a country code,
/// `+8613812341234` → `138****1234`); other ids are shown unchanged.
pub fn mask_id(id: &str) -> String {
    let Some(digits) = phone_digits(id) else {
        return id.trim().to_string();
    };
    // Drop the mainland country code so the mask reads like a local number.
    let local = match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest,
        _ => digits.as_str(),
    };
    let hidden = local.len() - 7;
    format!(
        "{}{}{}",
        &local[..3],
        "*".repeat(hidden),
        &local[local.len() - 4..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_other_ids_are_not() {
        assert_eq!(mask_id("13812341234"), "138****1234");
        assert_eq!(mask_id(" 138-1234-1234 "), "138****1234");
        assert_eq!(mask_id("+86 138 1234 1234"), "138****1234");
        assert_eq!(mask_id("8613812341234"), "138****1234");
        // A landline with area code: 10 digits, three hidden.
        assert_eq!(mask_id("0105551234"), "010***1234");
        // Seven digits: nothing left to hide but the rule still hides none.
        assert_eq!(mask_id("5551234"), "5551234");
        assert_eq!(mask_id("VIP-0042"), "VIP-0042");
        assert_eq!(mask_id("123456"), "123456");
        assert_eq!(mask_id("张三"), "张三");
    }
}
