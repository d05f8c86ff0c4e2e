//! The tagged PDF: what each piece of drawn text is (marked content with
//! an MCID per page, or an artifact), and the structure tree built from the
//! document's blocks, written with lopdf once the pages exist.
//!
//! The tree follows the document, not the pages: Document > H1…H6, P,
//! L > LI > (Lbl, LBody), Table > TR > TH/TD (header rows' cells scoped
//! to their column; without header rows, the first column's to their
//! row), one Div per party for the signatures, Reference + Note (Lbl and
//! text) for a footnote, placed just after its call, Link (text + /OBJR
//! to its annotation), and in a redline a Span with an /Alt saying
//! « texte ajouté » or « texte supprimé ». A paragraph cut between pages, a
//! footnote carried to the next page, a row split in two: each is one
//! element whose content is gathered from every page, in order. What is
//! not content is an artifact: running header, page number, provenance
//! line, rules, borders, shading, revision marks, the marking, and table
//! header rows repeated on later pages.
//!
//! Written by hand on lopdf: printpdf 0.12 writes marked content but no
//! structure tree; moving the writer to krilla (which tags) would mean
//! redoing the layout's output, the PDF/A post-processing and the
//! bookmarks for one feature.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{DictItem, Op};

use super::PdfError;
use super::layout::Owner;
use crate::document::{Block, Document, Revision};

/// What a piece of marked content is, within what it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Running text.
    Text,
    /// A list item's bullet or a footnote's number.
    Label,
    /// A footnote call, by the note's number - 1.
    Call(usize),
    /// A link's text (or part of it), with its annotation.
    Link {
        /// Where it leads: consecutive pieces to the same place are one link.
        url: String,
        /// The text shown.
        text: String,
        /// The annotation's index in its page's /Annots.
        annotation: usize,
    },
    /// In a redline, inserted or deleted text.
    Revised {
        /// Inserted or deleted.
        revision: Revision,
        /// The text shown.
        text: String,
    },
}

/// A piece of marked content: its page, its MCID there, what it is.
#[derive(Clone, Debug)]
struct Piece {
    page: usize,
    mcid: i64,
    kind: Kind,
}

/// A structure element of the skeleton, before the content is known.
#[derive(Clone, Debug)]
struct Node {
    role: &'static str,
    /// Its attributes (/A), as name and value pairs of one owner.
    attributes: Vec<(&'static str, &'static str)>,
    kids: Vec<Node>,
    /// The paragraph whose marked content it holds.
    content: Option<usize>,
}

impl Node {
    fn new(role: &'static str, kids: Vec<Node>) -> Self {
        Self {
            role,
            attributes: Vec::new(),
            kids,
            content: None,
        }
    }
}

/// The structure of a document and the marked content drawn for it: the
/// skeleton comes from the blocks ([`Tags::new`]), the content from the
/// drawing ([`Tags::begin`]), and [`Tags::write`] joins them in the file.
#[derive(Debug, Default)]
pub(crate) struct Tags {
    /// The children of the Document element.
    skeleton: Vec<Node>,
    /// Per paragraph: the type of the element holding its content.
    roles: Vec<&'static str>,
    /// Per paragraph: whether its first piece is a label (a list item).
    labelled: Vec<bool>,
    /// Per paragraph, then per footnote: its pieces, in reading order.
    paragraphs: Vec<Vec<Piece>>,
    notes: Vec<Vec<Piece>>,
    /// Per page: the next MCID.
    mcids: Vec<i64>,
}

/// The heading type of a level, from 1.
fn heading(level: usize) -> &'static str {
    match level {
        0 | 1 => "H1",
        2 => "H2",
        3 => "H3",
        4 => "H4",
        5 => "H5",
        _ => "H6",
    }
}

