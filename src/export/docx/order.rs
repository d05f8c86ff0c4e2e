//! The last pass over the DOCX's WordprocessingML parts: puts the children
//! of the property elements (`w:pPr`, `w:rPr`, `w:sectPr`, `w:tblPr`,
//! `w:tcPr`, `w:trPr`, `w:style`, `w:lvl`, `w:settings`…) into the order
//! the ECMA-376 schema's sequences require, and drops what docx-rs writes
//! that the schema does not allow: `w:type` on `w:gridCol`, and the empty
//! `w:rPr` in the paragraph properties of styles and numbering levels
//! (`CT_PPrGeneral`, which has no run properties).
//!
//! docx-rs writes some children out of order (run properties first in a
//! paragraph's properties, header references last in a section's, cell
//! shading after the vertical alignment…). LibreOffice reads such a file;
//! Word calls it unreadable and offers to repair it. The orders below are
//! those of the transitional schema (ECMA-376 Part 4, `wml.xsd`, kept
//! under `tests/fixtures/ecma376/`); a test reads that file and checks
//! each order against it, and the export tests validate every part.
//!
//! The pass reads a part with roxmltree and copies the source text, only
//! moving whole elements: nothing else in the part changes (text,
//! escapes, attributes and namespace declarations stay as written).

use std::ops::Range;

use roxmltree::Node;

use super::DocxError;

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraph properties: `CT_PPrBase`, then what `CT_PPr` adds
/// (`CT_PPrGeneral`, in styles and numbering, adds only `pPrChange`).
const PARAGRAPH: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// The run properties: the paragraph mark's tracked changes
/// (`CT_ParaRPr`), `EG_RPrBase` (a choice in the transitional schema, in
/// the order the strict schema's sequence gives), then `rPrChange`.
const RUN: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// The section properties (`CT_SectPr`): header and footer references
/// first, then `EG_SectPrContents`.
const SECTION: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// The table properties (`CT_TblPr`).
const TABLE: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

/// The cell properties (`CT_TcPr`).
const CELL: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

/// The row properties (`CT_TrPr`): a choice of properties, then the row's
/// tracked insertion or deletion.
const ROW: &[&str] = &[
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
    "ins",
    "del",
    "trPrChange",
];

/// A style definition (`CT_Style`).
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// A numbering level (`CT_Lvl`).
const LEVEL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

/// An abstract numbering (`CT_AbstractNum`).
const ABSTRACT_NUMBERING: &[&str] = &[
    "nsid",
    "multiLevelType",
    "tmpl",
    "name",
    "styleLink",
    "numStyleLink",
    "lvl",
];

/// Table borders (`CT_TblBorders`).
const TABLE_BORDERS: &[&str] = &[
    "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
];

/// Cell borders (`CT_TcBorders`): the table's, and the diagonals.
const CELL_BORDERS: &[&str] = &[
    "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br", "tr2bl",
];

/// Paragraph borders (`CT_PBdr`).
const PARAGRAPH_BORDERS: &[&str] = &["top", "left", "bottom", "right", "between", "bar"];

/// Cell margins (`CT_TcMar`, `CT_TblCellMar`).
const MARGINS: &[&str] = &["top", "start", "left", "bottom", "end", "right"];

/// Footnote properties (`CT_FtnProps`, and the separator notes
/// `CT_FtnDocProps` adds in the settings).
const FOOTNOTE_PROPERTIES: &[&str] = &["pos", "numFmt", "numStart", "numRestart", "footnote"];

/// Endnote properties (`CT_EdnProps`, `CT_EdnDocProps`).
const ENDNOTE_PROPERTIES: &[&str] = &["pos", "numFmt", "numStart", "numRestart", "endnote"];

