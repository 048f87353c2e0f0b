//! SQLite values carried to and from PostgreSQL, so the store's rusqlite code reads and
//! writes PostgreSQL unchanged.
//!
//! SQLite is dynamically typed: a parameter is whatever the caller bound and a column holds
//! whatever was stored. PostgreSQL infers one type per parameter from the statement and sends
//! typed columns. [`Param`] therefore encodes a rusqlite [`Value`] as the type the server
//! inferred, converting the way SQLite's column affinity would; [`row_values`] turns a typed
//! PostgreSQL row back into the [`Value`]s SQLite would have given, so the app's
//! `rusqlite::types::FromSql` impls read them.

use std::error::Error;

use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use rusqlite::types::{ToSqlOutput, Value};

/// The error type of `postgres::types::{ToSql, FromSql}`.
type BoxError = Box<dyn Error + Sync + Send>;

/// A rusqlite value bound as a PostgreSQL parameter, encoded as whatever type the server
/// inferred for that parameter (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Param(pub Value);

/// Converts what a `rusqlite::ToSql` impl produced into an owned [`Param`]. Fails for the
/// outputs that only mean something inside SQLite (a zero-filled blob of a given length, a
/// function argument, a pointer).
pub fn param(output: ToSqlOutput<'_>) -> Result<Param, String> {
    #[allow(unreachable_patterns)] // the other variants exist only with some rusqlite features
    match output {
        // Fails only for text that is not UTF-8, which PostgreSQL's text types cannot hold.
        ToSqlOutput::Borrowed(value) => Value::try_from(value)
            .map(Param)
            .map_err(|e| format!("parameter: {e}")),
        ToSqlOutput::Owned(value) => Ok(Param(value)),
        _ => Err(
            "a SQLite-only parameter (zeroblob, argument, pointer) cannot go to PostgreSQL"
                .to_owned(),
        ),
    }
}

/// Converts every parameter of a rusqlite-style parameter list into [`Param`]s.
pub fn params(values: &[&dyn rusqlite::ToSql]) -> Result<Vec<Param>, String> {
    values
        .iter()
        .map(|v| v.to_sql().map_err(|e| e.to_string()).and_then(param))
        .collect()
}

/// Whether `ty` is one of the types PostgreSQL sends and accepts as plain UTF-8 text. UNKNOWN
/// is what an untyped literal or an uninferrable parameter has; its binary form is its text.
fn is_text(ty: &Type) -> bool {
    [
        Type::TEXT,
        Type::VARCHAR,
        Type::BPCHAR,
        Type::NAME,
        Type::UNKNOWN,
    ]
    .contains(ty)
}

/// The error for a value that cannot be encoded as `ty`, naming both.
fn mismatch(value: &Value, ty: &Type) -> BoxError {
    let shown = match value {
        Value::Text(s) if s.chars().count() > 60 => {
            format!("text {:?}...", s.chars().take(60).collect::<String>())
        }
        Value::Text(s) => format!("text {s:?}"),
        Value::Blob(b) => format!("a blob of {} bytes", b.len()),
        Value::Integer(i) => format!("integer {i}"),
        Value::Real(r) => format!("real {r}"),
        Value::Null => "NULL".to_owned(),
    };
    format!("cannot bind {shown} as a PostgreSQL {ty} parameter").into()
}

/// `r` as SQLite writes a REAL as text: the shortest digits that read back as `r`, with `.0`
/// when it is integral, so `1.0` is "1.0" as in SQLite, not "1".
fn real_text(r: f64) -> String {
    let s = format!("{r:?}");
    if r.is_finite() && !s.contains(['.', 'e', 'E']) {
        format!("{s}.0")
    } else {
        s
    }
}

/// Reads `text` as an integer as SQLite's INTEGER affinity would: surrounding spaces allowed,
/// and a real with no fraction ("3.0", "1e3") taken as its integer.
fn text_integer(text: &str) -> Option<i64> {
    let t = text.trim();
    t.parse::<i64>().ok().or_else(|| {
        let r = t.parse::<f64>().ok()?;
        real_integer(r)
    })
}