impl Tags {
    /// The skeleton of `document`: one element per block, each paragraph
    /// (in [`Document::paragraphs`] order) a leaf waiting for its content.
    pub(crate) fn new(document: &Document) -> Self {
        let mut tags = Tags::default();
        // Headings start at H1: under the title when there is one.
        let below_title = usize::from(
            document
                .blocks
                .iter()
                .any(|block| matches!(block, Block::Title(_))),
        );
        // No level skipped: a heading is at most one below the one before.
        let mut last = 0;
        for block in &document.blocks {
            let node = match block {
                Block::Title(_) => {
                    last = 1;
                    tags.leaf("H1", false)
                }
                Block::Heading { level, .. } => {
                    last = (usize::from(*level).max(1) + below_title).min(last + 1);
                    tags.leaf(heading(last), false)
                }
                Block::Paragraph(_) => tags.leaf("P", false),
                Block::List(items) => {
                    let kids = items
                        .iter()
                        .map(|_| Node::new("LI", vec![tags.leaf("LBody", true)]))
                        .collect();
                    Node {
                        attributes: vec![("O", "List"), ("ListNumbering", "Disc")],
                        ..Node::new("L", kids)
                    }
                }
                Block::Table(table) => {
                    let header_rows = table.header_rows.min(table.rows.len());
                    // Without header rows, a table of several columns
                    // reads as labels and values (the Chorus references):
                    // its first column heads the rows.
                    let row_headers = header_rows == 0 && table.column_count() > 1;
                    let rows = table
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(index, row)| {
                            let header = index < header_rows;
                            let cells = row
                                .cells
                                .iter()
                                .enumerate()
                                .map(|(column, cell)| {
                                    let scope = if header {
                                        Some("Column")
                                    } else if row_headers && column == 0 {
                                        Some("Row")
                                    } else {
                                        None
                                    };
                                    let role = if scope.is_some() { "TH" } else { "TD" };
                                    let mut node = if cell.paragraphs.len() == 1 {
                                        tags.leaf(role, false)
                                    } else {
                                        let kids = cell
                                            .paragraphs
                                            .iter()
                                            .map(|_| tags.leaf("P", false))
                                            .collect();
                                        Node::new(role, kids)
                                    };
                                    if let Some(scope) = scope {
                                        node.attributes = vec![("O", "Table"), ("Scope", scope)];
                                    }
                                    node
                                })
                                .collect();
                            Node::new("TR", cells)
                        })
                        .collect();
                    Node::new("Table", rows)
                }
                Block::Signatures(columns) => {
                    // Party by party, not line by line across the parties.
                    let parties = columns
                        .iter()
                        .map(|column| {
                            Node::new(
                                "Div",
                                column.iter().map(|_| tags.leaf("P", false)).collect(),
                            )
                        })
                        .collect();
                    Node::new("Div", parties)
                }
                Block::PageBreak => continue,
            };
            tags.skeleton.push(node);
        }
        tags
    }

    /// The next paragraph as a leaf of type `role`.
    fn leaf(&mut self, role: &'static str, labelled: bool) -> Node {
        let index = self.roles.len();
        self.roles.push(role);
        self.labelled.push(labelled);
        Node {
            content: Some(index),
            ..Node::new(role, Vec::new())
        }
    }

    fn pieces_mut(&mut self, owner: Owner) -> Option<&mut Vec<Piece>> {
        let (list, index) = match owner {
            Owner::Paragraph(index) => (&mut self.paragraphs, index),
            Owner::Note(index) => (&mut self.notes, index),
            Owner::Artifact => return None,
        };
        if list.len() <= index {
            list.resize_with(index + 1, Vec::new);
        }
        list.get_mut(index)
    }

    /// Whether the next line of `owner` is its first and starts with a
    /// label: a list item's bullet, a footnote's number.
    pub(crate) fn starts_with_label(&mut self, owner: Owner) -> bool {
        let labelled = match owner {
            Owner::Paragraph(index) => self.labelled.get(index).copied().unwrap_or(false),
            Owner::Note(_) => true,
            Owner::Artifact => false,
        };
        labelled
            && self
                .pieces_mut(owner)
                .is_some_and(|pieces| pieces.is_empty())
    }

    /// The operation that opens the marked content of a piece of `owner`
    /// on `page` (from 0): with the next MCID of the page, or as an
    /// artifact. Close it with [`Op::EndMarkedContent`].
    pub(crate) fn begin(&mut self, page: usize, owner: Owner, kind: Kind) -> Op {
        let tag = match (&kind, owner) {
            (_, Owner::Artifact) => return artifact(None),
            (Kind::Label, _) => "Lbl",
            (Kind::Call(_), _) => "Reference",
            (Kind::Link { .. }, _) => "Link",
            (Kind::Revised { .. }, _) => "Span",
            (Kind::Text, Owner::Note(_)) => "Note",
            (Kind::Text, Owner::Paragraph(index)) => self.roles.get(index).copied().unwrap_or("P"),
        };
        if self.mcids.len() <= page {
            self.mcids.resize(page + 1, 0);
        }
        let mcid = self.mcids[page];
        self.mcids[page] += 1;
        if let Some(pieces) = self.pieces_mut(owner) {
            pieces.push(Piece { page, mcid, kind });
        }
        Op::BeginMarkedContentWithProperties {
            tag: tag.to_owned(),
            properties: DictItem::Dict {
                map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(mcid))]),
            },
        }
    }

    /// Writes the structure tree into `pdf`, whose pages are those drawn,
    /// and marks the file as tagged.
    pub(crate) fn write(&self, pdf: &mut lopdf::Document) -> Result<(), PdfError> {
        let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
        let mut used_paragraphs = vec![false; self.paragraphs.len()];
        let mut used_notes = vec![false; self.notes.len()];
        let mut expander = Expander {
            tags: self,
            used_paragraphs: &mut used_paragraphs,
            used_notes: &mut used_notes,
        };
        let mut kids: Vec<Kid> = self
            .skeleton
            .iter()
            .filter_map(|node| expander.node(node))
            .map(Kid::Element)
            .collect();
        // Whatever the skeleton did not claim (it claims everything the
        // layout draws) still gets an element: no MCID without a parent.
        for index in 0..self.paragraphs.len() {
            if !expander.used_paragraphs[index] {
                let content = expander.content(index);
                if !content.is_empty() {
                    kids.push(Kid::Element(Built::new("P", content)));
                }
            }
        }
        for index in 0..self.notes.len() {
            if !expander.used_notes[index] {
                kids.push(Kid::Element(expander.note(index)));
            }
        }
        let document = Built::new("Document", kids);

        let root = pdf.new_object_id();
        let mut writer = Writer {
            pdf,
            pages: &pages,
            parents: self
                .mcids
                .iter()
                .map(|&count| vec![None; usize::try_from(count).unwrap_or(0)])
                .collect(),
            annotations: Vec::new(),
            ids: Vec::new(),
        };
        let top = writer.element(&document, root)?;

        let mut nums = Vec::new();
        for (page, parents) in writer.parents.iter().enumerate() {
            if parents.is_empty() {
                continue;
            }
            let Some(&id) = pages.get(page) else {
                continue;
            };
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(
                parents
                    .iter()
                    .map(|parent| parent.map_or(Object::Null, Object::Reference))
                    .collect(),
            ));
            let dictionary = writer.pdf.get_dictionary_mut(id).map_err(structure)?;
            dictionary.set("StructParents", Object::Integer(page as i64));
        }
        let mut next_key = pages.len() as i64;
        let annotations = std::mem::take(&mut writer.annotations);
        for (annotation, parent) in annotations {
            let dictionary = writer
                .pdf
                .get_dictionary_mut(annotation)
                .map_err(structure)?;
            dictionary.set("StructParent", Object::Integer(next_key));
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(parent));
            next_key += 1;
        }
        let mut root_dictionary = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(top)),
            (
                "ParentTree",
                Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
            ),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ]);
        if !writer.ids.is_empty() {
            let mut ids = std::mem::take(&mut writer.ids);
            ids.sort();
            let mut names = Vec::with_capacity(ids.len() * 2);
            for (name, id) in ids {
                names.push(Object::String(name, StringFormat::Literal));
                names.push(Object::Reference(id));
            }
            root_dictionary.set(
                "IDTree",
                Dictionary::from_iter(vec![("Names", Object::Array(names))]),
            );
        }
        pdf.objects
            .insert(root, Object::Dictionary(root_dictionary));

        // Pages with annotations: tab order follows the structure.
        for id in &pages {
            let page = pdf.get_dictionary_mut(*id).map_err(structure)?;
            if page.get(b"Annots").is_ok() {
                page.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
        let catalog = pdf.catalog_mut().map_err(structure)?;
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set("StructTreeRoot", Object::Reference(root));
        Ok(())
    }
}

