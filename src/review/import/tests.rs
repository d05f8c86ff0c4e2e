//! The import on small hand-made DOCX packages: comments and changes in
//! anchors, around them, in several at once; replies; refusals.

use std::io::Write as _;

use chrono::TimeZone as _;

use super::*;
use crate::model::{Article, Field};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";

/// A DOCX package from its parts' XML (the body given without its
/// `w:document` and `w:body`).
#[derive(Default)]
struct Package<'a> {
    body: &'a str,
    comments: Option<&'a str>,
    extended: Option<&'a str>,
    /// Other parts, by name, as they are.
    others: &'a [(&'a str, &'a str)],
    hash: Option<&'a str>,
    modified: Option<&'a str>,
}

impl Package<'_> {
    fn bytes(&self) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut part = |name: &str, text: String| {
            zip.start_file(name, options).expect("a part");
            zip.write_all(text.as_bytes()).expect("written");
        };
        part(
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:w14="{W14}"><w:body>{}</w:body></w:document>"#,
                self.body
            ),
        );
        if let Some(comments) = self.comments {
            part(
                "word/comments.xml",
                format!(r#"<w:comments xmlns:w="{W}" xmlns:w14="{W14}">{comments}</w:comments>"#),
            );
        }
        for (name, text) in self.others {
            part(name, (*text).to_owned());
        }
        if let Some(extended) = self.extended {
            part(
                "word/commentsExtended.xml",
                format!(r#"<w15:commentsEx xmlns:w15="{W15}">{extended}</w15:commentsEx>"#),
            );
        }
        if let Some(hash) = self.hash {
            part(
                "docProps/custom.xml",
                format!(
                    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Version du modèle"><vt:lpwstr>1</vt:lpwstr></property><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="3" name="Empreinte du brouillon"><vt:lpwstr>{hash}</vt:lpwstr></property></Properties>"#
                ),
            );
        }
        if let Some(modified) = self.modified {
            part(
                "docProps/core.xml",
                format!(
                    r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>{modified}</dcterms:modified></cp:coreProperties>"#
                ),
            );
        }
        zip.finish().expect("an archive").into_inner()
    }
}

fn draft() -> Draft {
    crate::model::example()
}

fn hash() -> String {
    crate::document::draft_hash(&draft())
}

const ARTICLE_5: &str = r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Article 5 : Exécution financière de la délégation</w:t></w:r></w:p>"#;

/// A comment `id` by Claire, its paragraphs `texts`.
fn comment(id: u32, date: &str, texts: &[(&str, &str)]) -> String {
    let paragraphs: String = texts
        .iter()
        .map(|(para, text)| {
            format!(r#"<w:p w14:paraId="{para}"><w:r><w:annotationRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p>"#)
        })
        .collect();
    format!(
        r#"<w:comment w:id="{id}" w:author="Claire (MEAE)" w:date="{date}" w:initials="CM">{paragraphs}</w:comment>"#
    )
}

fn import_one(package: &Package<'_>) -> (Draft, ImportSummary) {
    let mut draft = draft();
    let reviewed = read_review(&package.bytes()).expect("readable");
    let summary = import(&mut draft, &reviewed, false).expect("imported");
    (draft, summary)
}

/// 19 May 2024 at this wall-clock time, where the tests run: how a
/// `w:date` reads.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    wall(19, hour, minute)
}

/// 19 May 2024 at this time in UTC: how a real UTC date (Word's
/// `dateUtc`, the file's save date) reads.
fn utc_at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 19, hour, minute, 0)
        .single()
        .expect("a time")
}

/// A day of May 2024 at this wall-clock time, where the tests run.
fn wall(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono::NaiveDate::from_ymd_opt(2024, 5, day)
        .and_then(|day| day.and_hms_opt(hour, minute, 0))
        .and_then(crate::model::date::from_wall_clock)
        .expect("a time")
}