/// `r` as an i64 when it is integral and in range, as SQLite converts a REAL without loss.
fn real_integer(r: f64) -> Option<i64> {
    // 2^63 as f64 is exact; every f64 below it in absolute value with no fraction fits.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (r.fract() == 0.0 && (-LIMIT..LIMIT).contains(&r)).then_some(r as i64)
}

/// Reads `text` as a real, surrounding spaces allowed. Rust also reads "inf" and "NaN", which
/// SQLite would keep as text; PostgreSQL's FLOAT8 stores them, so they are let through.
fn text_real(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok()
}

/// Writes the PostgreSQL binary NUMERIC of a plain decimal text (`-12.5`, `3`, `0.001`;
/// no exponent), as `numeric_send` does: digit count, weight of the first base-10000 digit,
/// sign, display scale, then the digits. Returns `None` if `text` is not such a number.
fn numeric_from_decimal(text: &str, out: &mut BytesMut) -> Option<()> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !all_digits(int_part)
        || !all_digits(frac_part)
    {
        return None;
    }
    // Base-10000 digits line up on the decimal point: the integer part is padded on the
    // left and the fraction on the right to whole groups of four decimal digits.
    let int_pad = (4 - int_part.len() % 4) % 4;
    let frac_pad = (4 - frac_part.len() % 4) % 4;
    let int_digits = format!("{}{int_part}", "0".repeat(int_pad));
    let frac_digits = format!("{frac_part}{}", "0".repeat(frac_pad));
    let group = |s: &str| -> Vec<i16> {
        s.as_bytes()
            .chunks(4)
            .map(|c| c.iter().fold(0i16, |acc, d| acc * 10 + i16::from(d - b'0')))
            .collect()
    };
    let mut digits = group(&int_digits);
    let mut weight = i64::try_from(digits.len()).ok()? - 1;
    digits.extend(group(&frac_digits));
    // Leading and trailing zero digits are implied by the weight and the scale.
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading);
    weight -= i64::try_from(leading).ok()?;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        weight = 0;
    }
    let ndigits = i16::try_from(digits.len()).ok()?;
    let weight = i16::try_from(weight).ok()?;
    let dscale = u16::try_from(frac_part.len()).ok()?;
    let sign: u16 = if negative && !digits.is_empty() {
        0x4000
    } else {
        0
    };
    out.extend_from_slice(&ndigits.to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&sign.to_be_bytes());
    out.extend_from_slice(&dscale.to_be_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_be_bytes());
    }
    Some(())
}

/// Writes a real as a binary NUMERIC; PostgreSQL's NUMERIC holds NaN and the infinities too.
fn numeric_from_real(r: f64, out: &mut BytesMut) -> Result<(), BoxError> {
    let special: Option<u16> = if r.is_nan() {
        Some(0xC000)
    } else if r == f64::INFINITY {
        Some(0xD000)
    } else if r == f64::NEG_INFINITY {
        Some(0xF000)
    } else {
        None
    };
    if let Some(sign) = special {
        for half in [0i16, 0] {
            out.extend_from_slice(&half.to_be_bytes());
        }
        out.extend_from_slice(&sign.to_be_bytes());
        out.extend_from_slice(&0u16.to_be_bytes());
        return Ok(());
    }
    // `{}` on f64 writes every digit, never an exponent: the exact decimal of the shortest
    // round-trip representation.
    numeric_from_decimal(&format!("{r}"), out)
        .ok_or_else(|| format!("cannot write real {r} as a PostgreSQL numeric").into())
}

