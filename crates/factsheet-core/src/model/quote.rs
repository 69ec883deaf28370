//! The words a claim rests on: one verbatim stretch of its source, or several
//! (format 2), each verbatim, shown joined with " […] " so the cuts are seen.
//! In JSON a string, or a list of the pieces.

use std::fmt;

use thin_vec::ThinVec;

use super::Text;

/// What joins the pieces of a cut quote.
pub const CUT: &str = " […] ";

/// A quote: its text (the pieces joined with [`CUT`]) and, for a cut quote,
/// its pieces as written (one pointer: most quotes are one stretch, and every
/// claim has room for a quote).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Quote {
    text: Text,
    pieces: Option<ThinVec<Text>>,
}

impl Quote {
    /// A cut quote of `pieces`, each verbatim.
    pub fn cut(pieces: Vec<Text>) -> Quote {
        let text = Text::from(
            pieces
                .iter()
                .map(Text::as_str)
                .collect::<Vec<_>>()
                .join(CUT),
        );
        Quote {
            text,
            pieces: Some(ThinVec::from(pieces)),
        }
    }

    /// The quote as it reads, cuts marked.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The pieces of a cut quote; `None` for one stretch.
    pub fn pieces(&self) -> Option<&[Text]> {
        self.pieces.as_deref()
    }
}

impl std::ops::Deref for Quote {
    type Target = str;
    fn deref(&self) -> &str {
        self.text.as_str()
    }
}

impl<T: Into<Text>> From<T> for Quote {
    fn from(text: T) -> Quote {
        Quote {
            text: text.into(),
            pieces: None,
        }
    }
}

impl fmt::Debug for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pieces {
            Some(p) => f.debug_list().entries(p.iter()).finish(),
            None => fmt::Debug::fmt(self.text.as_str(), f),
        }
    }
}

impl fmt::Display for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Quote {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.pieces {
            Some(pieces) => pieces.as_slice().serialize(serializer),
            None => self.text.serialize(serializer),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Quote {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quote, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Quote;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a list of the verbatim pieces of a cut quote")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Quote, E> {
                Ok(Quote::from(crate::intern::intern(v)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Quote, A::Error> {
                let mut pieces = Vec::new();
                while let Some(piece) = seq.next_element::<Text>()? {
                    pieces.push(piece);
                }
                Ok(Quote::cut(pieces))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl schemars::JsonSchema for Quote {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quote".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The source's exact words: one string, or (format 2) a list of verbatim pieces with cuts between them.",
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 2 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_quote_reads_joined_and_writes_back_as_its_pieces() {
        let q: Quote =
            serde_json::from_str(r#"["Russia handed over", "the bodies of 1,212"]"#).unwrap();
        assert_eq!(&*q, "Russia handed over […] the bodies of 1,212");
        assert_eq!(q.pieces().map(<[Text]>::len), Some(2));
        let back = serde_json::to_string(&q).unwrap();
        assert_eq!(back, r#"["Russia handed over","the bodies of 1,212"]"#);
        let plain: Quote = serde_json::from_str(r#""one stretch""#).unwrap();
        assert_eq!((plain.as_str(), plain.pieces()), ("one stretch", None));
        assert_eq!(serde_json::to_string(&plain).unwrap(), r#""one stretch""#);
        assert!(serde_json::from_str::<Quote>("12").is_err());
    }
}