#[test]
fn a_comment_comes_to_the_field_of_its_anchor_with_its_replies() {
    let hash = hash();
    let body = format!(
        r#"{ARTICLE_5}<w:p><w:bookmarkStart w:id="10" w:name="_cv3_budget_uo"/><w:r><w:t xml:space="preserve">L'UO est </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>0105-CRES-DNUM</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:bookmarkEnd w:id="10"/></w:p>"#
    );
    let comments = [
        comment(
            0,
            "2024-05-19T14:30:00Z",
            &[("00000001", "UO à confirmer"), ("00000002", "par le CBCM.")],
        ),
        comment(1, "2024-05-19T15:00:00", &[("00000003", "Confirmée.")]),
        comment(2, "2024-05-19T16:00:00", &[("00000004", "Merci.")]),
    ]
    .concat();
    let extended = r#"<w15:commentEx w15:paraId="00000002" w15:done="0"/><w15:commentEx w15:paraId="00000003" w15:paraIdParent="00000002" w15:done="0"/><w15:commentEx w15:paraId="00000004" w15:paraIdParent="00000003" w15:done="0"/>"#;
    let package = Package {
        body: &body,
        comments: Some(&comments),
        extended: Some(extended),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    assert_eq!(draft.review.comments.len(), 1, "replies are not comments");
    let imported = &draft.review.comments[0];
    assert_eq!(imported.about, Subject::Field(Field::Uo.path()));
    assert_eq!(imported.author, "Claire (MEAE)");
    assert_eq!(imported.date, at(14, 30));
    assert_eq!(imported.text, "UO à confirmer\npar le CBCM.");
    assert!(!imported.resolved);
    let replies: Vec<(&str, DateTime<Utc>)> = imported
        .replies
        .iter()
        .map(|r| (r.text.as_str(), r.date))
        .collect();
    assert_eq!(replies, [("Confirmée.", at(15, 0)), ("Merci.", at(16, 0))]);
    assert_eq!(summary.comments, 1);
    assert_eq!(summary.places, vec![(Field::Uo.path().label_in(&draft), 1)]);
}

/// A paragraph showing the délégant's representative: two anchors around
/// the same words, as the export writes a paragraph rendered from two
/// fields.
const REPRESENTATIVE: &str = r#"<w:p><w:bookmarkStart w:id="20" w:name="_cv4_delegant_representative_name"/><w:bookmarkStart w:id="21" w:name="_cv5_delegant_representative_title"/><w:r><w:t xml:space="preserve">représenté par M. Fabien FIESCHI, </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>Directeur du numérique</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:bookmarkEnd w:id="21"/><w:bookmarkEnd w:id="20"/></w:p>"#;

#[test]
fn of_several_fields_the_one_holding_the_commented_words_is_chosen() {
    let hash = hash();
    let comments = comment(0, "2024-05-19T14:30:00Z", &[("1", "Directeur général ?")]);
    let package = Package {
        body: REPRESENTATIVE,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, _) = import_one(&package);
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::DelegantRepresentativeTitle.path())
    );
    // Words no field holds: the innermost anchor, the first of those
    // opened at the same place.
    let other = REPRESENTATIVE.replace("FIESCHI, ", "FIESCHI, le ");
    let other = other.replace(
        r#"<w:commentRangeStart w:id="0"/><w:r><w:t>Directeur du numérique</w:t></w:r>"#,
        r#"<w:r><w:t>Directeur du numérique</w:t></w:r><w:commentRangeStart w:id="0"/>"#,
    );
    let package = Package {
        body: &other,
        ..package
    };
    let (draft, _) = import_one(&package);
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::DelegantRepresentativeName.path())
    );
}

#[test]
fn outside_anchors_a_comment_goes_to_the_article_of_the_heading_before_it() {
    let hash = hash();
    let body = format!(
        r#"<w:p><w:r><w:t>Convention</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>de délégation</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>{ARTICLE_5}<w:p><w:r><w:t>Les crédits sont délégués.</w:t><w:commentReference w:id="1"/></w:r></w:p>"#
    );
    let comments = [
        comment(0, "2024-05-19T14:30:00Z", &[("1", "Titre trop long")]),
        comment(1, "2024-05-19T14:31:00Z", &[("2", "Quels crédits ?")]),
    ]
    .concat();
    let package = Package {
        body: &body,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    let about: Vec<Subject> = draft.review.comments.iter().map(|c| c.about).collect();
    assert_eq!(
        about,
        [Subject::Document, Subject::Article(Article::Numbered(5))]
    );
    assert_eq!(
        summary.french(),
        "2 commentaires importés : 1 sur l'ensemble du brouillon, 1 sur « Article 5 »."
    );
}

#[test]
fn a_range_opened_before_the_anchor_takes_the_anchor_inside_it() {
    let hash = hash();
    let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:bookmarkStart w:id="1" w:name="_cv9_end_date"/><w:r><w:t>31 décembre 2022</w:t></w:r><w:bookmarkEnd w:id="1"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let comments = comment(0, "2024-05-19T14:30:00Z", &[("1", "Prolonger ?")]);
    let package = Package {
        body,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, _) = import_one(&package);
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::EndDate.path())
    );
}

