//! Reading a document, whatever its format, into paragraphs and tables
//! ([`crate::document`]): one reader per format, chosen by what the bytes
//! are rather than by the file's name ([`text`] for text saved from Word,
//! [`docx`] for Word's own format); a format no reader takes is named, with
//! what it is.

mod doc;
pub mod docx;
mod html;
mod numbering;
mod pdf;
pub mod sheet;
pub mod text;
mod xml;

use crate::document::{Document, Unit};
use std::path::Path;

/// Word documents of several hundred pages are a few MB; anything much
/// larger is not a training plan.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file gives no document: what it is, said by the command line in
/// the editor's words.
#[derive(Debug)]
pub enum Unreadable {
    Io(std::io::Error),
    Folder,
    TooLarge {
        mb: u64,
    },
    /// Text in no encoding peixun knows, or bytes that are no text.
    NotText,
    Binary,
    DamagedZip(String),
    /// A zip whose part unpacks to far more than any plan (a zip bomb).
    Unpacks {
        mb: u64,
    },
    DamagedDocx(String),
    DamagedSheet(String),
    /// A sheet of more rows than a plan's table ever has.
    SheetTooLarge {
        sheet: String,
        rows: usize,
    },
    /// A zip of another kind: a PowerPoint file, or none peixun knows.
    Pptx,
    Zip,
    Rtf,
    /// An Office 97-2003 file of another kind (PowerPoint, Visio).
    OldOffice,
    /// A compound file (Office 97-2003) peixun cannot open.
    DamagedCompound(String),
    /// A PDF without text: a scan, which needs text recognition first.
    Scan,
    /// Reading PDFs needs poppler's pdftotext, and it is not installed.
    NeedsPoppler,
    /// A PDF poppler could not read: what it said.
    DamagedPdf(String),
    /// A PDF poppler took over a minute on.
    PdfTooSlow,
    /// A web page nested deeper than any real one.
    TooDeep {
        depth: usize,
    },
    /// A web archive (.mht) without a web page in it.
    DamagedMht,
    /// Word 6 or Word 95: older than the format peixun reads.
    Word95,
    /// A document protected by a password.
    Encrypted,
    Odt,
    /// A picture: most likely a scan, which needs text recognition.
    Image(&'static str),
    Archive(&'static str),
}

/// Reads the file at `path`.
pub fn read(path: &Path) -> Result<Document, Unreadable> {
    let meta = std::fs::metadata(path).map_err(Unreadable::Io)?;
    if !meta.is_file() {
        return Err(Unreadable::Folder);
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(Unreadable::TooLarge {
            mb: meta.len() >> 20,
        });
    }
    let bytes = std::fs::read(path).map_err(Unreadable::Io)?;
    read_bytes(&bytes)
}

/// The same as [`read`], from bytes already in memory.
pub fn read_bytes(bytes: &[u8]) -> Result<Document, Unreadable> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zipped(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return compound(bytes);
    }
    if let Some(what) = sniff_binary(bytes) {
        return Err(what);
    }
    if bytes.starts_with(b"%PDF") {
        return pdf::read(bytes);
    }
    if html::is_mht(bytes) {
        return html::read_mht(bytes);
    }
    if html::is_html(bytes) {
        return html::read(bytes);
    }
    let (text, encoding) = decode_text(bytes).ok_or(Unreadable::NotText)?;
    if text.contains('\0') {
        return Err(Unreadable::Binary);
    }
    Ok(Document {
        blocks: text::blocks(&text),
        unit: Unit::Line,
        encoding,
        sheets: Vec::new(),
        format: "txt",
    })
}

/// The first bytes of a compound file (Office 97-2003, WPS).
const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// One part of a zip (.docx, .xlsx, .ods), unpacked: a plan's largest is a
/// few MB. The zip reader stops at a part's declared size, so a zip bomb
/// is refused here, before any reader unpacks it.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// A zip: Word's .docx, a workbook (.xlsx, .ods), or another.
fn zipped(bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Unreadable::DamagedZip(e.to_string()))?;
    for i in 0..archive.len() {
        let size = archive
            .by_index_raw(i)
            .map_err(|e| Unreadable::DamagedZip(e.to_string()))?
            .size();
        if size > MAX_PART_BYTES {
            return Err(Unreadable::Unpacks { mb: size >> 20 });
        }
    }
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        docx::read(bytes)
    } else if has("xl/workbook.xml") {
        sheet::read(bytes, sheet::Kind::Xlsx)
    } else if has("content.xml")
        && bytes
            .windows(46)
            .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet")
    {
        sheet::read(bytes, sheet::Kind::Ods)
    } else if has("ppt/presentation.xml") {
        Err(Unreadable::Pptx)
    } else if has("content.xml") {
        Err(Unreadable::Odt)
    } else {
        Err(Unreadable::Zip)
    }
}

