//! The look of the app: a light theme with the State's blue (#000091),
//! readable sizes and sufficient contrast, and the fonts.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, FontData, FontDefinitions, FontFamily, Stroke, TextStyle, Theme,
};

/// Bleu France, the State design system's accent.
pub const ACCENT: Color32 = Color32::from_rgb(0x00, 0x00, 0x91);
/// A light tint of the accent, for selections.
pub const ACCENT_LIGHT: Color32 = Color32::from_rgb(0xe3, 0xe3, 0xfd);
/// Errors (DSFR « error » red, 6.4:1 on white).
pub const ERROR: Color32 = Color32::from_rgb(0xce, 0x05, 0x00);
/// Warnings (DSFR « warning » orange, 5.4:1 on white).
pub const WARNING: Color32 = Color32::from_rgb(0xb3, 0x40, 0x00);
/// Informations (DSFR « info » blue, 5.6:1 on white).
pub const INFO: Color32 = Color32::from_rgb(0x00, 0x63, 0xcb);
/// Success (DSFR « success » green, 5.9:1 on white).
pub const SUCCESS: Color32 = Color32::from_rgb(0x18, 0x75, 0x3c);
/// Body text (13:1 on white).
pub const TEXT: Color32 = Color32::from_rgb(0x16, 0x16, 0x16);
/// Secondary text (7:1 on white).
pub const MUTED: Color32 = Color32::from_rgb(0x53, 0x53, 0x53);
/// Inserted text in a redline, underlined (7.5:1 on white).
pub const INSERTED: Color32 = Color32::from_rgb(0x00, 0x52, 0xad);
/// Deleted text in a redline, struck through (7:1 on white).
pub const DELETED: Color32 = Color32::from_rgb(0xb8, 0x00, 0x00);

/// The font family of the document preview, by style.
pub fn document_family(bold: bool, italic: bool) -> FontFamily {
    FontFamily::Name(
        match (bold, italic) {
            (false, false) => "document",
            (true, false) => "document-bold",
            (false, true) => "document-italic",
            (true, true) => "document-bold-italic",
        }
        .into(),
    )
}

/// Installs fonts and style on a context.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let faces = [
        (
            "LiberationSans-Regular",
            crate::assets::SANS_REGULAR,
            "document",
        ),
        (
            "LiberationSans-Bold",
            crate::assets::SANS_BOLD,
            "document-bold",
        ),
        (
            "LiberationSans-Italic",
            crate::assets::SANS_ITALIC,
            "document-italic",
        ),
        (
            "LiberationSans-BoldItalic",
            crate::assets::SANS_BOLD_ITALIC,
            "document-bold-italic",
        ),
    ];
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    // DejaVu Sans draws what Liberation lacks (Arabic, Armenian, symbols),
    // as the PDF does.
    for (name, bytes) in [
        ("DejaVuSans", crate::assets::FALLBACK_REGULAR),
        ("DejaVuSans-Bold", crate::assets::FALLBACK_BOLD),
    ] {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for (name, bytes, family) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let fallback = if family.contains("bold") {
            "DejaVuSans-Bold"
        } else {
            "DejaVuSans"
        };
        let mut list = vec![name.to_owned(), fallback.to_owned()];
        list.extend(fallbacks.iter().cloned());
        fonts.families.insert(FontFamily::Name(family.into()), list);
    }
    // The interface reads in Liberation Sans too: firmer strokes than the
    // default light face, so better contrast.
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "LiberationSans-Regular".to_owned());
        // Last: egui's own icons keep their fonts.
        list.push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.set_theme(Theme::Light);
    ctx.style_mut_of(Theme::Light, |style| {
        let visuals = &mut style.visuals;
        visuals.override_text_color = Some(TEXT);
        visuals.weak_text_color = Some(MUTED);
        visuals.hyperlink_color = ACCENT;
        visuals.selection.bg_fill = ACCENT_LIGHT;
        visuals.selection.stroke = Stroke::new(2.0, ACCENT);
        visuals.text_cursor.stroke.color = ACCENT;
        visuals.error_fg_color = ERROR;
        visuals.warn_fg_color = WARNING;
        visuals.widgets.hovered.bg_stroke = Stroke::new(1.5, ACCENT);
        visuals.widgets.active.bg_fill = ACCENT_LIGHT;
        visuals.widgets.active.weak_bg_fill = ACCENT_LIGHT;
        visuals.widgets.active.bg_stroke = Stroke::new(1.5, ACCENT);
        visuals.widgets.active.fg_stroke.color = Color32::BLACK;
        visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(120));
        visuals.widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(200));
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = match text_style {
                TextStyle::Heading => 22.0,
                TextStyle::Small => 12.5,
                TextStyle::Monospace => 14.0,
                _ => 15.0,
            };
        }
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 26.0;
    });
}

/// A button in the accent colour, for the main action of a screen.
pub fn primary_button(text: &str) -> egui::Button<'static> {
    egui::Button::new(
        egui::RichText::new(text.to_owned())
            .color(Color32::WHITE)
            .strong(),
    )
    .fill(ACCENT)
}
