//! The report's JSON form (what `meridian report --format json` and the app's download
//! write): a few nested structs are flattened into their parent there, like serde's
//! `#[serde(flatten)]` would, but only when the report is written.
//!
//! Why not `#[serde(flatten)]`: reading a flattened struct makes serde buffer the whole
//! object into its generic `Content` tree first, which cost the browser 29.7 KB of the wasm
//! download (gzip) and half of the page's time reading the largest plan's report from the
//! engine worker (docs/benchmarks.md, "Download size, fourth round"). So every report struct
//! derives plain serde (its nested fields under their own keys: the form the worker sends
//! and the page reads), and the fields marked `#[serde(serialize_with = "json_form::flattened")]` are
//! flattened by the serializer adapter [`Flat`] that writes [`super::Report`]'s classes. One
//! definition per struct; the JSON form is written, never read.

mod into_parent;

use into_parent::{IntoParent, IsFlattened};
use serde::ser::{self, Serialize, SerializeStruct, Serializer};

/// The newtype name a flattened field is written with (`serialize_newtype_struct`, which
/// serde_json writes as its content, so the plain form is nested).
const FLATTENED: &str = "$meridian::flattened";

/// `serialize_with` for a field whose struct fields go into its parent's object in the JSON
/// form; in the plain (wire) form it is nested under its own key.
pub fn flattened<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_newtype_struct(FLATTENED, value)
}

/// `serialize_with` for the report's classes: written in the JSON form.
pub fn in_json_form<T: Serialize, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize(Flat(serializer))
}

/// A serializer, or one of its compound states, that writes everything below it in the JSON
/// form: as the wrapped one would, except for the fields marked [`flattened`].
struct Flat<S>(S);

/// A value to write in the JSON form.
struct JsonForm<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for JsonForm<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Flat(serializer))
    }
}

/// Forwards the listed scalar methods of [`Serializer`] to the wrapped serializer.
macro_rules! forward_scalars {
    ($($method:ident($($ty:ty)?)),* $(,)?) => {
        $(fn $method(self $(, v: $ty)?) -> Result<S::Ok, S::Error> {
            self.0.$method($(forward_scalars!(@arg v $ty))?)
        })*
    };
    (@arg $v:ident $ty:ty) => { $v };
}

impl<S: Serializer> Serializer for Flat<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Flat<S::SerializeSeq>;
    type SerializeTuple = Flat<S::SerializeTuple>;
    type SerializeTupleStruct = Flat<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Flat<S::SerializeTupleVariant>;
    type SerializeMap = Flat<S::SerializeMap>;
    type SerializeStruct = Flat<S::SerializeStruct>;
    type SerializeStructVariant = Flat<S::SerializeStructVariant>;

    forward_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&JsonForm(value))
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &JsonForm(value))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &JsonForm(value))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Flat)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Flat)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Flat)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Flat)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Flat)
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Flat)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Flat)
    }
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Implements a compound state of [`Flat`]: each element in the JSON form.
macro_rules! flat_compound {
    ($trait:ident, $($method:ident($($key:ident: $key_ty:ty,)?)),*) => {
        impl<C: ser::$trait> ser::$trait for Flat<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            $(fn $method<T: Serialize + ?Sized>(
                &mut self,
                $($key: $key_ty,)?
                value: &T,
            ) -> Result<(), C::Error> {
                self.0.$method($($key,)? &JsonForm(value))
            })*
            fn end(self) -> Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    };
}

flat_compound!(SerializeSeq, serialize_element());
flat_compound!(SerializeTuple, serialize_element());
flat_compound!(SerializeTupleStruct, serialize_field());
flat_compound!(SerializeTupleVariant, serialize_field());
flat_compound!(SerializeMap, serialize_key(), serialize_value());
flat_compound!(SerializeStructVariant, serialize_field(key: &'static str,));

impl<C: SerializeStruct> SerializeStruct for Flat<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        struct_field(&mut self.0, key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

/// Writes one field of a struct in the JSON form: a [`flattened`] field's own fields into
/// `parent`, any other under its key.
fn struct_field<C: SerializeStruct, T: Serialize + ?Sized>(
    parent: &mut C,
    key: &'static str,
    value: &T,
) -> Result<(), C::Error> {
    if value.serialize(IsFlattened).is_ok() {
        value.serialize(IntoParent(parent))
    } else {
        parent.serialize_field(key, &JsonForm(value))
    }
}
