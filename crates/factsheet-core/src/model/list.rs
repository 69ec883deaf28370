//! [`List`]: the model's lists, one pointer wide, read from a file at exactly
//! their length.
//!
//! A `List` holds a [`ThinVec`]: its length and capacity live in the heap
//! allocation beside the elements, so the list itself is one pointer (8 bytes
//! against a `Vec`'s 24) and an empty list allocates nothing. An event has
//! seven lists and most are empty (facts, dates, links, same_as, ...), so on a
//! file of bare events the lists were over half of each event's size
//! (docs/PERFORMANCE.md, "The model's memory").
//!
//! serde's own `Vec` grows by doubling from 4 (a file gives no length up
//! front), so a figure with one claim kept room for four: on generated data the
//! unused room was a third of the file's size in memory. Most lists are short
//! (1–6 figures, 1–5 claims), so a `List` is gathered on the stack while it is
//! read and moved into one allocation at its length: growing from empty and
//! shrinking afterwards took two or three allocations and copies per list, 5%
//! of a load's time (docs/PERFORMANCE.md, "How loading works"). A longer list
//! grows on the heap and is shrunk in place once read.
//!
//! Everywhere else a `List` is the `ThinVec` it holds, which has `Vec`'s
//! methods: it dereferences to it, writes as a JSON array and has the same
//! schema as a `Vec`.

use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thin_vec::ThinVec;

/// How many elements of a list are gathered on the stack while it is read.
const ON_STACK: usize = 8;

/// A list of the model: a [`ThinVec`] (one pointer; nothing allocated when
/// empty) that is read from a file at exactly its length.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List<T>(ThinVec<T>);

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
        List(ThinVec::new())
    }

    /// Whether the list has no elements (for serde's `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements as a `Vec` (moved into a new allocation).
    pub fn into_vec(self) -> Vec<T> {
        self.0.into_iter().collect()
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List::new()
    }
}

impl<T> Deref for List<T> {
    type Target = ThinVec<T>;
    fn deref(&self) -> &ThinVec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut ThinVec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(ThinVec::from(items))
    }
}

impl<T> From<ThinVec<T>> for List<T> {
    fn from(items: ThinVec<T>) -> Self {
        List(items)
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(list: List<T>) -> Self {
        list.into_vec()
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(ThinVec::from_iter(iter))
    }
}

impl<T> Extend<T> for List<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.0.extend(iter)
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = thin_vec::IntoIter<T>;
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
        self.0.as_slice() == other.as_slice()
    }
}

impl<T: PartialEq> PartialEq<[T]> for List<T> {
    fn eq(&self, other: &[T]) -> bool {
        self.0.as_slice() == other
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(serializer)
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
                // Never spills: a ninth element moves the list to the heap.
                let mut gathered = smallvec::SmallVec::<[T; ON_STACK]>::new();
                let ninth = loop {
                    let Some(item) = seq.next_element()? else {
                        // Not `collect`, which may leave room to spare; an
                        // empty list allocates nothing.
                        let mut items = ThinVec::with_capacity(gathered.len());
                        items.extend(gathered);
                        return Ok(List(items));
                    };
                    if gathered.len() == ON_STACK {
                        break item;
                    }
                    gathered.push(item);
                };
                // A longer list grows on the heap and is shrunk once read.
                let mut items = ThinVec::with_capacity(4 * ON_STACK);
                items.extend(gathered);
                items.push(ninth);
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                items.shrink_to_fit();
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
    fn a_list_is_one_pointer_and_an_empty_one_holds_no_allocation() {
        assert_eq!(
            std::mem::size_of::<List<String>>(),
            std::mem::size_of::<usize>()
        );
        let empty = read(0);
        assert_eq!(empty.capacity(), 0);
        assert!(!empty.has_capacity(), "an empty list allocated");
        assert!(List::<String>::new().into_vec().is_empty());
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
