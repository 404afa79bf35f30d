// This Source Code Form is subject to the terms of the Mozilla Public
// License, v. 2.0. If a copy of the MPL was not distributed with this
// file, You can obtain one at https://mozilla.org/MPL/2.0/.

//! Plural categories of integers for the languages we ship translations in.

/// The CLDR plural categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

use Category::*;

/// Returns the plural category of the integer `n` in the language `lang`
/// (a BCP 47 tag such as `pt-BR`; only the primary subtag is used).
pub fn category(lang: &str, n: u64) -> Category {
    let primary = lang.split(|c| c == '-' || c == '_').next().unwrap_or(lang);
    match primary {
        "en" | "de" | "nl" | "sv" | "it" | "es" => {
            if n == 1 { One } else { Other }
        }
        "fr" | "pt" => {
            if n <= 1 { One } else { Other }
        }
        "ja" | "ko" | "zh" => Other,
        "pl" => polish(n),
        "ru" | "uk" => east_slavic(n),
        "ar" => arabic(n),
        _ => Other,
    }
}

fn polish(n: u64) -> Category {
    let (m10, m100) = (n % 10, n % 100);
    if n == 1 {
        One
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        Few
    } else {
        Many
    }
}

fn east_slavic(n: u64) -> Category {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        One
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        Few
    } else {
        Many
    }
}

fn arabic(n: u64) -> Category {
    match (n, n % 100) {
        (0, _) => Zero,
        (1, _) => One,
        (2, _) => Two,
        (_, 3..=10) => Few,
        (_, 11..=99) => Many,
        _ => Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slavic_forms() {
        assert_eq!(category("ru", 21), One);
        assert_eq!(category("ru", 11), Many);
        assert_eq!(category("uk-UA", 23), Few);
        assert_eq!(category("pl", 22), Few);
        assert_eq!(category("pl", 21), Many);
    }

    #[test]
    fn arabic_forms() {
        let got: Vec<_> = [0, 1, 2, 7, 42, 100].iter().map(|&n| category("ar", n)).collect();
        assert_eq!(got, vec![Zero, One, Two, Few, Many, Other]);
    }
}