/// A compound file: Word 97-2003 (.doc, .wps) or Excel 97-2003 (.xls, .et).
fn compound(bytes: &[u8]) -> Result<Document, Unreadable> {
    let file = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| Unreadable::DamagedCompound(e.to_string()))?;
    if file.is_stream("/WordDocument") {
        doc::read(bytes)
    } else if file.is_stream("/Workbook") || file.is_stream("/Book") {
        sheet::read(bytes, sheet::Kind::Xls)
    } else {
        Err(Unreadable::OldOffice)
    }
}

/// A format's first bytes, and what a file that starts with them is.
type Magic = (&'static [u8], fn() -> Unreadable);

/// Names the formats no reader takes.
fn sniff_binary(bytes: &[u8]) -> Option<Unreadable> {
    const KINDS: &[Magic] = &[
        (b"{\\rtf", || Unreadable::Rtf),
        (b"\x89PNG", || Unreadable::Image("PNG")),
        (b"\xFF\xD8\xFF", || Unreadable::Image("JPEG")),
        (b"GIF8", || Unreadable::Image("GIF")),
        (b"II*\0", || Unreadable::Image("TIFF")),
        (b"MM\0*", || Unreadable::Image("TIFF")),
        (b"BM", || Unreadable::Image("BMP")),
        (b"Rar!", || Unreadable::Archive("RAR")),
        (b"7z\xBC\xAF", || Unreadable::Archive("7-Zip")),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| what())
}

/// The text, and its encoding when not UTF-8: UTF-8 or UTF-16 with a BOM
/// (Word's “Unicode” text), UTF-8, or else GBK, which Word writes for
/// “Chinese Simplified (GB2312)” plain text (read as GB18030, its superset).
/// Bytes that are none of them are not text.
fn decode_text(bytes: &[u8]) -> Option<(String, Option<&'static str>)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Some((text.into_owned(), name));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), None));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Some("GBK")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    #[test]
    fn formats_no_reader_takes_are_named() {
        for (bytes, what) in [
            (&b"{\\rtf1"[..], "Rtf"),
            (b"\x89PNG\r\n", "Image(\"PNG\")"),
            (b"\xB9\xFA\xFF\xE0", "NotText"),
        ] {
            let err = format!("{:?}", read_bytes(bytes).unwrap_err());
            assert_eq!(err, what);
        }
    }

    #[test]
    fn gbk_text_is_read() {
        // 国培计划 in GBK, as Word saves “Chinese Simplified” plain text.
        let doc = read_bytes(b"\xB9\xFA\xC5\xE0\xBC\xC6\xBB\xAE").unwrap();
        assert_eq!(doc.encoding, Some("GBK"));
        assert_eq!(
            doc.blocks,
            [Block::Para {
                line: 1,
                text: "国培计划".into()
            }]
        );
    }

    #[test]
    fn utf16_text_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "一、总则\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let doc = read_bytes(&bytes).unwrap();
        assert_eq!(
            doc.blocks,
            [Block::Para {
                line: 1,
                text: "一、总则".into()
            }]
        );
    }
}
