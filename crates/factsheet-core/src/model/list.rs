//! [`List`]: the model's lists, read from a file at exactly their length.
//!
//! serde's own `Vec` grows by doubling from 4 (a file gives no length up
//! front), so a figure with one claim kept room for four: on generated data the
//! unused room was a third of the file's size in memory. Most lists are short
//! (1–6 figures, 1–5 claims), so a `List` is gathered on the stack while it is
//! read and moved into a vector allocated once at its length: growing from
//! empty and shrinking afterwards took two or three allocations and copies per
//! list, 5% of a load's time (docs/PERFORMANCE.md, "How loading works"). A
//! longer list grows on the heap and is shrunk in place once read.
//!
//! Everywhere else a `List` is the `Vec` it holds: it dereferences to it,
//! writes as a JSON array and has the same schema.

use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize};

/// How many elements of a list are gathered on the stack while it is read.
const ON_STACK: usize = 8;

/// A list of the model: a `Vec` that is read from a file at exactly its length.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct List<T>(Vec<T>);

/// A [`List`] of the given elements, as `vec!` makes a `Vec`.
#[macro_export]
macro_rules! list {
    ($($item:expr),* $(,)?) => {
        $crate::model::List::from(vec![$($item),*])
    };
}

impl<T> List<T> {
    /// An empty list; it allocates nothing.
    pub const fn new() -> Self {
        List(Vec::new())
    }

    /// Whether the list has no elements (for serde's `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The vector the list holds.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List::new()
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(list: List<T>) -> Self {
        list.0
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(Vec::from_iter(iter))
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for List<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.0 == *other
    }
}

impl<T: PartialEq> PartialEq<[T]> for List<T> {
    fn eq(&self, other: &[T]) -> bool {
        self.0 == other
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Exact<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Exact<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // The words serde's own Vec uses, which load::parse rewords for readers.
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<List<T>, A::Error> {
                let mut gathered = smallvec::SmallVec::<[T; ON_STACK]>::new();
                while let Some(item) = seq.next_element()? {
                    gathered.push(item);
                }
                if gathered.spilled() {
                    let mut items = gathered.into_vec();
                    items.shrink_to_fit();
                    return Ok(List(items));
                }
                // Not `collect`, which would leave room for at least four.
                let mut items = Vec::with_capacity(gathered.len());
                items.extend(gathered);
                Ok(List(items))
            }
        }
        deserializer.deserialize_seq(Exact(std::marker::PhantomData))
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for List<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(n: usize) -> List<String> {
        let items: Vec<String> = (0..n).map(|i| format!("\"s{i}\"")).collect();
        serde_json::from_str(&format!("[{}]", items.join(","))).unwrap()
    }

    #[test]
    fn lists_read_from_json_hold_no_spare_room() {
        // Lists that fit the stack, fill it, and spill from it, in order.
        for n in [0, 1, 2, ON_STACK, ON_STACK + 1, 3 * ON_STACK + 5] {
            let list = read(n);
            assert_eq!((list.len(), list.capacity()), (n, n));
            for (i, s) in list.iter().enumerate() {
                assert_eq!(s, &format!("s{i}"));
            }
        }
        let wrong = serde_json::from_str::<List<u8>>("5")
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("expected a sequence"), "{wrong}");
    }

    #[test]
    fn a_list_writes_and_describes_itself_as_an_array() {
        let list: List<u32> = list![1, 2, 3];
        assert_eq!(serde_json::to_string(&list).unwrap(), "[1,2,3]");
        assert_eq!(
            schemars::schema_for!(List<u32>),
            schemars::schema_for!(Vec<u32>)
        );
    }
}