/// Compatibility settings (`CT_Compat`).
const COMPATIBILITY: &[&str] = &[
    "useSingleBorderforContiguousCells",
    "wpJustification",
    "noTabHangInd",
    "noLeading",
    "spaceForUL",
    "noColumnBalance",
    "balanceSingleByteDoubleByteWidth",
    "noExtraLineSpacing",
    "doNotLeaveBackslashAlone",
    "ulTrailSpace",
    "doNotExpandShiftReturn",
    "spacingInWholePoints",
    "lineWrapLikeWord6",
    "printBodyTextBeforeHeader",
    "printColBlack",
    "wpSpaceWidth",
    "showBreaksInFrames",
    "subFontBySize",
    "suppressBottomSpacing",
    "suppressTopSpacing",
    "suppressSpacingAtTopOfPage",
    "suppressTopSpacingWP",
    "suppressSpBfAfterPgBrk",
    "swapBordersFacingPages",
    "convMailMergeEsc",
    "truncateFontHeightsLikeWP6",
    "mwSmallCaps",
    "usePrinterMetrics",
    "doNotSuppressParagraphBorders",
    "wrapTrailSpaces",
    "footnoteLayoutLikeWW8",
    "shapeLayoutLikeWW8",
    "alignTablesRowByRow",
    "forgetLastTabAlignment",
    "adjustLineHeightInTable",
    "autoSpaceLikeWord95",
    "noSpaceRaiseLower",
    "doNotUseHTMLParagraphAutoSpacing",
    "layoutRawTableWidth",
    "layoutTableRowsApart",
    "useWord97LineBreakRules",
    "doNotBreakWrappedTables",
    "doNotSnapToGridInCell",
    "selectFldWithFirstOrLastChar",
    "applyBreakingRules",
    "doNotWrapTextWithPunct",
    "doNotUseEastAsianBreakRules",
    "useWord2002TableStyleRules",
    "growAutofit",
    "useFELayout",
    "useNormalStyleForList",
    "doNotUseIndentAsNumberingTabStop",
    "useAltKinsokuLineBreakRules",
    "allowSpaceOfSameStyleInTable",
    "doNotSuppressIndentation",
    "doNotAutofitConstrainedTables",
    "autofitToFirstFixedWidthCell",
    "underlineTabInNumList",
    "displayHangulFixedWidth",
    "splitPgBreakAndParaMark",
    "doNotVertAlignCellWithSp",
    "doNotBreakConstrainedForcedTable",
    "doNotVertAlignInTxbx",
    "useAnsiKerningPairs",
    "cachedColBalance",
    "compatSetting",
];

/// The document settings (`CT_Settings`). Elements of other namespaces
/// (Word's `w14:`, `w15:` settings) go after these, where Word writes them.
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

/// The order of the children of a WordprocessingML element named `name`,
/// if its schema type is a sequence the writer can get wrong. Where one
/// name stands for several types (`w:pPr` in a paragraph or in a style,
/// `w:rPr` in a run or on a paragraph mark), the order is one all of them
/// accept.
fn order_of(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "pPr" => PARAGRAPH,
        "rPr" => RUN,
        "sectPr" => SECTION,
        "tblPr" => TABLE,
        "tcPr" => CELL,
        "trPr" => ROW,
        "style" => STYLE,
        "lvl" => LEVEL,
        "abstractNum" => ABSTRACT_NUMBERING,
        "num" => &["abstractNumId", "lvlOverride"],
        "numbering" => &["numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"],
        "numPr" => &["ilvl", "numId", "numberingChange", "ins"],
        "styles" => &["docDefaults", "latentStyles", "style"],
        "docDefaults" => &["rPrDefault", "pPrDefault"],
        "tblBorders" => TABLE_BORDERS,
        "tcBorders" => CELL_BORDERS,
        "pBdr" => PARAGRAPH_BORDERS,
        "tcMar" => MARGINS,
        "tblCellMar" => MARGINS,
        "footnotePr" => FOOTNOTE_PROPERTIES,
        "endnotePr" => ENDNOTE_PROPERTIES,
        "compat" => COMPATIBILITY,
        "settings" => SETTINGS,
        _ => return None,
    })
}

/// Attributes docx-rs writes that the schema does not allow, by element:
/// `w:gridCol` has only a width.
const DROPPED: &[(&str, &str)] = &[("gridCol", "type")];

/// Puts every WordprocessingML part of the package into schema order.
pub(super) fn schema_order(xml: &mut docx_rs::XMLDocx) -> Result<(), DocxError> {
    for part in [
        &mut xml.document,
        &mut xml.styles,
        &mut xml.settings,
        &mut xml.numberings,
        &mut xml.footnotes,
        &mut xml.comments,
        &mut xml.font_table,
    ] {
        reorder(part)?;
    }
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        reorder(part)?;
    }
    Ok(())
}

