//! Articles: text files with optional TOML front matter between `+++` lines.
//!
//! Evidence spans are byte ranges of the body (the text after the front
//! matter), so editing the front matter never moves them.

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::problem::Problem;
use crate::extract::detect_language;

/// The article's metadata as written in its front matter.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// Language code from the front matter, or detected from the text.
    pub language: String,
}

/// One article of the desk.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub meta: Meta,
    pub text: String,
}

impl Article {
    /// The title, or the first line of the text when there is none.
    pub fn display_title(&self) -> &str {
        match &self.meta.title {
            Some(title) => title,
            None => self.text.lines().next().unwrap_or(&self.id),
        }
    }
}

/// The front matter keys we accept; anything else is a mistake worth reporting.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<toml::Spanned<toml::Value>>,
    language: Option<String>,
}

const FENCE: &str = "+++";

/// Parses an article file's bytes. `path` is only used in messages.
pub fn parse_article(path: &Path, id: &str, bytes: &[u8]) -> Result<Article, Problem> {
    let content = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let prefix = String::from_utf8_lossy(valid);
        Problem::at_offset(
            path,
            &prefix,
            prefix.len(),
            "the file is not valid UTF-8 (save it as UTF-8)",
        )
    })?;
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let (meta, text) = match split_front_matter(path, content)? {
        Some((toml_start, toml_text, body)) => (
            parse_meta(path, content, toml_start, toml_text, body)?,
            body,
        ),
        None => (
            Meta {
                language: detect_language(content).code().to_string(),
                ..Meta::default()
            },
            content,
        ),
    };
    Ok(Article {
        id: id.to_string(),
        meta,
        text: text.to_string(),
    })
}

/// Finds the front matter: returns its byte offset, its TOML and the body.
fn split_front_matter<'a>(
    path: &Path,
    content: &'a str,
) -> Result<Option<(usize, &'a str, &'a str)>, Problem> {
    let first_line_end = content.find('\n').unwrap_or(content.len());
    if content[..first_line_end].trim_end() != FENCE {
        return Ok(None);
    }
    let toml_start = first_line_end + 1;
    let mut line_start = toml_start;
    while line_start <= content.len() {
        let line_end = content[line_start..]
            .find('\n')
            .map_or(content.len(), |i| line_start + i);
        if content[line_start..line_end].trim_end() == FENCE {
            let body_start = (line_end + 1).min(content.len());
            return Ok(Some((
                toml_start,
                &content[toml_start..line_start],
                &content[body_start..],
            )));
        }
        line_start = line_end + 1;
    }
    Err(unterminated(path, content))
}

fn unterminated(path: &Path, content: &str) -> Problem {
    Problem::at_offset(
        path,
        content,
        0,
        "front matter opened with `+++` is never closed by a `+++` line",
    )
}

fn parse_meta(
    path: &Path,
    content: &str,
    toml_start: usize,
    toml_text: &str,
    body: &str,
) -> Result<Meta, Problem> {
    let raw: RawMeta = toml::from_str(toml_text)
        .map_err(|err| Problem::from_toml(path, content, toml_start, &err))?;
    let published = match raw.published {
        None => None,
        Some(spanned) => {
            let offset = toml_start + spanned.span().start;
            Some(published_date(spanned.get_ref()).ok_or_else(|| {
                Problem::at_offset(
                    path,
                    content,
                    offset,
                    format!(
                        "published: `{}` is not a date (write it as 2023-08-16)",
                        spanned.get_ref()
                    ),
                )
            })?)
        }
    };
    let language = match raw.language {
        Some(code) if !code.trim().is_empty() => code.trim().to_ascii_lowercase(),
        _ => detect_language(body).code().to_string(),
    };
    Ok(Meta {
        title: raw.title,
        source: raw.source,
        url: raw.url,
        published,
        language,
    })
}

/// Accepts a TOML date (`2023-08-16`), a date-time (its date), or a string
/// holding an ISO date.
fn published_date(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(datetime) => {
            let date = datetime.date?;
            Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
        }
        toml::Value::String(text) => text.trim().get(..10)?.parse().ok(),
        _ => None,
    }
}

/// Writes an article file with front matter, for tests and imports.
pub fn render_article(meta: &Meta, text: &str) -> String {
    let mut out = String::from("+++\n");
    let mut table = toml::Table::new();
    let mut put = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            table.insert(key.to_string(), toml::Value::String(v.clone()));
        }
    };
    put("title", &meta.title);
    put("source", &meta.source);
    put("url", &meta.url);
    let mut header = toml::to_string(&table).unwrap_or_default();
    if let Some(date) = meta.published {
        header.push_str(&format!("published = {date}\n"));
    }
    header.push_str(&format!(
        "language = {}\n",
        toml::Value::String(meta.language.clone())
    ));
    out.push_str(&header);
    out.push_str("+++\n");
    out.push_str(text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content: &str) -> Result<Article, Problem> {
        parse_article(Path::new("desk/articles/a.txt"), "a", content.as_bytes())
    }

    #[test]
    fn front_matter_and_body() {
        let article = parse(
            "+++\ntitle = \"T\"\nsource = \"RFI\"\npublished = 2023-08-16\nlanguage = \"en\"\n+++\nBody text.",
        )
        .unwrap();
        assert_eq!(article.meta.title.as_deref(), Some("T"));
        assert_eq!(article.meta.published, Some(jiff::civil::date(2023, 8, 16)));
        assert_eq!(article.meta.language, "en");
        assert_eq!(article.text, "Body text.");
    }

    #[test]
    fn no_front_matter_detects_language() {
        let article = parse("Des hommes armés ont tué trois villageois dans la nuit.").unwrap();
        assert_eq!(article.meta.language, "fr");
        assert_eq!(article.meta.published, None);
        assert!(article.text.starts_with("Des hommes"));
    }

    #[test]
    fn unterminated_front_matter_is_reported_at_line_1() {
        let err = parse("+++\ntitle = \"T\"\nBody").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let err = parse("+++\ntitle = \"T\"\nauthor = \"X\"\n+++\nBody").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("author"), "{err}");
    }

    #[test]
    fn bad_published_date_is_reported_at_the_value() {
        let err = parse("+++\npublished = \"yesterday\"\n+++\nBody").unwrap_err();
        assert_eq!((err.line, err.column), (2, 13), "{err}");
        assert!(err.message.contains("not a date"));
        let err = parse("+++\npublished = 2023-02-30\n+++\nBody").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let err = parse_article(Path::new("a.txt"), "a", b"ok\nbad \xff here").unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn render_then_parse_round_trips() {
        let meta = Meta {
            title: Some("Quote \" and accents é".into()),
            source: Some("AFP".into()),
            url: None,
            published: Some(jiff::civil::date(2024, 1, 2)),
            language: "fr".into(),
        };
        let rendered = render_article(&meta, "Texte.\n");
        let article = parse(&rendered).unwrap();
        assert_eq!(article.meta, meta);
        assert_eq!(article.text, "Texte.\n");
    }
}