#[test]
fn a_tracked_change_becomes_a_proposal_never_applied() {
    let hash = hash();
    let body = r#"<w:p><w:bookmarkStart w:id="20" w:name="_cv4_delegant_representative_name"/><w:bookmarkStart w:id="21" w:name="_cv5_delegant_representative_title"/><w:r><w:t xml:space="preserve">représenté par M. Fabien FIESCHI, Directeur </w:t></w:r><w:del w:id="5" w:author="Paul (CBCM)" w:date="2024-05-20T09:15:00Z"><w:r><w:delText>du numérique</w:delText></w:r></w:del><w:ins w:id="6" w:author="Paul (CBCM)" w:date="2024-05-20T09:15:00Z"><w:r><w:t>général de l'administration</w:t></w:r></w:ins><w:bookmarkEnd w:id="21"/><w:bookmarkEnd w:id="20"/></w:p>"#;
    let package = Package {
        body,
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    assert_eq!(draft.review.comments.len(), 1);
    let proposal = &draft.review.comments[0];
    assert_eq!(
        proposal.text,
        "Proposition : « représenté par M. Fabien FIESCHI, Directeur du numérique » → « représenté par M. Fabien FIESCHI, Directeur général de l'administration »"
    );
    assert_eq!(
        proposal.about,
        Subject::Field(Field::DelegantRepresentativeTitle.path())
    );
    assert_eq!(proposal.author, "Paul (CBCM)");
    assert_eq!(proposal.date, wall(20, 9, 15));
    assert_eq!(
        draft.delegant.representative.title, "Directeur du numérique",
        "never applied"
    );
    assert_eq!((summary.comments, summary.proposals), (0, 1));
}

#[test]
fn in_a_long_paragraph_a_proposal_shows_the_words_around_the_change() {
    let hash = hash();
    let body = r#"<w:p><w:bookmarkStart w:id="1" w:name="_cv2_object_purpose"/><w:r><w:t xml:space="preserve">La présente convention a pour objet de confier à la DINUM la gestion des crédits nécessaires au financement </w:t></w:r><w:ins w:author="Paul" w:date="2024-05-20T09:15:00Z"><w:r><w:t xml:space="preserve">intégral </w:t></w:r></w:ins><w:r><w:t xml:space="preserve">de la Startup d'État chargée de concevoir le service numérique des consulats et de le mettre en ligne avant la fin de l'année.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>"#;
    let package = Package {
        body,
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, _) = import_one(&package);
    assert_eq!(
        draft.review.comments[0].text,
        "Proposition : « … gestion des crédits nécessaires au financement de la Startup d'État chargée de… » → « … gestion des crédits nécessaires au financement intégral de la Startup d'État chargée de… »"
    );
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::Purpose.path())
    );
}