/// The operation opening an artifact: of pagination (`Header`, `Footer`)
/// or, without a subtype, of layout.
pub(crate) fn artifact(pagination: Option<&str>) -> Op {
    match pagination {
        None => Op::BeginMarkedContent {
            tag: "Artifact".to_owned(),
        },
        Some(subtype) => Op::BeginMarkedContentWithProperties {
            tag: "Artifact".to_owned(),
            properties: DictItem::Dict {
                map: BTreeMap::from([
                    ("Type".to_owned(), DictItem::Name(b"Pagination".to_vec())),
                    (
                        "Subtype".to_owned(),
                        DictItem::Name(subtype.as_bytes().to_vec()),
                    ),
                ]),
            },
        },
    }
}

fn structure(error: lopdf::Error) -> PdfError {
    PdfError::Save(format!("arbre de structure : {error}"))
}

/// A child of a built element.
#[derive(Debug)]
enum Kid {
    Element(Built),
    /// Marked content.
    Content {
        page: usize,
        mcid: i64,
    },
    /// A link annotation, by its index in its page's /Annots, and the
    /// text it stands for.
    Annotation {
        page: usize,
        index: usize,
        text: String,
    },
}

/// A structure element with its content.
#[derive(Debug)]
struct Built {
    role: &'static str,
    attributes: Vec<(&'static str, &'static str)>,
    /// Its /ID (footnotes).
    id: Option<String>,
    /// Its alternate description (/Alt), read instead of its content.
    alt: Option<String>,
    kids: Vec<Kid>,
}

