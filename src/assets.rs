//! Files built into the binary: the Liberation Sans fonts (SIL Open Font
//! License, see `assets/fonts/LICENSE-LiberationSans.txt`), their fallback
//! DejaVu Sans (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`)
//! and the icon.

/// Liberation Sans, regular.
pub const SANS_REGULAR: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
/// Liberation Sans, bold.
pub const SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");
/// Liberation Sans, italic.
pub const SANS_ITALIC: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Italic.ttf");
/// Liberation Sans, bold italic.
pub const SANS_BOLD_ITALIC: &[u8] = include_bytes!("../assets/fonts/LiberationSans-BoldItalic.ttf");
/// DejaVu Sans, regular: the PDF's fallback for characters Liberation lacks.
pub const FALLBACK_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold: the fallback of the bold faces.
pub const FALLBACK_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
