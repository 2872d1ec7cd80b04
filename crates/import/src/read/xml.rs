//! What the XML formats' readers share.

use quick_xml::events::BytesStart;

/// An attribute's value by its local name (`w:val` → "val").
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}