impl Built {
    fn new(role: &'static str, kids: Vec<Kid>) -> Self {
        Self {
            role,
            attributes: Vec::new(),
            id: None,
            alt: None,
            kids,
        }
    }
}

/// Turns the skeleton and the pieces into built elements.
struct Expander<'a> {
    tags: &'a Tags,
    used_paragraphs: &'a mut Vec<bool>,
    used_notes: &'a mut Vec<bool>,
}

impl Expander<'_> {
    /// A node with its content; `None` for a leaf that drew nothing
    /// (table cells and rows stay, so columns stay aligned).
    fn node(&mut self, node: &Node) -> Option<Built> {
        let mut kids = Vec::new();
        if node.role == "LI" {
            // The bullet of the item's paragraph, as its label.
            let labels: Vec<Kid> = node
                .kids
                .iter()
                .filter_map(|kid| kid.content)
                .filter_map(|index| self.tags.paragraphs.get(index))
                .flatten()
                .filter(|piece| piece.kind == Kind::Label)
                .map(|piece| Kid::Content {
                    page: piece.page,
                    mcid: piece.mcid,
                })
                .collect();
            if !labels.is_empty() {
                kids.push(Kid::Element(Built::new("Lbl", labels)));
            }
        }
        if let Some(index) = node.content {
            kids.extend(self.content(index));
        }
        for kid in &node.kids {
            if let Some(built) = self.node(kid) {
                kids.push(Kid::Element(built));
            }
        }
        let kept = matches!(node.role, "TD" | "TH" | "TR" | "Table");
        if kids.is_empty() && !kept {
            return None;
        }
        Some(Built {
            attributes: node.attributes.clone(),
            ..Built::new(node.role, kids)
        })
    }

    /// The kids made of a paragraph's pieces (its label aside): text,
    /// links, and each footnote call followed by its note.
    fn content(&mut self, index: usize) -> Vec<Kid> {
        if let Some(used) = self.used_paragraphs.get_mut(index) {
            *used = true;
        }
        let pieces = self
            .tags
            .paragraphs
            .get(index)
            .map(Vec::as_slice)
            .unwrap_or_default();
        self.kids(pieces)
    }

    fn kids(&mut self, pieces: &[Piece]) -> Vec<Kid> {
        let mut kids = Vec::new();
        let mut link: Option<(&str, Built)> = None;
        let mut revised: Option<(Revision, String, Built)> = None;
        for piece in pieces {
            let content = Kid::Content {
                page: piece.page,
                mcid: piece.mcid,
            };
            // Inserted or deleted text: a Span that says which.
            if let Kind::Revised { revision, text } = &piece.kind {
                if let Some((_, built)) = link.take() {
                    kids.push(finished_link(built));
                }
                match &mut revised {
                    Some((open, words, built)) if open == revision => {
                        words.push(' ');
                        words.push_str(text);
                        built.kids.push(content);
                    }
                    _ => {
                        if let Some(done) = revised.take() {
                            kids.push(finished_revision(done));
                        }
                        revised =
                            Some((*revision, text.clone(), Built::new("Span", vec![content])));
                    }
                }
                continue;
            }
            if let Some(done) = revised.take() {
                kids.push(finished_revision(done));
            }
            if let Kind::Link {
                url,
                text,
                annotation,
            } = &piece.kind
            {
                let annotation = Kid::Annotation {
                    page: piece.page,
                    index: *annotation,
                    text: text.clone(),
                };
                match &mut link {
                    Some((open, built)) if open == url => {
                        built.kids.push(content);
                        built.kids.push(annotation);
                    }
                    _ => {
                        if let Some((_, built)) = link.take() {
                            kids.push(finished_link(built));
                        }
                        link = Some((url, Built::new("Link", vec![content, annotation])));
                    }
                }
                continue;
            }
            if let Some((_, built)) = link.take() {
                kids.push(finished_link(built));
            }
            match piece.kind {
                Kind::Label => {}
                Kind::Text | Kind::Link { .. } | Kind::Revised { .. } => kids.push(content),
                Kind::Call(note) => {
                    kids.push(Kid::Element(Built::new("Reference", vec![content])));
                    if self.used_notes.get(note).is_some_and(|used| !used) {
                        kids.push(Kid::Element(self.note(note)));
                    }
                }
            }
        }
        if let Some((_, built)) = link.take() {
            kids.push(finished_link(built));
        }
        if let Some(done) = revised.take() {
            kids.push(finished_revision(done));
        }
        kids
    }

    /// A footnote: its number as a label, then its text.
    fn note(&mut self, index: usize) -> Built {
        if let Some(used) = self.used_notes.get_mut(index) {
            *used = true;
        }
        let pieces = self
            .tags
            .notes
            .get(index)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let labels: Vec<Kid> = pieces
            .iter()
            .filter(|piece| piece.kind == Kind::Label)
            .map(|piece| Kid::Content {
                page: piece.page,
                mcid: piece.mcid,
            })
            .collect();
        let mut kids = Vec::new();
        if !labels.is_empty() {
            kids.push(Kid::Element(Built::new("Lbl", labels)));
        }
        kids.extend(self.kids(pieces));
        Built {
            id: Some(format!("note-{}", index + 1)),
            ..Built::new("Note", kids)
        }
    }
}

