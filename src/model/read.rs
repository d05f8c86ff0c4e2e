//! Reading a file the user named (a draft, a template, a reviewed DOCX):
//! only a regular file, only up to a size cap, and the encoding named when
//! the text is not UTF-8.
//!
//! A FIFO would block the reader forever and `/dev/zero` would fill the
//! memory: the kind of file is checked before it is opened, and the size
//! both from its metadata and while reading (a file may grow meanwhile).

use std::io::Read as _;
use std::path::Path;

/// The largest file Convention reads: 16 Mio. The reference draft is 12 Kio
/// and its template 8 Kio; a reviewed DOCX is a few hundred Kio.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system refused (not found, permission…).
    #[error("lecture impossible : {}", super::io::io_reason(.0))]
    Io(std::io::Error),
    /// The path names a folder.
    #[error("c'est un dossier, pas un fichier")]
    Directory,
    /// The path names a FIFO, a device or a socket.
    #[error("ce n'est pas un fichier ordinaire mais {0} : Convention ne lit que des fichiers")]
    NotRegular(&'static str),
    /// The file is larger than the cap.
    #[error("le fichier est trop grand ({}) : Convention lit des fichiers de {} au plus", size_text(*.size), size_text(*.cap))]
    TooLarge {
        /// Its size, or at least what was read of it.
        size: u64,
        /// The cap.
        cap: u64,
    },
}

/// Reads a whole regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    // Before opening: opening a FIFO waits for a writer.
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    check_kind(&metadata)?;
    if metadata.len() > cap {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            cap,
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // The path may have been replaced between the two looks.
    check_kind(&file.metadata().map_err(ReadError::Io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > cap {
        return Err(ReadError::TooLarge { size: read, cap });
    }
    Ok(bytes)
}

fn check_kind(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if metadata.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(kind_of(metadata)))
}

/// What a file that is not a regular file is, in French.
#[cfg(unix)]
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "un tube nommé (FIFO)"
    } else if kind.is_char_device() {
        "un périphérique (comme /dev/zero)"
    } else if kind.is_block_device() {
        "un disque (périphérique de blocs)"
    } else if kind.is_socket() {
        "une socket"
    } else {
        "un fichier spécial"
    }
}

/// What a file that is not a regular file is, in French.
#[cfg(not(unix))]
fn kind_of(_metadata: &std::fs::Metadata) -> &'static str {
    "un fichier spécial"
}

/// A size for people: « 16 Mio », « 20,5 Mio », « 812 octets ».
fn size_text(bytes: u64) -> String {
    const MIO: u64 = 1024 * 1024;
    if bytes >= MIO {
        let tenths = bytes * 10 / MIO;
        if tenths.is_multiple_of(10) {
            format!("{} Mio", tenths / 10)
        } else {
            format!("{},{} Mio", tenths / 10, tenths % 10)
        }
    } else if bytes >= 1024 {
        format!("{} Kio", bytes / 1024)
    } else {
        format!("{bytes} octets")
    }
}

/// The encoding of a text that is not UTF-8, when it can be told: from a
/// byte order mark, the pattern of zero bytes of UTF-16 and UTF-32 (a JSON
/// text starts with two ASCII characters, RFC 8259 § 8.1), or bytes that
/// only read as Latin-1 / Windows-1252.
pub fn foreign_encoding(bytes: &[u8]) -> Option<&'static str> {
    let boms: [(&[u8], &str); 4] = [
        (b"\xFF\xFE\x00\x00", "UTF-32 (petit-boutiste)"),
        (b"\x00\x00\xFE\xFF", "UTF-32 (gros-boutiste)"),
        (b"\xFF\xFE", "UTF-16 (petit-boutiste)"),
        (b"\xFE\xFF", "UTF-16 (gros-boutiste)"),
    ];
    if let Some((_, name)) = boms.iter().find(|(bom, _)| bytes.starts_with(bom)) {
        return Some(name);
    }
    if let [a, b, c, d, ..] = bytes {
        let zero = |x: &u8| *x == 0;
        match (zero(a), zero(b), zero(c), zero(d)) {
            (true, true, true, false) => return Some("UTF-32 (gros-boutiste)"),
            (false, true, true, true) => return Some("UTF-32 (petit-boutiste)"),
            (true, false, true, false) => return Some("UTF-16 (gros-boutiste)"),
            (false, true, false, true) => return Some("UTF-16 (petit-boutiste)"),
            _ => {}
        }
    }
    if std::str::from_utf8(bytes).is_err() && bytes.iter().all(|b| reads_as_latin1(*b)) {
        return Some("Latin-1 (ISO-8859-1 ou Windows-1252)");
    }
    None
}

/// Whether a byte is a printable character (or a line break, a tab) in
/// Latin-1 or Windows-1252.
fn reads_as_latin1(byte: u8) -> bool {
    match byte {
        b'\t' | b'\n' | b'\r' => true,
        0x20..=0x7E | 0xA0..=0xFF => true,
        // Windows-1252's printable characters in the C1 range.
        0x80..=0x9F => !matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_named() {
        let utf16le: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(foreign_encoding(&utf16le), Some("UTF-16 (petit-boutiste)"));
        let utf16be: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(foreign_encoding(&utf16be), Some("UTF-16 (gros-boutiste)"));
        let utf32le: Vec<u8> = "{}"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(foreign_encoding(&utf32le), Some("UTF-32 (petit-boutiste)"));
        let utf32be: Vec<u8> = "{}"
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(foreign_encoding(&utf32be), Some("UTF-32 (gros-boutiste)"));
        assert_eq!(
            foreign_encoding(b"\xFF\xFE{\x00"),
            Some("UTF-16 (petit-boutiste)")
        );
        assert_eq!(
            foreign_encoding(b"{\"title\": \"D\xE9l\xE9gation\"}"),
            Some("Latin-1 (ISO-8859-1 ou Windows-1252)")
        );
        assert_eq!(
            foreign_encoding("{\"title\": \"Délégation\"}".as_bytes()),
            None
        );
        // Binary is not Latin-1.
        assert_eq!(foreign_encoding(b"{\x01\x02\xE9"), None);
    }

    #[test]
    fn sizes_read_in_french() {
        assert_eq!(size_text(MAX_FILE_BYTES), "16 Mio");
        assert_eq!(size_text(MAX_FILE_BYTES + MAX_FILE_BYTES / 32), "16,5 Mio");
        assert_eq!(size_text(2048), "2 Kio");
        assert_eq!(size_text(12), "12 octets");
    }

    #[test]
    fn only_small_regular_files_are_read() {
        let folder = tempfile::tempdir().expect("tempdir");
        let file = folder.path().join("a.json");
        std::fs::write(&file, "0123456789").expect("write");
        assert_eq!(read_regular(&file, 10).expect("reads"), b"0123456789");
        let error = read_regular(&file, 9).unwrap_err();
        assert!(
            matches!(error, ReadError::TooLarge { size: 10, cap: 9 }),
            "{error}"
        );
        assert!(matches!(
            read_regular(folder.path(), 10),
            Err(ReadError::Directory)
        ));
        assert!(matches!(
            read_regular(&folder.path().join("absent"), 10),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_at_once() {
        let error = read_regular(Path::new("/dev/zero"), MAX_FILE_BYTES).unwrap_err();
        assert!(matches!(error, ReadError::NotRegular(_)), "{error}");
        assert!(error.to_string().contains("périphérique"), "{error}");
    }
}