impl ToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let value = &self.0;
        match value {
            Value::Null => return Ok(IsNull::Yes),
            Value::Integer(i) => {
                let i = *i;
                // The narrow integers are range-checked: truncating would store another number.
                let narrow = || mismatch(value, ty);
                match *ty {
                    Type::INT8 => i.to_sql(ty, out)?,
                    Type::INT4 => i32::try_from(i).map_err(|_| narrow())?.to_sql(ty, out)?,
                    Type::INT2 => i16::try_from(i).map_err(|_| narrow())?.to_sql(ty, out)?,
                    Type::OID => u32::try_from(i).map_err(|_| narrow())?.to_sql(ty, out)?,
                    Type::FLOAT8 => (i as f64).to_sql(ty, out)?,
                    Type::FLOAT4 => (i as f32).to_sql(ty, out)?,
                    Type::BOOL => (i != 0).to_sql(ty, out)?,
                    Type::NUMERIC => {
                        numeric_from_decimal(&i.to_string(), out).ok_or_else(narrow)?;
                        IsNull::No
                    }
                    _ if is_text(ty) => {
                        out.extend_from_slice(i.to_string().as_bytes());
                        IsNull::No
                    }
                    _ => return Err(mismatch(value, ty)),
                };
            }
            Value::Real(r) => {
                let r = *r;
                match *ty {
                    Type::FLOAT8 => r.to_sql(ty, out)?,
                    Type::FLOAT4 => (r as f32).to_sql(ty, out)?,
                    Type::NUMERIC => {
                        numeric_from_real(r, out)?;
                        IsNull::No
                    }
                    // SQLite's INTEGER affinity stores a real with no fraction as an integer.
                    Type::INT8 | Type::INT4 | Type::INT2 | Type::OID => match real_integer(r) {
                        Some(i) => Param(Value::Integer(i)).to_sql(ty, out)?,
                        None => return Err(mismatch(value, ty)),
                    },
                    _ if is_text(ty) => {
                        out.extend_from_slice(real_text(r).as_bytes());
                        IsNull::No
                    }
                    _ => return Err(mismatch(value, ty)),
                };
            }
            Value::Text(s) => {
                match *ty {
                    _ if is_text(ty) => {
                        out.extend_from_slice(s.as_bytes());
                    }
                    Type::BYTEA | Type::JSON => out.extend_from_slice(s.as_bytes()),
                    // JSONB's binary form is a version byte (1) and the JSON text.
                    Type::JSONB => {
                        out.extend_from_slice(&[1]);
                        out.extend_from_slice(s.as_bytes());
                    }
                    // Numeric parameters get the number the text spells, as SQLite's column
                    // affinity would; text that is no number is refused rather than stored
                    // as something else.
                    Type::INT8 | Type::INT4 | Type::INT2 | Type::OID => match text_integer(s) {
                        Some(i) => {
                            Param(Value::Integer(i))
                                .to_sql(ty, out)
                                .map_err(|_| mismatch(value, ty))?;
                        }
                        None => return Err(mismatch(value, ty)),
                    },
                    Type::FLOAT8 | Type::FLOAT4 => match text_real(s) {
                        Some(r) => {
                            Param(Value::Real(r)).to_sql(ty, out)?;
                        }
                        None => return Err(mismatch(value, ty)),
                    },
                    Type::NUMERIC => {
                        numeric_from_decimal(s.trim(), out).ok_or_else(|| mismatch(value, ty))?
                    }
                    _ => return Err(mismatch(value, ty)),
                }
            }
            // Blobs only go to BYTEA: text columns must hold valid UTF-8, and SQLite code
            // that binds a blob means bytes.
            Value::Blob(b) => match *ty {
                Type::BYTEA => out.extend_from_slice(b),
                _ => return Err(mismatch(value, ty)),
            },
        }
        Ok(IsNull::No)
    }

    /// Every type: the conversion is decided by [`Param::to_sql`] from the value and the type.
    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A column's raw binary value, whatever its type, so [`row_values`] decides how to read it.