/// A link whose annotations each describe the whole link: its text, the
/// parts drawn on each line joined (with a space where the line broke at
/// one).
fn finished_link(mut built: Built) -> Kid {
    let mut whole = String::new();
    for kid in &built.kids {
        if let Kid::Annotation { text, .. } = kid {
            let part = text.trim();
            if !whole.is_empty() && !whole.ends_with(['/', '-', '.', '_']) {
                whole.push(' ');
            }
            whole.push_str(part);
        }
    }
    for kid in &mut built.kids {
        if let Kid::Annotation { text, .. } = kid {
            text.clone_from(&whole);
        }
    }
    Kid::Element(built)
}

/// Inserted or deleted text, described for a screen reader as such
/// (« texte supprimé : … »), since colour and strike say it only to the
/// eye.
fn finished_revision((revision, words, built): (Revision, String, Built)) -> Kid {
    let what = match revision {
        Revision::Inserted => "texte ajouté",
        Revision::Deleted => "texte supprimé",
    };
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    Kid::Element(Built {
        alt: Some(format!("{what} : {words}")),
        ..built
    })
}

/// Writes built elements as lopdf objects.
struct Writer<'a> {
    pdf: &'a mut lopdf::Document,
    pages: &'a [ObjectId],
    /// Per page, per MCID: the element holding it.
    parents: Vec<Vec<Option<ObjectId>>>,
    /// Each tagged annotation and its Link element.
    annotations: Vec<(ObjectId, ObjectId)>,
    /// The elements' /ID and the elements.
    ids: Vec<(Vec<u8>, ObjectId)>,
}

