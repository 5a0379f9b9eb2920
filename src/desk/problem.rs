//! Errors that point at the exact place in a desk file: `path:line:column: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem found in a file, with a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem at byte `offset` of `text` (the file's content).
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Problem {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem that concerns the whole file (reported at 1:1).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }

    /// A TOML parse or schema error, located by its span. `base` is the
    /// byte offset of the TOML within `file_text` (front matter starts after `+++`).
    pub fn from_toml(path: &Path, file_text: &str, base: usize, err: &toml::de::Error) -> Self {
        let offset = base + err.span().map_or(0, |s| s.start);
        let message = err.message().trim().replace('\n', " ");
        Problem::at_offset(path, file_text, offset, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for Problem {}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_chars() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('f').unwrap()), (3, 1));
        // é is two bytes but one column.
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 999), (3, 2));
    }

    #[test]
    fn displays_as_path_line_column() {
        let p = Problem::at_offset(Path::new("d/x.toml"), "a\nb", 2, "bad");
        assert_eq!(p.to_string(), "d/x.toml:2:1: bad");
    }
}