/// Puts one part into schema order; an empty part (a comments part left
/// out), or one already in order, stays as it is.
fn reorder(part: &mut Vec<u8>) -> Result<(), DocxError> {
    if part.is_empty() {
        return Ok(());
    }
    let unexpected = || DocxError::UnexpectedOutput("ordre des éléments");
    let text = std::str::from_utf8(part).map_err(|_| unexpected())?;
    let document = roxmltree::Document::parse(text).map_err(|_| unexpected())?;
    let root = document.root_element();
    // The elements to write again: those to change, and their ancestors;
    // the others are copied whole.
    let mut touched = Vec::new();
    for node in root.descendants().filter(|node| needs_change(*node)) {
        for ancestor in node.ancestors() {
            let index = ancestor.id().get_usize();
            if touched.len() <= index {
                touched.resize(index + 1, false);
            }
            if std::mem::replace(&mut touched[index], true) {
                break;
            }
        }
    }
    if touched.is_empty() {
        return Ok(());
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..root.range().start]);
    write(root, text, &touched, &mut out);
    out.push_str(&text[root.range().end..]);
    *part = out.into_bytes();
    Ok(())
}

/// Whether an element's children are out of the schema's order, or it or
/// they hold what the schema does not allow.
fn needs_change(node: Node<'_, '_>) -> bool {
    if !node.is_element() || !is_w(node) {
        return false;
    }
    let name = node.tag_name().name();
    if name == "gridCol" {
        return dropped_attribute(node).is_some();
    }
    let Some(order) = order_of(name) else {
        return false;
    };
    // Only children with nothing between them are moved: property
    // elements hold no text.
    if !node.children().all(|child| child.is_element()) {
        return false;
    }
    let general = general_paragraph_properties(node);
    let mut last = 0;
    for child in node.children() {
        if general && is_empty_run_properties(child) {
            return true;
        }
        let place = rank(order, &child);
        if place < last {
            return true;
        }
        last = place;
    }
    false
}

/// Copies an element, its children in schema order.
fn write(node: Node<'_, '_>, text: &str, touched: &[bool], out: &mut String) {
    let range = node.range();
    if !touched.get(node.id().get_usize()).copied().unwrap_or(false) {
        out.push_str(&text[range]);
        return;
    }
    let (Some(first), Some(last)) = (node.first_element_child(), node.last_element_child()) else {
        push_tag(node, range, text, out);
        return;
    };
    let (inner_start, inner_end) = (first.range().start, last.range().end);
    push_tag(node, range.start..inner_start, text, out);
    match order_of(node.tag_name().name()) {
        Some(order) if is_w(node) && node.children().all(|child| child.is_element()) => {
            let general = general_paragraph_properties(node);
            let mut children: Vec<(usize, Node<'_, '_>)> = node
                .children()
                .filter(|child| !(general && is_empty_run_properties(*child)))
                .map(|child| (rank(order, &child), child))
                .collect();
            children.sort_by_key(|(place, _)| *place);
            for (_, child) in children {
                write(child, text, touched, out);
            }
        }
        _ => {
            let mut at = inner_start;
            for child in node.children().filter(Node::is_element) {
                out.push_str(&text[at..child.range().start]);
                write(child, text, touched, out);
                at = child.range().end;
            }
        }
    }
    out.push_str(&text[inner_end..range.end]);
}

/// The attribute of an element the schema does not allow, if any.
fn dropped_attribute<'a, 'input>(
    node: Node<'a, 'input>,
) -> Option<roxmltree::Attribute<'a, 'input>> {
    let name = node.tag_name().name();
    let unwanted = DROPPED
        .iter()
        .find(|(element, _)| *element == name && is_w(node))?
        .1;
    node.attributes()
        .find(|attribute| attribute.namespace() == Some(W) && attribute.name() == unwanted)
}

/// Copies an element's opening tag (or the whole of an empty element),
/// without the attribute the schema does not allow.
fn push_tag(node: Node<'_, '_>, range: Range<usize>, text: &str, out: &mut String) {
    match dropped_attribute(node) {
        Some(attribute) => {
            let at = attribute.range();
            // The attribute goes with the spaces before it.
            let before = text[range.start..at.start].trim_end().len() + range.start;
            out.push_str(&text[range.start..before]);
            out.push_str(&text[at.end..range.end]);
        }
        None => out.push_str(&text[range]),
    }
}