#[test]
fn importing_twice_adds_nothing_but_later_replies() {
    let hash = hash();
    let first = comment(0, "2024-05-19T14:30:00Z", &[("00000001", "UO ?")]);
    let body = r#"<w:p><w:bookmarkStart w:id="10" w:name="_cv3_budget_uo"/><w:commentRangeStart w:id="0"/><w:r><w:t>0105-CRES-DNUM</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:del w:author="Paul" w:date="2024-05-20T09:15:00Z"><w:r><w:delText>-DNUM</w:delText></w:r></w:del><w:bookmarkEnd w:id="10"/></w:p>"#;
    let package = Package {
        body,
        comments: Some(&first),
        hash: Some(&hash),
        ..Package::default()
    };
    let mut draft = draft();
    let reviewed = read_review(&package.bytes()).expect("readable");
    let summary = import(&mut draft, &reviewed, false).expect("imported");
    assert_eq!((summary.comments, summary.proposals), (1, 1));
    let once = draft.clone();
    let again = import(&mut draft, &reviewed, false).expect("imported again");
    assert_eq!(draft, once);
    assert_eq!((again.comments, again.proposals, again.already), (0, 0, 2));
    assert!(!again.changed());

    let answered = [
        first.clone(),
        comment(1, "2024-05-21T08:00:00Z", &[("00000002", "Oui.")]),
    ]
    .concat();
    let extended = r#"<w15:commentEx w15:paraId="00000002" w15:paraIdParent="00000001"/>"#;
    let later = Package {
        comments: Some(&answered),
        extended: Some(extended),
        ..package
    };
    let reviewed = read_review(&later.bytes()).expect("readable");
    let summary = import(&mut draft, &reviewed, false).expect("imported");
    assert_eq!((summary.comments, summary.replies), (0, 1));
    assert_eq!(draft.review.comments.len(), 2);
    assert_eq!(draft.review.comments[0].replies.len(), 1);
    assert!(summary.french().contains("1 réponse ajoutée"));
}

#[test]
fn a_docx_of_another_draft_or_not_ours_is_refused_unless_forced() {
    let comments = comment(0, "2024-05-19T14:30:00Z", &[("1", "?")]);
    let body = r#"<w:p><w:r><w:t>x</w:t><w:commentReference w:id="0"/></w:r></w:p>"#;
    for in_file in [Some("0123456789ab"), None] {
        let package = Package {
            body,
            comments: Some(&comments),
            hash: in_file,
            ..Package::default()
        };
        let reviewed = read_review(&package.bytes()).expect("readable");
        let mut draft = draft();
        let error = import(&mut draft, &reviewed, false).expect_err("refused");
        assert!(error.is_refusal());
        assert!(draft.review.is_empty());
        let message = error.to_string();
        match in_file {
            Some(found) => {
                assert!(
                    message.contains(found) && message.contains(&hash()),
                    "{message}"
                )
            }
            None => assert!(message.contains("Empreinte du brouillon"), "{message}"),
        }
        let summary = import(&mut draft, &reviewed, true).expect("forced");
        assert!(summary.forced && summary.comments == 1);
        assert!(summary.french().starts_with("Attention"));
    }
}

#[test]
fn what_is_not_a_docx_says_so() {
    assert!(matches!(
        read_review(b"{\"format_version\": 2}"),
        Err(ImportError::NotDocx(_))
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .expect("a part");
    let odt = zip.finish().expect("an archive").into_inner();
    assert!(matches!(read_review(&odt), Err(ImportError::NotDocx(_))));
    let broken = Package {
        body: "<w:p>",
        ..Package::default()
    };
    let error = read_review(&broken.bytes()).expect_err("malformed");
    assert!(error.to_string().contains("word/document.xml"), "{error}");
    assert!(!error.is_refusal());
}

#[test]
fn undated_remarks_take_the_date_the_file_was_saved() {
    let hash = hash();
    let comments = r#"<w:comment w:id="0" w:author="Claire"><w:p><w:r><w:t>Sans date</w:t></w:r></w:p></w:comment>"#;
    let body = r#"<w:p><w:bookmarkStart w:id="1" w:name="_cv1_title"/><w:r><w:t>Convention</w:t><w:commentReference w:id="0"/></w:r><w:bookmarkEnd w:id="1"/></w:p>"#;
    let package = Package {
        body,
        comments: Some(comments),
        hash: Some(&hash),
        modified: Some("2024-05-19T14:30:00Z"),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    assert_eq!(draft.review.comments[0].date, utc_at(14, 30));
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::Title.path())
    );
    assert!(
        summary
            .french()
            .contains("1 remarque ou réponse sans date reçoit la date de l'enregistrement du DOCX : le 19/05/2024 à 14:30 UTC."),
        "{}",
        summary.french()
    );
    // Without a saved date, the date of the import; a second import still
    // finds it there.
    let package = Package {
        modified: None,
        ..package
    };
    let mut draft = self::draft();
    let reviewed = read_review(&package.bytes()).expect("readable");
    import(&mut draft, &reviewed, false).expect("imported");
    let again = import(&mut draft, &reviewed, false).expect("imported");
    assert_eq!((again.comments, again.already), (0, 1));
    assert_eq!(draft.review.comments.len(), 1);
}

#[test]
fn a_change_the_draft_already_has_is_not_proposed() {
    let hash = hash();
    // A redline's change: the draft already says « du numérique ».
    let body = r#"<w:p><w:bookmarkStart w:id="21" w:name="_cv5_delegant_representative_title"/><w:r><w:t xml:space="preserve">Directeur </w:t></w:r><w:del w:author="Convention" w:date="2024-05-20T09:15:00Z"><w:r><w:delText>général</w:delText></w:r></w:del><w:ins w:author="Convention" w:date="2024-05-20T09:15:00Z"><w:r><w:t>du numérique</w:t></w:r></w:ins><w:bookmarkEnd w:id="21"/></w:p><w:p><w:bookmarkStart w:id="22" w:name="_cv6_object_purpose"/><w:r><w:t xml:space="preserve">recourir à des prestations </w:t></w:r><w:ins w:author="Claire" w:date="2024-05-20T09:15:00Z"><w:r><w:t xml:space="preserve">à </w:t></w:r></w:ins><w:r><w:t>de coaching</w:t></w:r><w:bookmarkEnd w:id="22"/></w:p>"#;
    let package = Package {
        body,
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    // The second inserts a word the purpose has elsewhere, not there: a
    // reviewer's.
    assert_eq!((summary.proposals, summary.made), (1, 1));
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::Purpose.path())
    );
    assert!(
        summary
            .french()
            .contains("1 modification suivie que le brouillon contient déjà")
    );
}

