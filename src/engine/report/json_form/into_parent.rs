//! The two serializers that flatten a field into its parent in the JSON form: one that
//! tells whether a value is a field marked [`super::flattened`], and one that writes its
//! fields into the parent's.

use serde::ser::{self, Serialize, SerializeStruct, Serializer};

use super::{struct_field, FLATTENED};

/// Why a value cannot be written: [`IsFlattened`]'s answer for every other value, and
/// [`IntoParent`]'s for a flattened value that is not a struct.
#[derive(Debug)]
pub(super) struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only a struct can be flattened")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotAStruct
    }
}

/// Refuses the listed methods of [`Serializer`] with `$error`.
macro_rules! refuse {
    ($error:expr, $($method:ident($($ty:ty),*) -> $out:ty),* $(,)?) => {
        $(fn $method(self $(, _: $ty)*) -> $out {
            Err($error)
        })*
    };
}

/// The methods of [`Serializer`] that [`IsFlattened`] and [`IntoParent`] refuse: all but
/// `serialize_newtype_struct` (and `serialize_struct` for [`IntoParent`]).
macro_rules! refuse_all_but_structs {
    ($error:expr) => {
        refuse!($error,
            serialize_bool(bool) -> Result<Self::Ok, Self::Error>,
            serialize_i8(i8) -> Result<Self::Ok, Self::Error>,
            serialize_i16(i16) -> Result<Self::Ok, Self::Error>,
            serialize_i32(i32) -> Result<Self::Ok, Self::Error>,
            serialize_i64(i64) -> Result<Self::Ok, Self::Error>,
            serialize_u8(u8) -> Result<Self::Ok, Self::Error>,
            serialize_u16(u16) -> Result<Self::Ok, Self::Error>,
            serialize_u32(u32) -> Result<Self::Ok, Self::Error>,
            serialize_u64(u64) -> Result<Self::Ok, Self::Error>,
            serialize_f32(f32) -> Result<Self::Ok, Self::Error>,
            serialize_f64(f64) -> Result<Self::Ok, Self::Error>,
            serialize_char(char) -> Result<Self::Ok, Self::Error>,
            serialize_str(&str) -> Result<Self::Ok, Self::Error>,
            serialize_bytes(&[u8]) -> Result<Self::Ok, Self::Error>,
            serialize_none() -> Result<Self::Ok, Self::Error>,
            serialize_unit() -> Result<Self::Ok, Self::Error>,
            serialize_unit_struct(&'static str) -> Result<Self::Ok, Self::Error>,
            serialize_unit_variant(&'static str, u32, &'static str)
                -> Result<Self::Ok, Self::Error>,
            serialize_seq(Option<usize>) -> Result<Self::SerializeSeq, Self::Error>,
            serialize_tuple(usize) -> Result<Self::SerializeTuple, Self::Error>,
            serialize_tuple_struct(&'static str, usize)
                -> Result<Self::SerializeTupleStruct, Self::Error>,
            serialize_tuple_variant(&'static str, u32, &'static str, usize)
                -> Result<Self::SerializeTupleVariant, Self::Error>,
            serialize_map(Option<usize>) -> Result<Self::SerializeMap, Self::Error>,
            serialize_struct_variant(&'static str, u32, &'static str, usize)
                -> Result<Self::SerializeStructVariant, Self::Error>,
        );
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Self::Error> {
            Err($error)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, Self::Error> {
            Err($error)
        }
    };
}

/// Answers whether a value is a field marked [`super::flattened`], without writing anything (its
/// first call decides).
pub(super) struct IsFlattened;

impl Serializer for IsFlattened {
    type Ok = ();
    type Error = NotAStruct;
    type SerializeSeq = ser::Impossible<(), NotAStruct>;
    type SerializeTuple = ser::Impossible<(), NotAStruct>;
    type SerializeTupleStruct = ser::Impossible<(), NotAStruct>;
    type SerializeTupleVariant = ser::Impossible<(), NotAStruct>;
    type SerializeMap = ser::Impossible<(), NotAStruct>;
    type SerializeStruct = ser::Impossible<(), NotAStruct>;
    type SerializeStructVariant = ser::Impossible<(), NotAStruct>;

    refuse_all_but_structs!(NotAStruct);
    refuse!(
        NotAStruct,
        serialize_struct(&'static str, usize) -> Result<Self::SerializeStruct, Self::Error>,
    );

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        if name == FLATTENED {
            Ok(())
        } else {
            Err(NotAStruct)
        }
    }
}

/// Writes a flattened struct's fields into its parent's (in the JSON form, so a flattened
/// field of its own is flattened too).
pub(super) struct IntoParent<'a, C>(pub(super) &'a mut C);

impl<C: SerializeStruct> Serializer for IntoParent<'_, C> {
    type Ok = ();
    type Error = C::Error;
    type SerializeSeq = ser::Impossible<(), C::Error>;
    type SerializeTuple = ser::Impossible<(), C::Error>;
    type SerializeTupleStruct = ser::Impossible<(), C::Error>;
    type SerializeTupleVariant = ser::Impossible<(), C::Error>;
    type SerializeMap = ser::Impossible<(), C::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), C::Error>;

    refuse_all_but_structs!(ser::Error::custom(NotAStruct));

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        value.serialize(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, C::Error> {
        Ok(self)
    }
}

impl<C: SerializeStruct> SerializeStruct for IntoParent<'_, C> {
    type Ok = ();
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        struct_field(self.0, key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> Result<(), C::Error> {
        Ok(())
    }
}