struct Raw<'a>(Option<&'a [u8]>);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Raw(Some(raw)))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Raw(None))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// Reads a binary NUMERIC as SQLite would hold the number: an Integer when it has no
/// fractional digits (display scale 0, as `sum` of BIGINT has) and fits an i64, else a Real
/// (as `avg`, whose scale is never 0, is a REAL in SQLite too). NaN is an error: SQLite has
/// no NaN and turns it into NULL, which would hide the fault.
fn numeric_value(raw: &[u8]) -> Result<Value, String> {
    let field = |i: usize| -> Result<[u8; 2], String> {
        raw.get(2 * i..2 * i + 2)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| "truncated numeric value".to_owned())
    };
    let ndigits = i16::from_be_bytes(field(0)?);
    let weight = i64::from(i16::from_be_bytes(field(1)?));
    let sign = u16::from_be_bytes(field(2)?);
    let dscale = u16::from_be_bytes(field(3)?);
    match sign {
        0x0000 | 0x4000 => {}
        0xC000 => return Err("numeric NaN has no SQLite value".to_owned()),
        0xD000 => return Ok(Value::Real(f64::INFINITY)),
        0xF000 => return Ok(Value::Real(f64::NEG_INFINITY)),
        _ => return Err(format!("numeric value with unknown sign {sign:#x}")),
    }
    let ndigits = usize::try_from(ndigits).map_err(|_| "negative numeric digit count")?;
    let digits = (0..ndigits)
        .map(|i| {
            let d = i16::from_be_bytes(field(4 + i)?);
            if (0..10000).contains(&d) {
                Ok(d)
            } else {
                Err(format!("numeric digit {d} out of range"))
            }
        })
        .collect::<Result<Vec<i16>, String>>()?;
    let negative = sign == 0x4000;
    // Digit i is worth 10000^(weight - i); the integer part is the digits of weight >= 0.
    if dscale == 0 {
        let mut int: i128 = 0;
        let mut fits = true;
        for (i, &d) in digits.iter().enumerate() {
            if weight - (i as i64) < 0 {
                break;
            }
            match int
                .checked_mul(10000)
                .and_then(|v| v.checked_add(i128::from(d)))
            {
                Some(v) => int = v,
                None => fits = false,
            }
        }
        // Digits absent between the last one given and the decimal point are zeros.
        let missing = weight + 1 - digits.len() as i64;
        for _ in 0..missing.max(0) {
            match int.checked_mul(10000) {
                Some(v) if fits => int = v,
                _ => fits = false,
            }
        }
        if fits {
            let int = if negative { -int } else { int };
            if let Ok(i) = i64::try_from(int) {
                return Ok(Value::Integer(i));
            }
        }
    }
    // Otherwise a real: the decimal text read by Rust's parser, which rounds correctly.
    let mut text = String::from(if negative { "-0." } else { "0." });
    for d in &digits {
        text.push_str(&format!("{d:04}"));
    }
    let exponent = 4 * (weight + 1);
    text.push_str(&format!("e{exponent}"));
    text.parse::<f64>()
        .map(Value::Real)
        .map_err(|e| format!("numeric {text}: {e}"))
}

/// Reads one column's raw binary value of type `ty` as the SQLite value it stands for.
fn column_value(ty: &Type, raw: Option<&[u8]>) -> Result<Value, BoxError> {
    let Some(raw) = raw else {
        return Ok(Value::Null);
    };
    Ok(match *ty {
        Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
        Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
        Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
        Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
        Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
        Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
        Type::NUMERIC => numeric_value(raw)?,
        // SQLite has no booleans: a comparison is the integer 0 or 1.
        Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON => {
            Value::Text(std::str::from_utf8(raw)?.to_owned())
        }
        // JSONB's binary form is a version byte (1) and the JSON text.
        Type::JSONB => match raw.split_first() {
            Some((1, json)) => Value::Text(std::str::from_utf8(json)?.to_owned()),
            _ => return Err("unknown jsonb binary version".into()),
        },
        Type::BYTEA => Value::Blob(raw.to_vec()),
        _ => return Err(format!("type {ty} has no SQLite value").into()),
    })
}