#[test]
fn word_s_utc_dates_are_preferred_and_done_comments_resolve() {
    let hash = hash();
    let body = r#"<w:p><w:bookmarkStart w:id="1" w:name="_cv1_title"/><w:r><w:t>Convention</w:t><w:commentReference w:id="0"/></w:r><w:bookmarkEnd w:id="1"/></w:p>"#;
    // Word wrote its local time (16:30, Paris) with a Z it does not
    // mean; commentsExtensible.xml has the real UTC time.
    let comments = comment(0, "2024-05-19T16:30:00Z", &[("0000000A", "Titre ?")]);
    let ids = r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="0000000A" w16cid:durableId="7F000001"/></w16cid:commentsIds>"#;
    let extensible = r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="7F000001" w16cex:dateUtc="2024-05-19T14:30:00Z"/></w16cex:commentsExtensible>"#;
    let open = r#"<w15:commentEx w15:paraId="0000000A" w15:done="0"/>"#;
    let package = Package {
        body,
        comments: Some(&comments),
        extended: Some(open),
        others: &[
            ("word/commentsIds.xml", ids),
            ("word/commentsExtensible.xml", extensible),
        ],
        hash: Some(&hash),
        ..Package::default()
    };
    let mut draft = draft();
    let reviewed = read_review(&package.bytes()).expect("readable");
    import(&mut draft, &reviewed, false).expect("imported");
    assert_eq!(draft.review.comments[0].date, utc_at(14, 30));
    assert!(!draft.review.comments[0].resolved);

    // The reviewer marks it done: the draft's comment is resolved.
    let done = Package {
        extended: Some(r#"<w15:commentEx w15:paraId="0000000A" w15:done="1"/>"#),
        ..package
    };
    let reviewed = read_review(&done.bytes()).expect("readable");
    let summary = import(&mut draft, &reviewed, false).expect("imported");
    assert_eq!(draft.review.comments.len(), 1);
    assert!(draft.review.comments[0].resolved);
    assert_eq!(summary.resolved, 1);
    assert!(summary.changed());
    assert!(
        summary
            .french()
            .contains("1 commentaire marqué résolu dans le DOCX"),
        "{}",
        summary.french()
    );
}

#[test]
fn a_comment_or_an_insertion_in_an_empty_cell_goes_to_the_cell_s_field() {
    // An empty cell's bookmark closes where it opens; python-docx, Word
    // and LibreOffice put the comment after it.
    let hash = hash();
    let body = r#"<w:tbl><w:tr><w:tc><w:p><w:bookmarkStart w:id="1" w:name="_cv1_rgpd_matrix_10_topic"/><w:r><w:t>Territorialité</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p></w:tc><w:tc><w:p><w:bookmarkStart w:id="2" w:name="_cv2_rgpd_matrix_10_delegant"/><w:bookmarkEnd w:id="2"/><w:commentRangeStart w:id="0"/><w:r/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p></w:tc><w:tc><w:p><w:bookmarkStart w:id="3" w:name="_cv3_rgpd_matrix_11_delegant"/><w:bookmarkEnd w:id="3"/><w:ins w:id="7" w:author="Claire (MEAE)" w:date="2024-05-19T14:40:00Z"><w:r><w:t>Sans objet</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>"#;
    let comments = comment(
        0,
        "2024-05-19T14:30:00Z",
        &[("00000001", "Hébergement en France.")],
    );
    let package = Package {
        body,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, summary) = import_one(&package);
    let cell = |anchor: &str| Subject::Field(FieldPath::from_anchor(anchor).expect("an anchor"));
    let abouts: Vec<(&Subject, &str)> = draft
        .review
        .comments
        .iter()
        .map(|c| (&c.about, c.text.as_str()))
        .collect();
    assert_eq!(
        abouts,
        [
            (
                &cell("_cv2_rgpd_matrix_10_delegant"),
                "Hébergement en France."
            ),
            (
                &cell("_cv3_rgpd_matrix_11_delegant"),
                "Proposition : (rien) → « Sans objet »"
            ),
        ]
    );
    assert_eq!((summary.comments, summary.proposals), (1, 1));
}

#[test]
fn a_docx_saved_by_libreoffice_keeps_its_comments_on_their_fields() {
    // LibreOffice 7.4 writes a paragraph's bookmarks in another order, and
    // may leave an empty cell's bookmark without its end: a comment is on
    // the field the export named first, and an anchor left open does not
    // claim the comments of the paragraphs after it.
    let hash = hash();
    let body = format!(
        r#"<w:p><w:bookmarkStart w:id="8" w:name="_cv10_delegataire_short_name"/><w:bookmarkStart w:id="9" w:name="_cv9_delegataire_name"/><w:commentRangeStart w:id="0"/><w:r><w:t>Direction Interministérielle du Numérique (DINUM)</w:t></w:r><w:bookmarkEnd w:id="8"/><w:bookmarkEnd w:id="9"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r/><w:bookmarkStart w:id="57" w:name="_cv58_chorus_axe_ministeriel_1"/><w:bookmarkStart w:id="58" w:name="_cv58_chorus_axe_ministeriel_1"/><w:bookmarkEnd w:id="58"/></w:p></w:tc></w:tr></w:tbl>{ARTICLE_5}<w:p><w:r><w:t>Les crédits sont délégués.</w:t><w:commentReference w:id="1"/></w:r></w:p>"#
    );
    let comments = [
        comment(
            0,
            "2024-05-19T14:30:00Z",
            &[("1", "Minuscule à « interministérielle ».")],
        ),
        comment(1, "2024-05-19T14:31:00Z", &[("2", "Quels crédits ?")]),
    ]
    .concat();
    let package = Package {
        body: &body,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, _) = import_one(&package);
    let about: Vec<Subject> = draft.review.comments.iter().map(|c| c.about).collect();
    assert_eq!(
        about,
        [
            Subject::Field(Field::DelegataireName.path()),
            Subject::Article(Article::Numbered(5))
        ]
    );
}

#[test]
fn a_comment_over_a_whole_row_is_about_the_row() {
    let hash = hash();
    let cell = |id: u32, anchor: &str, text: &str, inside: &str| {
        format!(
            r#"<w:tc><w:p><w:bookmarkStart w:id="{id}" w:name="{anchor}"/>{inside}<w:r><w:t>{text}</w:t></w:r><w:bookmarkEnd w:id="{id}"/></w:p></w:tc>"#
        )
    };
    let body = format!(
        r#"{ARTICLE_5}<w:tbl><w:tr>{}{}{}</w:tr></w:tbl>"#,
        cell(
            1,
            "_cv1_budget_schedule_0_year",
            "2022",
            r#"<w:commentRangeStart w:id="0"/>"#
        ),
        cell(2, "_cv2_budget_schedule_0_ae", "30 000 €", ""),
        cell(
            3,
            "_cv3_budget_schedule_0_cp",
            "30 000 €",
            r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#
        ),
    );
    let comments = comment(
        0,
        "2024-05-19T14:30:00Z",
        &[("00000001", "Ligne à revoir.")],
    );
    let package = Package {
        body: &body,
        comments: Some(&comments),
        hash: Some(&hash),
        ..Package::default()
    };
    let (draft, _) = import_one(&package);
    assert_eq!(
        draft.review.comments[0].about,
        Subject::Field(Field::ScheduleRow.at(0))
    );
}

/// A hostile file is refused quickly, in French, naming the part and the
/// place: never a crash, a hang or an English message.
mod hostile {
    use super::*;

    fn refused(package: &Package<'_>) -> String {
        let start = std::time::Instant::now();
        let error = read_review(&package.bytes()).expect_err("refused");
        // A guard against a hang, not a speed target: refusals take
        // milliseconds, a shared machine may be loaded.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{:?}",
            start.elapsed()
        );
        assert!(!error.is_refusal());
        error.to_string()
    }

    #[test]
    fn elements_nested_without_end_are_refused_not_walked() {
        let depth = 50_000;
        let body = format!("{}{}", "<w:sdt>".repeat(depth), "</w:sdt>".repeat(depth));
        let error = refused(&Package {
            body: &body,
            ..Package::default()
        });
        assert!(
            error.contains("word/document.xml") && error.contains("imbriqués sur plus de 256"),
            "{error}"
        );
        assert!(error.contains("ligne 1, colonne"), "{error}");
        // A body nested as deep as a real one is read.
        let body = format!("{}{}", "<w:sdt>".repeat(100), "</w:sdt>".repeat(100));
        assert!(
            read_review(
                &Package {
                    body: &body,
                    ..Package::default()
                }
                .bytes()
            )
            .is_ok()
        );
    }

    #[test]
    fn a_dtd_or_broken_xml_is_refused_in_french() {
        let laughs = r#"<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:comment></w:comments>"#;
        let error = refused(&Package {
            others: &[("word/comments.xml", laughs)],
            ..Package::default()
        });
        assert!(
            error.contains("word/comments.xml") && error.contains("déclare une DTD"),
            "{error}"
        );
        let error = refused(&Package {
            body: "<w:p><w:r><w:t>&#x1b;</w:t></w:r></w:p>",
            ..Package::default()
        });
        assert!(
            error.contains("référence d'entité ou de caractère invalide (ligne 1, colonne"),
            "{error}"
        );
        let error = refused(&Package {
            body: "<w:p></w:r>",
            ..Package::default()
        });
        assert!(error.contains("balise fermante"), "{error}");
    }

    #[test]
    fn a_broken_archive_is_said_in_french() {
        let bytes = Package {
            body: &"<w:p><w:r><w:t>du texte</w:t></w:r></w:p>".repeat(200),
            ..Package::default()
        }
        .bytes();
        let truncated = read_review(&bytes[..bytes.len() / 2]).expect_err("truncated");
        assert_eq!(
            truncated.to_string(),
            "ce n'est pas un fichier DOCX : archive ZIP illisible ou tronquée"
        );
        // Compressed data damaged in the middle of the body.
        let mut damaged = bytes.clone();
        let middle = 30 + "word/document.xml".len() + 20;
        for byte in &mut damaged[middle..middle + 8] {
            *byte ^= 0xff;
        }
        let error = read_review(&damaged).expect_err("damaged").to_string();
        assert!(
            error.starts_with("la partie word/document.xml du DOCX est illisible : "),
            "{error}"
        );
        assert!(
            !error.contains("invalid") && !error.contains("Invalid") && !error.contains("stream"),
            "{error}"
        );
    }

    #[test]
    fn an_anchor_on_a_row_the_draft_lacks_goes_to_its_list() {
        let hash = hash();
        let body = format!(
            r#"{ARTICLE_5}<w:p><w:bookmarkStart w:id="10" w:name="_cv1_budget_schedule_99999_cp"/><w:bookmarkStart w:id="11" w:name="_cv2_budget_schedule_1_garbage"/><w:commentRangeStart w:id="0"/><w:r><w:t>30 000</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#
        );
        let comments = comment(0, "2024-05-19T14:30:00Z", &[("00000001", "Ligne ?")]);
        let (draft, summary) = import_one(&Package {
            body: &body,
            comments: Some(&comments),
            hash: Some(&hash),
            ..Package::default()
        });
        assert_eq!(draft.budget.schedule.len(), 2);
        assert_eq!(
            draft.review.comments[0].about,
            Subject::Field(Field::Schedule.path())
        );
        assert_eq!(summary.comments, 1);
    }

    #[test]
    fn as_many_comments_as_allowed_import_in_seconds() {
        let hash = hash();
        let comments: String = (0..REMARK_LIMIT)
            .map(|id| {
                comment(
                    id as u32,
                    "2024-05-19T14:30:00Z",
                    &[("", &format!("r{id}"))],
                )
            })
            .collect();
        let bytes = Package {
            body: "<w:p/>",
            comments: Some(&comments),
            hash: Some(&hash),
            ..Package::default()
        }
        .bytes();
        let mut draft = draft();
        for id in 0..REMARK_LIMIT {
            draft
                .review
                .add_comment(Subject::Document, "Paul", at(9, 0), &format!("déjà {id}"));
        }
        let start = std::time::Instant::now();
        let reviewed = read_review(&bytes).expect("read");
        let summary = import(&mut draft, &reviewed, false).expect("imported");
        // A guard against minutes, not a speed target (the machine may be
        // loaded): 3 s in a debug build; far longer when the draft's
        // comments were made anew as exported once a remark of the file.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(summary.comments, REMARK_LIMIT);
    }

    #[test]
    fn more_comments_than_a_review_makes_are_refused() {
        let comments: String = (0..=REMARK_LIMIT)
            .map(|id| {
                format!(r#"<w:comment w:id="{id}"><w:p><w:r><w:t>r</w:t></w:r></w:p></w:comment>"#)
            })
            .collect();
        let error = refused(&Package {
            comments: Some(&comments),
            ..Package::default()
        });
        assert!(error.contains("plus de 5000 remarques"), "{error}");
    }

    #[test]
    fn a_paragraph_of_many_tracked_changes_is_read_once() {
        let changes: String = (0..3 * REMARK_LIMIT)
            .map(|id| format!(r#"<w:ins w:id="{id}" w:author="X"><w:r><w:t>a</w:t></w:r></w:ins><w:r><w:t> b </w:t></w:r>"#))
            .collect();
        let body = format!("<w:p>{changes}</w:p>");
        let error = refused(&Package {
            body: &body,
            ..Package::default()
        });
        assert!(error.contains("plus de 5000 remarques"), "{error}");
        // Under the limit, each is a proposal with the words around it.
        let changes: String = (0..300)
            .map(|id| format!(r#"<w:ins w:id="{id}" w:author="X"><w:r><w:t>a{id}</w:t></w:r></w:ins><w:r><w:t> b </w:t></w:r>"#))
            .collect();
        let body = format!("<w:p>{changes}</w:p>");
        let reviewed = read_review(
            &Package {
                body: &body,
                ..Package::default()
            }
            .bytes(),
        )
        .expect("read");
        assert_eq!(reviewed.remarks.len(), 300);
        assert_eq!(
            reviewed.remarks[1].text,
            "Proposition : « b b b b b b b… » → « b a1 b b b b b b… »"
        );
    }

    #[test]
    fn ranges_that_never_close_hold_a_bounded_quote() {
        let comments: String = (0..2_000)
            .map(|id| {
                format!(
                    r#"<w:comment w:id="{id}"><w:p><w:r><w:t>r{id}</w:t></w:r></w:p></w:comment>"#
                )
            })
            .collect();
        let starts: String = (0..2_000)
            .map(|id| format!(r#"<w:commentRangeStart w:id="{id}"/>"#))
            .collect();
        let text = "mot ".repeat(20_000);
        let body = format!(
            r#"<w:p>{starts}<w:r><w:t>{text}</w:t></w:r></w:p><w:p><w:commentRangeStart w:id="9999"/></w:p>"#
        );
        let reviewed = read_review(
            &Package {
                body: &body,
                comments: Some(&comments),
                ..Package::default()
            }
            .bytes(),
        )
        .expect("read");
        assert_eq!(reviewed.remarks.len(), 2_000);
        assert!(
            reviewed
                .remarks
                .iter()
                .all(|remark| remark.place.quoted.len() <= 4096)
        );
    }
}