/// Whether an element is the paragraph properties of a style, of the
/// document defaults or of a numbering level (`CT_PPrGeneral`).
fn general_paragraph_properties(node: Node<'_, '_>) -> bool {
    is_w(node)
        && node.tag_name().name() == "pPr"
        && node.parent_element().is_some_and(|parent| {
            is_w(parent) && matches!(parent.tag_name().name(), "style" | "pPrDefault" | "lvl")
        })
}

/// Whether an element is an empty `w:rPr`, without attributes.
fn is_empty_run_properties(node: Node<'_, '_>) -> bool {
    is_w(node)
        && node.tag_name().name() == "rPr"
        && !node.has_children()
        && node.attributes().len() == 0
}

/// Whether a node is a WordprocessingML element.
fn is_w(node: Node<'_, '_>) -> bool {
    node.tag_name().namespace() == Some(W)
}

/// A child's place in its parent's order; children the order does not
/// name (other namespaces' extensions) go last, in the order they came.
fn rank(order: &[&str], child: &Node<'_, '_>) -> usize {
    if !is_w(*child) {
        return usize::MAX;
    }
    let name = child.tag_name().name();
    order
        .iter()
        .position(|known| *known == name)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(xml: &str) -> String {
        let mut part = xml.as_bytes().to_vec();
        reorder(&mut part).expect("reorders");
        String::from_utf8(part).expect("UTF-8")
    }

    const OPEN: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x">"#;

    #[test]
    fn property_children_take_the_schema_order_and_nothing_else_moves() {
        let xml = format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}"#,
                r#"<w:p><w:pPr><w:rPr><w:b /></w:rPr><w:jc w:val="both" /><w:pStyle w:val="T"/></w:pPr>"#,
                r#"<w:r><w:rPr><w:sz w:val="22"/><w:b/></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p>"#,
                r#"<w:sectPr><w:pgSz w:w="1"/><x:ext/><w:headerReference w:type="default" r:id="h" xmlns:r="urn:r"/></w:sectPr>"#,
                "</w:document>"
            ),
            OPEN
        );
        let out = ordered(&xml);
        assert_eq!(
            out,
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}"#,
                    r#"<w:p><w:pPr><w:pStyle w:val="T"/><w:jc w:val="both" /><w:rPr><w:b /></w:rPr></w:pPr>"#,
                    r#"<w:r><w:rPr><w:b/><w:sz w:val="22"/></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p>"#,
                    r#"<w:sectPr><w:headerReference w:type="default" r:id="h" xmlns:r="urn:r"/><w:pgSz w:w="1"/><x:ext/></w:sectPr>"#,
                    "</w:document>"
                ),
                OPEN
            )
        );
        // Once in order, the pass changes nothing.
        assert_eq!(ordered(&out), out);
    }

    #[test]
    fn grid_columns_lose_their_type_only() {
        let xml = format!(
            r#"{OPEN}<w:tbl><w:tblGrid><w:gridCol w:w="100" w:type="dxa" /><w:gridCol w:type="dxa"/></w:tblGrid></w:tbl><x:gridCol w:type="dxa"/></w:document>"#
        );
        assert_eq!(
            ordered(&xml),
            format!(
                r#"{OPEN}<w:tbl><w:tblGrid><w:gridCol w:w="100" /><w:gridCol/></w:tblGrid></w:tbl><x:gridCol w:type="dxa"/></w:document>"#
            )
        );
    }

    #[test]
    fn styles_and_levels_lose_their_empty_paragraph_run_properties_only() {
        let xml = format!(
            concat!(
                "{}<w:style><w:pPr><w:rPr /><w:jc/></w:pPr><w:rPr/></w:style>",
                "<w:lvl><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:lvl>",
                "<w:p><w:pPr><w:rPr/></w:pPr></w:p></w:document>"
            ),
            OPEN
        );
        assert_eq!(
            ordered(&xml),
            format!(
                concat!(
                    "{}<w:style><w:pPr><w:jc/></w:pPr><w:rPr/></w:style>",
                    "<w:lvl><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:lvl>",
                    "<w:p><w:pPr><w:rPr/></w:pPr></w:p></w:document>"
                ),
                OPEN
            )
        );
    }

    #[test]
    fn parents_holding_text_are_left_alone() {
        let xml = format!(r#"{OPEN}<w:rPr><w:sz/> <w:b/></w:rPr></w:document>"#);
        assert_eq!(ordered(&xml), xml);
        let mut broken = b"<w:rPr>".to_vec();
        assert!(reorder(&mut broken).is_err());
        let mut empty = Vec::new();
        reorder(&mut empty).expect("nothing to do");
        assert!(empty.is_empty());
    }

    /// The names of the elements a schema type or group of `wml.xsd`
    /// allows, in the order it lists them, its base type's first.
    fn schema_elements(
        types: &std::collections::HashMap<&str, roxmltree::Node<'_, '_>>,
        name: &str,
        out: &mut Vec<String>,
    ) {
        let node = types
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not in wml.xsd"));
        for item in node.descendants() {
            match item.tag_name().name() {
                "extension" => {
                    schema_elements(types, item.attribute("base").expect("a base"), out);
                }
                "group" if item != *node => {
                    schema_elements(types, item.attribute("ref").expect("a ref"), out);
                }
                "element" => {
                    let name = item
                        .attribute("name")
                        .or_else(|| item.attribute("ref"))
                        .expect("a name");
                    let local = name.rsplit(':').next().unwrap_or(name);
                    out.push(local.to_owned());
                }
                _ => {}
            }
        }
    }

    #[test]
    fn every_order_is_the_schemas() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/ecma376/wml.xsd"
        );
        let xsd = std::fs::read_to_string(path).expect("the schema is there");
        let schema = roxmltree::Document::parse(&xsd).expect("the schema reads");
        let types: std::collections::HashMap<&str, roxmltree::Node<'_, '_>> = schema
            .root_element()
            .children()
            .filter(|node| matches!(node.tag_name().name(), "complexType" | "group"))
            .filter_map(|node| node.attribute("name").map(|name| (name, node)))
            .collect();
        // Each element's order, and the schema types it stands for.
        let sources: &[(&str, &[&str])] = &[
            ("pPr", &["CT_PPr", "CT_PPrGeneral"]),
            ("rPr", &["CT_RPr", "CT_ParaRPr"]),
            ("sectPr", &["CT_SectPr"]),
            ("tblPr", &["CT_TblPr"]),
            ("tcPr", &["CT_TcPr"]),
            ("trPr", &["CT_TrPr"]),
            ("style", &["CT_Style"]),
            ("lvl", &["CT_Lvl"]),
            ("abstractNum", &["CT_AbstractNum"]),
            ("num", &["CT_Num"]),
            ("numbering", &["CT_Numbering"]),
            ("numPr", &["CT_NumPr"]),
            ("styles", &["CT_Styles"]),
            ("docDefaults", &["CT_DocDefaults"]),
            ("tblBorders", &["CT_TblBorders"]),
            ("tcBorders", &["CT_TcBorders"]),
            ("pBdr", &["CT_PBdr"]),
            ("tcMar", &["CT_TcMar"]),
            ("tblCellMar", &["CT_TblCellMar"]),
            ("footnotePr", &["CT_FtnProps", "CT_FtnDocProps"]),
            ("endnotePr", &["CT_EdnProps", "CT_EdnDocProps"]),
            ("compat", &["CT_Compat"]),
            ("settings", &["CT_Settings"]),
        ];
        for (element, types_of) in sources {
            let order = order_of(element).expect("an order");
            let mut every = Vec::new();
            for type_name in *types_of {
                let mut elements = Vec::new();
                schema_elements(&types, type_name, &mut elements);
                // The schema's elements, in the schema's order, all in ours.
                let places: Vec<Option<usize>> = elements
                    .iter()
                    .map(|name| order.iter().position(|known| known == name))
                    .collect();
                assert!(
                    places.iter().all(Option::is_some),
                    "{element}: {type_name} has {elements:?}"
                );
                assert!(
                    places.is_sorted(),
                    "{element}: our order differs from {type_name}'s {elements:?}"
                );
                every.extend(elements);
            }
            // And ours names nothing the schema does not.
            for name in order {
                assert!(every.contains(&(*name).to_owned()), "{element}: {name}?");
            }
        }
    }
}
