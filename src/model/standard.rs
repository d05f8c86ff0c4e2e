//! The standard content of a convention: what every new draft starts from
//! and what « reset » restores.

use super::{Commitment, Party, Representative, RgpdRow};

/// The document's title.
pub fn title() -> String {
    "Convention de délégation de gestion".to_owned()
}

/// The notice of Article 7, in months.
pub fn notice_months() -> u32 {
    3
}

/// The DINUM, délégataire of every convention this program drafts. Its
/// representative changes over time, so it is left for the user to fill.
pub fn dinum() -> Party {
    Party {
        name: "Direction Interministérielle du Numérique".to_owned(),
        short_name: "DINUM".to_owned(),
        address: "20 avenue de Ségur – TSA 30 719 75 334 PARIS CEDEX 07".to_owned(),
        gender: None,
        representative: Representative::default(),
    }
}

/// The usual visas: the décret on delegations of management with the décret
/// on public budget management, and the décret founding the DINUM, each
/// cited with « n° » and titled as the Journal officiel writes it.
pub fn visas() -> Vec<String> {
    vec![
        "le décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État et le décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique".to_owned(),
        "le décret n° 2019-1088 du 25 octobre 2019 relatif au système d'information et de communication de l'État et à la direction interministérielle du numérique et notamment son article 6".to_owned(),
    ]
}

/// The « autres engagements » of Article 2, as beta.gouv asks of every
/// partner.
pub fn commitments() -> Vec<Commitment> {
    vec![
        Commitment::new(
            "créer et mettre à jour une fiche produit à chaque nouveau produit sur le site beta.gouv.fr",
            "",
        ),
        Commitment::new(
            "publier les codes sources en open source conformément aux orientations de la circulaire du Premier ministre 5608/SG du 19 septembre 2012 relative aux orientations pour l'usage des logiciels libres dans l'administration",
            "",
        ),
        Commitment::new(
            "accorder une vigilance particulière par l'ensemble des parties prenantes au respect des règles de protection des données à caractère personnel",
            "",
        ),
        Commitment::new(
            "mesurer et diffuser l'impact des services développés par l'intermédiaire d'une page internet présentant les statistiques du service",
            "",
        ),
        Commitment::new(
            "organiser régulièrement des ateliers d'analyses de risques en suivant la démarche recommandée par la DINUM et l'ANSSI",
            "https://www.ssi.gouv.fr/uploads/2018/11/guide-securite-numerique-agile-anssi-pa-v1.pdf",
        ),
        Commitment::new(
            "pour les services nécessitant d'authentifier des usagers, prévoir l'intégration de France Connect",
            "https://franceconnect.gouv.fr/partenaires/",
        ),
        Commitment::new(
            "suivre les recommandations de l'observatoire de la qualité des démarches en ligne telles que décrites sur https://observatoire.numerique.gouv.fr/ ; pour les démarches en ligne, prévoir l'intégration du bouton « Je Donne Mon Avis »",
            "https://observatoire.numerique.gouv.fr/Aide/Int%C3%A9gration%20du%20bouton%20MonAvis",
        ),
    ]
}