/// Converts a PostgreSQL row to the SQLite values of its columns, in order: integers (and
/// booleans, as 0 or 1) are Integer, floats are Real, NUMERIC is Integer or Real (see
/// below), text types and JSON are Text, BYTEA is Blob, NULL is Null. NUMERIC, which `sum`
/// of BIGINT and `avg` return, is an Integer when it has no fractional digits and fits an
/// i64, else a Real. Any other column type is an error naming the column and its type.
pub fn row_values(row: &postgres::Row) -> Result<Vec<Value>, String> {
    row.columns()
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let ty = column.type_();
            row.try_get::<_, Raw<'_>>(i)
                .map_err(|e| e.to_string())
                .and_then(|raw| column_value(ty, raw.0).map_err(|e| e.to_string()))
                .map_err(|e| format!("column {} ({ty}): {e}", column.name()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::ValueRef;

    fn numeric(text: &str) -> Vec<u8> {
        let mut out = BytesMut::new();
        numeric_from_decimal(text, &mut out).expect("a decimal");
        out.to_vec()
    }

    fn words(ws: &[u16]) -> Vec<u8> {
        ws.iter().flat_map(|w| w.to_be_bytes()).collect()
    }

    #[test]
    fn numeric_encoding_matches_numeric_send() {
        // Values checked against `SELECT numeric_send(x)` on PostgreSQL 15.
        assert_eq!(numeric("0"), words(&[0, 0, 0, 0]));
        assert_eq!(numeric("12345"), words(&[2, 1, 0, 0, 1, 2345]));
        assert_eq!(numeric("-12.5"), words(&[2, 0, 0x4000, 1, 12, 5000]));
        assert_eq!(numeric("0.001"), words(&[1, 0xFFFF, 0, 3, 10]));
        assert_eq!(numeric("10000"), words(&[1, 1, 0, 0, 1]));
    }

    #[test]
    fn numeric_decoding_round_trips() {
        for (text, value) in [
            ("0", Value::Integer(0)),
            ("12345", Value::Integer(12345)),
            ("10000", Value::Integer(10000)),
            ("-9223372036854775808", Value::Integer(i64::MIN)),
            ("9223372036854775807", Value::Integer(i64::MAX)),
            (
                "9223372036854775808",
                Value::Real(9_223_372_036_854_775_808.0),
            ),
            ("-12.5", Value::Real(-12.5)),
            ("0.001", Value::Real(0.001)),
            ("2.00", Value::Real(2.0)),
        ] {
            assert_eq!(numeric_value(&numeric(text)), Ok(value), "{text}");
        }
        assert!(numeric_value(&words(&[0, 0, 0xC000, 0])).is_err());
    }

    #[test]
    fn reals_are_written_as_sqlite_writes_them() {
        assert_eq!(real_text(1.0), "1.0");
        assert_eq!(real_text(0.1), "0.1");
        assert_eq!(real_text(-2.5), "-2.5");
    }

    #[test]
    fn text_reads_as_an_integer_like_sqlite_affinity() {
        assert_eq!(text_integer(" 42 "), Some(42));
        assert_eq!(text_integer("3.0"), Some(3));
        assert_eq!(text_integer("3.5"), None);
        assert_eq!(text_integer("abc"), None);
    }

    #[test]
    fn param_takes_both_kinds_of_output() {
        assert_eq!(
            param(ToSqlOutput::Borrowed(ValueRef::Text(b"x"))),
            Ok(Param(Value::Text("x".into())))
        );
        assert_eq!(
            param(ToSqlOutput::Owned(Value::Integer(7))),
            Ok(Param(Value::Integer(7)))
        );
        let list = params(&[&1i64, &"a", &None::<i64>, &2.5f64, &vec![1u8, 2]]).unwrap();
        assert_eq!(
            list,
            vec![
                Param(Value::Integer(1)),
                Param(Value::Text("a".into())),
                Param(Value::Null),
                Param(Value::Real(2.5)),
                Param(Value::Blob(vec![1, 2])),
            ]
        );
    }
}
