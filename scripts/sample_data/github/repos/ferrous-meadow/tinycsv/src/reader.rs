//! Splitting CSV text into records and fields.
//!
//! Deliberately small: it handles quoted fields, doubled quotes inside quotes
//! and both `\n` and `\r\n` line endings, which covers the files we meet in
//! practice. It does not guess delimiters.

use std::fmt;

/// An error found while splitting the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// A quoted field was still open at the end of the input.
    UnterminatedQuote { line: usize },
    /// A closing quote was followed by something other than a delimiter.
    TrailingAfterQuote { line: usize, column: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::UnterminatedQuote { line } => {
                write!(f, "line {line}: unterminated quoted field")
            }
            ParseError::TrailingAfterQuote { line, column } => {
                write!(f, "line {line}, column {column}: unexpected character after quote")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Splits `input` into records of fields separated by `delim`.
pub fn parse(input: &str, delim: char) -> Result<Vec<Vec<String>>, ParseError> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut after_quote = false;
    let mut line = 1;
    let mut column = 0;
    let mut chars = input.chars().peekable();

    while let Some(c) = chars.next() {
        column += 1;
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                    after_quote = true;
                }
            } else {
                if c == '\n' {
                    line += 1;
                    column = 0;
                }
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !after_quote => in_quotes = true,
            c if c == delim => {
                record.push(std::mem::take(&mut field));
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                after_quote = false;
                line += 1;
                column = 0;
            }
            _ if after_quote => return Err(ParseError::TrailingAfterQuote { line, column }),
            _ => field.push(c),
        }
    }

    if in_quotes {
        return Err(ParseError::UnterminatedQuote { line });
    }
    if !field.is_empty() || !record.is_empty() || after_quote {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_crlf() {
        let rows = parse("a,\"b,c\"\r\n\"say \"\"hi\"\"\",2\r\n", ',').unwrap();
        assert_eq!(rows, vec![vec!["a", "b,c"], vec!["say \"hi\"", "2"]]);
    }

    #[test]
    fn unterminated_quote_is_an_error() {
        assert_eq!(parse("x,\"oops\n", ','), Err(ParseError::UnterminatedQuote { line: 2 }));
    }

    #[test]
    fn junk_after_closing_quote() {
        let err = parse("\"a\"b,c\n", ',').unwrap_err();
        assert_eq!(err, ParseError::TrailingAfterQuote { line: 1, column: 4 });
    }
}