/// The RGPD responsibility matrix of Annexe 1 as the DINUM proposes it,
/// cell by cell as the reference convention writes it, with its
/// paragraphs, its two bullets and its italics, the sentences it ran
/// together parted (« homologation RGS. Partage… »), and the délégant's
/// « Territorialité », empty there, filled. Cells are in the light markup
/// of `markup::escape_rich`: a blank line parts paragraphs, `*…*` is
/// italic. The reference's asterisks called no note: they are left out.
pub fn rgpd_matrix() -> Vec<RgpdRow> {
    vec![
        RgpdRow::new(
            "Respect de la vie privée (DPD, registre et conformité générale)",
            "Obligation de transparence et de traçabilité et mise en œuvre des principes de *privacy by design*",
            "Mise en œuvre du cadre juridique en vigueur et notamment les textes, la désignation du DPD, la tenue du registre des traitements. Obligation de transparence et de traçabilité et instructions pour la mise en œuvre des principes de *privacy by design*",
        ),
        RgpdRow::new(
            "Données traitées dans le cadre du téléservice",
            "Mise en œuvre du traitement pour les seules finalités, destinataires, durées de conservation... fixés par le partenaire",
            "Détermination des finalités, destinataires, durées de conservation... Fourniture des données nécessaires à la réalisation du traitement",
        ),
        RgpdRow::new(
            "Sécurité du traitement et confidentialité (organisationnel)",
            "Obligation de confidentialité des agents et sous-traitants. Assurer que seuls les agents habilités ont accès aux données traitées. Mise en œuvre des mesures de sécurité déterminées par le partenaire",
            "Analyse de risques et détermination de mesures à prendre pour les couvrir ou les atténuer. Obligation de confidentialité des agents et sous-traitants. Assurer que seuls les agents habilités ont accès aux données traitées.",
        ),
        RgpdRow::new(
            "Violation de données",
            "Obligation d'alerte, d'assistance et de conseil, sans délai :\n\n● Notification de toute violation de données selon la procédure définie par le responsable de traitement.\n\n● Mise en œuvre de toute mesure garantissant un niveau de sécurité adapté aux risques.",
            "Définition de la procédure de notification en cas de violation de données. Obligation de tenir le registre des incidents de sécurité. Obligation d'information (de la CNIL et, le cas échéant, des personnes concernées) pour toute compromission détectée (agent, sous-traitant, réseau)",
        ),
        RgpdRow::new(
            "Sécurité des systèmes d'information",
            "Mise en œuvre des mesures de sécurité nécessaires susceptibles de garantir la confidentialité du traitement et l'intégrité des données traitées, y compris auprès de ses sous-traitants (anonymisation, hébergement, gestion des habilitations...)",
            "Analyse de risque et homologation RGS. Partage des pratiques mises en œuvre habituellement dans la direction. Participation à l'analyse de risque et homologation RGS [Garantie que les mêmes mesures de sécurité sont mises en œuvre en interne (accès aux données, export...) par la direction ou ses sous-traitants.]",
        ),
        RgpdRow::new(
            "Droits des personnes",
            "Accompagnement à la formalisation de l'exercice des droits.\n\nMettre en œuvre le devoir d'information et les droits des personnes selon les modalités prévues par le responsable de traitement.",
            "Devoir d'information des personnes concernées\n\nFixation du cadre applicable (nature des droits, exception au cadre général de la protection des données) ;\n\nDéterminer les modalités d'exercice des droits.",
        ),
        RgpdRow::new(
            "Transfert (ou arrêt) de la start-up",
            "Le cas échéant, transfert des données au partenaire et, de façon générale, suppression de l'ensemble des données transférées et destruction des copies",
            "Assurer en interne tout le volet sécurité du SI si transfert de la start-up au responsable de traitement.",
        ),
        RgpdRow::new(
            "Sous-traitance",
            "Information préalable des sous-traitants mobilisés par la DINUM dans le cadre du projet. Engagement de confidentialité\n\nVeiller à ce que les sous-traitants soient sensibilisés à la protection des données.",
            "Information préalable des sous-traitants mobilisés par le responsable de traitement dans le cadre du projet. Engagement de confidentialité\n\nVeiller à ce que les sous-traitants soient sensibles à la protection des données.",
        ),
        RgpdRow::new(
            "Travaux de conformité (mentions d'information, analyse d'impact, mentions légales et CGU)",
            "Fournit l'ensemble des informations nécessaires à la réalisation de la documentation.",
            "Rédaction de l'ensemble de la documentation.\n\nDemande d'avis à la DINUM avant la publication de tout texte juridique relatif au traitement",
        ),
        RgpdRow::new(
            "Audits",
            "Se rendre disponible aux sollicitations des auditeurs.\n\nProposer des mesures de contingences, indiquer la faisabilité et les prioriser.",
            "Supervision du traitement et réalisation des audits nécessaires (RGS, RGAA, ...)",
        ),
        RgpdRow::new(
            "Territorialité",
            "Engagement à traiter les données à caractère personnel sur le territoire national ou européen.",
            "Sans objet.",
        ),
        RgpdRow::new(
            "RH",
            "Mobilisation des personnels susceptibles de participer à la bonne sécurisation du projet.",
            "Mobilisation des personnels susceptibles de participer à la bonne sécurisation du projet.",
        ),
    ]
}