impl Writer<'_> {
    /// Writes `built` under `parent`; returns its object.
    fn element(&mut self, built: &Built, parent: ObjectId) -> Result<ObjectId, PdfError> {
        let id = self.pdf.new_object_id();
        let own_page = built.kids.iter().find_map(|kid| match kid {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
            Kid::Element(_) => None,
        });
        let mut kids = Vec::with_capacity(built.kids.len());
        for kid in &built.kids {
            match kid {
                Kid::Element(child) => kids.push(Object::Reference(self.element(child, id)?)),
                Kid::Content { page, mcid } => {
                    if let Some(slot) = self
                        .parents
                        .get_mut(*page)
                        .and_then(|parents| parents.get_mut(usize::try_from(*mcid).ok()?))
                    {
                        *slot = Some(id);
                    }
                    if Some(*page) == own_page {
                        kids.push(Object::Integer(*mcid));
                    } else if let Some(&page_id) = self.pages.get(*page) {
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(page_id)),
                            ("MCID", Object::Integer(*mcid)),
                        ])));
                    }
                }
                Kid::Annotation { page, index, text } => {
                    if let Some((annotation, page_id)) = self.annotation(*page, *index, text)? {
                        self.annotations.push((annotation, id));
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"OBJR".to_vec())),
                            ("Pg", Object::Reference(page_id)),
                            ("Obj", Object::Reference(annotation)),
                        ])));
                    }
                }
            }
        }
        let mut dictionary = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(built.role.as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
            ("K", Object::Array(kids)),
        ]);
        if let Some(page) = own_page.and_then(|page| self.pages.get(page)) {
            dictionary.set("Pg", Object::Reference(*page));
        }
        if !built.attributes.is_empty() {
            dictionary.set(
                "A",
                Dictionary::from_iter(
                    built
                        .attributes
                        .iter()
                        .map(|(key, value)| (*key, Object::Name(value.as_bytes().to_vec()))),
                ),
            );
        }
        if let Some(alt) = &built.alt {
            dictionary.set("Alt", super::pdfa::text_string(alt));
        }
        if let Some(name) = &built.id {
            let name = name.as_bytes().to_vec();
            dictionary.set("ID", Object::String(name.clone(), StringFormat::Literal));
            self.ids.push((name, id));
        }
        self.pdf.objects.insert(id, Object::Dictionary(dictionary));
        Ok(id)
    }

    /// The annotation `index` of `page`, made an object of its own (with
    /// its text as /Contents) if it was written inline; with its page.
    fn annotation(
        &mut self,
        page: usize,
        index: usize,
        text: &str,
    ) -> Result<Option<(ObjectId, ObjectId)>, PdfError> {
        let Some(&page_id) = self.pages.get(page) else {
            return Ok(None);
        };
        let slot = match self
            .pdf
            .get_dictionary(page_id)
            .map_err(structure)?
            .get(b"Annots")
        {
            Ok(Object::Array(annotations)) => annotations.get(index).cloned(),
            _ => None,
        };
        let annotation = match slot {
            Some(Object::Reference(id)) => id,
            Some(Object::Dictionary(mut dictionary)) => {
                dictionary.set("Contents", super::pdfa::text_string(text.trim()));
                let id = self.pdf.add_object(dictionary);
                if let Ok(Object::Array(annotations)) = self
                    .pdf
                    .get_dictionary_mut(page_id)
                    .map_err(structure)?
                    .get_mut(b"Annots")
                    && let Some(entry) = annotations.get_mut(index)
                {
                    *entry = Object::Reference(id);
                }
                id
            }
            _ => return Ok(None),
        };
        Ok(Some((annotation, page_id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Inline, Paragraph, Row, Table};

    fn paragraph(text: &str) -> Paragraph {
        Paragraph::new(vec![Inline::text(text)])
    }

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            text: paragraph(text),
        }
    }

    #[test]
    fn each_paragraph_gets_the_role_of_its_block() {
        let cell = |texts: &[&str]| Cell {
            paragraphs: texts.iter().map(|t| paragraph(t)).collect(),
            ..Cell::default()
        };
        let document = Document {
            blocks: vec![
                Block::Title(paragraph("Convention")),
                heading(2, "Sous-section avant tout article"),
                heading(1, "Article 1"),
                Block::Paragraph(paragraph("Texte.")),
                Block::List(vec![paragraph("un"), paragraph("deux")]),
                Block::Table(Table {
                    widths: vec![1, 1],
                    header_rows: 1,
                    rows: vec![
                        Row::new(vec![cell(&["A"]), cell(&["B"])]),
                        Row::new(vec![cell(&["1", "2"]), cell(&[])]),
                    ],
                    ..Table::default()
                }),
                Block::PageBreak,
                Block::Signatures(vec![vec![paragraph("Pour A")], vec![paragraph("Pour B")]]),
            ],
            ..Document::default()
        };
        let tags = Tags::new(&document);
        assert_eq!(document.paragraphs().count(), tags.roles.len());
        assert_eq!(
            tags.roles,
            [
                "H1", "H2", "H2", "P", "LBody", "LBody", "TH", "TH", "P", "P", "P", "P"
            ]
        );
        assert_eq!(tags.labelled.iter().filter(|l| **l).count(), 2);
        let header = &tags.skeleton[5].kids[0].kids[0];
        assert_eq!(header.attributes, [("O", "Table"), ("Scope", "Column")]);
        let signatures = &tags.skeleton[6];
        assert_eq!((signatures.role, signatures.kids.len()), ("Div", 2));
    }

    #[test]
    fn a_table_without_header_rows_has_its_labels_head_the_rows() {
        let row = |label: &str, value: &str| {
            Row::new(vec![
                Cell {
                    paragraphs: vec![paragraph(label)],
                    ..Cell::default()
                },
                Cell {
                    paragraphs: vec![paragraph(value)],
                    ..Cell::default()
                },
            ])
        };
        let document = Document {
            blocks: vec![Block::Table(Table {
                widths: vec![1, 1],
                rows: vec![row("Centre financier", "0105"), row("Activité", "0105A")],
                ..Table::default()
            })],
            ..Document::default()
        };
        let tags = Tags::new(&document);
        assert_eq!(tags.roles, ["TH", "TD", "TH", "TD"]);
        let label = &tags.skeleton[0].kids[1].kids[0];
        assert_eq!(label.attributes, [("O", "Table"), ("Scope", "Row")]);
    }

    #[test]
    fn mcids_count_per_page_and_labels_come_first() {
        let document = Document {
            blocks: vec![Block::List(vec![paragraph("un")])],
            ..Document::default()
        };
        let mut tags = Tags::new(&document);
        let owner = Owner::Paragraph(0);
        assert!(tags.starts_with_label(owner));
        let mcid = |op: Op| match op {
            Op::BeginMarkedContentWithProperties { tag, properties } => (tag, properties),
            other => panic!("{other:?}"),
        };
        let (tag, properties) = mcid(tags.begin(0, owner, Kind::Label));
        assert_eq!(tag, "Lbl");
        assert_eq!(
            properties,
            DictItem::Dict {
                map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(0))])
            }
        );
        assert!(!tags.starts_with_label(owner));
        assert_eq!(mcid(tags.begin(0, owner, Kind::Text)).0, "LBody");
        let (_, properties) = mcid(tags.begin(1, owner, Kind::Text));
        assert_eq!(
            properties,
            DictItem::Dict {
                map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(0))])
            }
        );
        assert_eq!(tags.mcids, [2, 1]);
        assert!(matches!(
            tags.begin(1, Owner::Artifact, Kind::Text),
            Op::BeginMarkedContent { .. }
        ));
        assert_eq!(tags.mcids, [2, 1]);
    }
}
