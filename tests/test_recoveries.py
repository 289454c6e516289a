"""Every damage-recovery rule on its own: what it repairs and the warning kind it reports."""

from __future__ import annotations

import agendaparse
from agendaparse.model import Agenda, AgendaItem, FurnitureKind


def kinds(agenda: Agenda) -> set[str]:
    return {d.kind for d in agenda.diagnostics}


def items(agenda: Agenda) -> list[tuple[str | None, str, list[tuple[str | None, str]]]]:
    out = []
    for entry in agenda.agenda.entries:
        assert isinstance(entry, AgendaItem)
        subs = [(s.num, s.heading.plain) for s in entry.subitems]
        out.append((entry.num, entry.heading.plain, subs))
    return out


COLLAPSED = (
    "United Nations CAC/COSP/2099/1 Conference of the States Parties Distr.: General "
    "19 August 2099 Original: English Sixth session Vienna, 2-6 November 2099 Provisional "
    "agenda and annotations Provisional agenda 1. Organizational matters: (a) Opening of the "
    "session; (b) Adoption of the agenda. 2. Review of the implementation of the Convention, "
    "including paragraph 4 (c), of article 63. 3. Technical assistance. 4. Other matters. "
    "5. Adoption of the report. V.99-12345 (E) *9912345*"
)


def test_collapsed_line_split() -> None:
    agenda = agendaparse.parse(COLLAPSED)
    assert "collapsed-line-split" in kinds(agenda)
    assert items(agenda) == [
        (
            "1.",
            "Organizational matters:",
            [("(a)", "Opening of the session;"), ("(b)", "Adoption of the agenda.")],
        ),
        (
            "2.",
            "Review of the implementation of the Convention, including paragraph 4 (c), of article 63.",
            [],
        ),
        ("3.", "Technical assistance.", []),
        ("4.", "Other matters.", []),
        ("5.", "Adoption of the report.", []),
    ]
    m = agenda.masthead
    assert m.symbol is not None and m.symbol.text == "CAC/COSP/2099/1"
    assert m.date is not None and m.date.value == "2099-08-19"
    assert {f.kind for f in agenda.furniture} >= {FurnitureKind.JOB_NUMBER, FurnitureKind.BARCODE}


def test_numbers_re_paired() -> None:
    text = COLLAPSED.replace(
        "(a) Opening of the session; (b) Adoption of the agenda.",
        "(a) (b) Appointment of a Credentials Committee Report of the Credentials Committee",
    )
    agenda = agendaparse.parse(text)
    assert "numbers-re-paired" in kinds(agenda)
    assert items(agenda)[0][2] == [
        ("(a)", "Appointment of a Credentials Committee"),
        ("(b)", "Report of the Credentials Committee"),
    ]


def test_numbers_lost_placed_by_punctuation() -> None:
    text = (
        "Provisional agenda 1.\n\nOpening of the session.\n\nOrganizational matters:\n\n"
        "Election of officers;\n\nAdoption of the agenda.\n\nReports of the subsidiary bodies: (a)\n\n"
        "Report of the first body;\n\nReport of the second body.\n\nOther matters.\n"
    )
    agenda = agendaparse.parse(text)
    assert {"numbers-lost", "number-split-off", "number-repaired"} <= kinds(agenda)
    assert items(agenda) == [
        ("1.", "Opening of the session.", []),
        (
            None,
            "Organizational matters:",
            [(None, "Election of officers;"), (None, "Adoption of the agenda.")],
        ),
        (
            None,
            "Reports of the subsidiary bodies:",
            [("(a)", "Report of the first body;"), (None, "Report of the second body.")],
        ),
        (None, "Other matters.", []),
    ]


def test_marker_alone_on_a_line_goes_to_the_title() -> None:
    text = "Provisional agenda for the first session\n*\n\n1. Opening.\n\n__________\n\n* Issued late.\n"
    agenda = agendaparse.parse(text)
    assert "marker-rejoined" in kinds(agenda)
    xml = agendaparse.to_akn(agenda).decode()
    assert '<authorialNote marker="*"' in xml and "Issued late." in xml


def test_symbol_printed_in_two_pieces() -> None:
    text = "United Nations A\n\n/AC.105/L.999\n\nGeneral Assembly\nDistr.: Limited\n\nAgenda\n\n1. Opening.\n"
    agenda = agendaparse.parse(text)
    assert agenda.masthead.symbol is not None and agenda.masthead.symbol.text == "A/AC.105/L.999"
    assert "symbol-rejoined" in kinds(agenda)


def test_contents_list_page_numbers() -> None:
    text = (
        "Annotations to the agenda\n\nParagraphs Page\n\n1. Organizational matters 1–14 3\n\n"
        "2. Annual report 15–49 5\n\nA. Economic rights 50–53 10\n\nB Civil rights 54–66 11\n\n"
        "C. Development 67–68 13\n\n3. Other matters 69 14\n"
    )
    agenda = agendaparse.parse(text)
    assert {"toc-page-numbers", "number-without-dot"} <= kinds(agenda)
    assert items(agenda) == [
        ("1.", "Organizational matters", []),
        (
            "2.",
            "Annual report",
            [("A.", "Economic rights"), ("B", "Civil rights"), ("C.", "Development")],
        ),
        ("3.", "Other matters", []),
    ]
    assert "1–14 3" in [f.text for f in agenda.furniture]


def test_doubled_numbers_and_page_number_prefix() -> None:
    text = "Agenda\n\n  1. 1. Opening of the session\n  2. 2. Election of officers\n    1. (a) First\n3 3. Other matters\n"
    agenda = agendaparse.parse(text)
    assert {"doubled-number", "page-number-prefix"} <= kinds(agenda)
    assert [(n, t) for n, t, _ in items(agenda)] == [
        ("1.", "Opening of the session"),
        ("2.", "Election of officers"),
        ("3.", "Other matters"),
    ]
    assert items(agenda)[1][2] == [("(a)", "First")]


def test_paragraph_split_by_a_page_break() -> None:
    text = (
        "Agenda\n\n1. Opening.\n\nAnnotations\n\n1. Opening\n\nThe session will be opened by the\n\n\n\n"
        "Chair of the Committee on Monday.\n"
    )
    agenda = agendaparse.parse(text)
    assert agenda.annotations is not None
    # an upper-case start after the break may be a new paragraph: both are kept apart
    assert len(agenda.annotations.items[0].body) == 2
    assert "paragraph-rejoined" not in kinds(agenda)
    agenda = agendaparse.parse(text.replace("Chair of", "chair of"))
    assert agenda.annotations is not None
    (paragraph,) = agenda.annotations.items[0].body
    assert (
        paragraph.text.plain
        == "The session will be opened by the chair of the Committee on Monday."
    )
    assert "paragraph-rejoined" in kinds(agenda)


def test_hyphenation_on_the_evidence_of_the_text() -> None:
    text = (
        "Provisional agenda\n\n1. Elimination of All Forms of Discrimina-\n   tion against Women.\n"
        "2. Follow-\n   up to the Conference.\n3. Action against discrimination; follow-up report.\n"
        "4. Establishment of a Sub-\n   committee.\n"
    )
    agenda = agendaparse.parse(text)
    titles = [t for _, t, _ in items(agenda)]
    assert titles[0] == "Elimination of All Forms of Discrimination against Women."
    assert titles[1] == "Follow-up to the Conference."
    # no evidence either way, and "committee" is not a word elsewhere: a split, joined
    assert titles[3] == "Establishment of a Subcommittee."
    found = [d.kind for d in agenda.diagnostics if d.kind.startswith("hyphen")]
    assert found == ["hyphen-joined", "hyphen-kept", "hyphen-joined"]


def test_unexpected_line_is_kept_as_text() -> None:
    agenda = agendaparse.parse("Agenda\n\n1. Opening.\n\nAnnex\n\n(a) stray line\n")
    assert "unexpected-line" in kinds(agenda)
    assert "stray line" in agendaparse.to_akn(agenda).decode()


def test_web_site_text_is_kept_apart() -> None:
    text = "Back to\nHome Page\nSize: px\n• 검색 결과가 없습니다.\n\nUnited Nations\nA/99/1\n\nAgenda\n\n1. Opening.\n"
    agenda = agendaparse.parse(text)
    web = [f.text for f in agenda.furniture if f.kind is FurnitureKind.WEB_TEXT]
    assert web == ["Back to", "Home Page", "Size: px", "• 검색 결과가 없습니다."]
    assert agenda.masthead.symbol is not None and agenda.masthead.symbol.text == "A/99/1"


def test_annotation_number_alone_takes_the_title_below() -> None:
    text = (
        "Provisional agenda\n\n1. Election of officers.\n\n2. Adoption of the agenda.\n\n"
        "Annotations\n\nItem 1\n\nElection of officers\n\nThe Commission will elect its officers.\n\n"
        "Item 2\n\nRule 7 of the rules of procedure provides that the\nagenda shall be adopted.\n"
    )
    agenda = agendaparse.parse(text)
    assert agenda.annotations is not None
    first, second = agenda.annotations.items
    assert (first.num, first.heading.plain) == ("Item 1", "Election of officers")
    assert len(first.body) == 1
    # a paragraph under a bare number is not its title
    assert (second.num, second.heading.plain) == ("Item 2", "")
    assert "number-repaired" in kinds(agenda)


def test_number_word_compounds_keep_their_hyphen() -> None:
    text = (
        "Ordre du jour provisoire\n\n1. Suite donnée à la vingt-\n   quatrième session.\n"
        "2. Élection du Bureau.\n"
    )
    agenda = agendaparse.parse(text)
    assert items(agenda)[0][1] == "Suite donnée à la vingt-quatrième session."
    assert "hyphen-kept" in kinds(agenda)


def test_open_bracket_continues_on_the_next_line() -> None:
    text = (
        "Provisional agenda\n\n1. Adoption of the agenda (CX/CAC 26/49/1;\n"
        "CX/CAC 26/49/1 Add.1).\n2. Other matters.\n"
    )
    agenda = agendaparse.parse(text)
    first = items(agenda)[0]
    assert first[1] == "Adoption of the agenda (CX/CAC 26/49/1; CX/CAC 26/49/1 Add.1)."
    assert first[2] == []


def test_section_codes_and_section_headings() -> None:
    text = (
        "Agenda\n\nInstitutional Section\n\nINS/1\tApproval of the minutes\nINS/2\tAgenda of the Conference\n\n"
        "Policy Development Section\n\nPOL/1\tStrategy for decent work\nPOL/2\tSocial justice\n"
    )
    agenda = agendaparse.parse(text)
    groups = agenda.agenda.entries
    assert [g.heading.plain for g in groups] == [
        "Institutional Section",
        "Policy Development Section",
    ]
    assert [i.num for g in groups for i in g.items] == ["INS/1", "INS/2", "POL/1", "POL/2"]
    assert agenda.annotations is None  # POL/1 is not the numbering starting again


def test_page_break_inside_a_word_processor_list() -> None:
    """A table-like masthead, then a page foot in the middle of item 2's sub-items."""
    text = (
        "\tUnited Nations\tUNEP/EA.9/1\n\tDistr.: General\n\nProvisional agenda*\n\n"
        "1.\tOpening of the session.\n2.\tAdministrative issues:\n\t(a)\tFirst issue;\n"
        "__________________\n\t*\tThe annotations are in document UNEP/EA.9/1/Add.1.\n\n"
        "K2612345\t280926\nUNEP/EA.9/1\n2\n\t(b)\tSecond issue.\n3.\tClosure.\n"
    )
    agenda = agendaparse.parse(text)
    assert items(agenda) == [
        ("1.", "Opening of the session.", []),
        ("2.", "Administrative issues:", [("(a)", "First issue;"), ("(b)", "Second issue.")]),
        ("3.", "Closure.", []),
    ]
    removed = {(f.kind, f.text) for f in agenda.furniture}
    assert (FurnitureKind.RUNNING_HEAD, "UNEP/EA.9/1") in removed
    assert (FurnitureKind.PAGE_NUMBER, "2") in removed
    assert (FurnitureKind.JOB_NUMBER, "K2612345\t280926") in removed
    assert [f.marker for f in agenda.footnotes] == ["*"]
    assert "unexpected-line" not in kinds(agenda)


def test_web_site_text_after_the_document_is_kept_apart() -> None:
    text = (
        "Agenda\n\n1. Opening.\n2. Closure.\n\nBack to top\n© United Nations 2026 | Terms of use\n"
    )
    agenda = agendaparse.parse(text)
    web = [f.text for f in agenda.furniture if f.kind is FurnitureKind.WEB_TEXT]
    assert web == ["Back to top", "© United Nations 2026 | Terms of use"]
    assert [t for _, t, _ in items(agenda)] == ["Opening.", "Closure."]


def test_part_number_set_apart_from_its_heading() -> None:
    text = (
        "Provisional agenda\n\n1. Opening.\n2. Closure.\n\n                                        II.\n"
        "Annotations\n\n1. Opening\n\nThe session opens.\n"
    )
    agenda = agendaparse.parse(text)
    assert "numeral-rejoined" in kinds(agenda)
    assert agenda.annotations is not None and agenda.annotations.heading is not None
    assert agenda.annotations.heading.num == "II."
    assert [i.num for i in agenda.annotations.items] == ["1."]


def test_list_numbered_in_roman_numerals_with_a_numeral_alone() -> None:
    text = (
        "Annotated provisional agenda\n\nI.      Opening of the session:\n        (a)    Opening addresses;\n"
        "        (b)    Election of officers.\nII.     Theme topic.\nIII.\n        Review of issues.\nIV.     Other matters.\n"
    )
    agenda = agendaparse.parse(text)
    assert [(n, t) for n, t, _ in items(agenda)] == [
        ("I.", "Opening of the session:"),
        ("II.", "Theme topic."),
        ("III.", "Review of issues."),
        ("IV.", "Other matters."),
    ]
    assert items(agenda)[0][2] == [
        ("(a)", "Opening addresses;"),
        ("(b)", "Election of officers."),
    ]


def test_agenda_pasted_into_an_e_mail() -> None:
    text = (
        "From: Secretariat <sec@un.org>\nSubject: provisional agenda\n\nDear colleagues,\n\n"
        "Provisional agenda\n\n1) Opening of the session.\n2) Closure.\n\n"
        "Home | About | Sessions | Contact\n© United Nations 2026 | Terms of use\n\n"
        "Best regards,\n\nA. Name\nSecretary of the Committee\nTel.: +1 212 963 5555\n"
    )
    agenda = agendaparse.parse(text)
    assert [t for _, t, _ in items(agenda)] == ["Opening of the session.", "Closure."]
    web = [f.text for f in agenda.furniture if f.kind is FurnitureKind.WEB_TEXT]
    assert web[:3] == [
        "From: Secretariat <sec@un.org>",
        "Subject: provisional agenda",
        "Dear colleagues,",
    ]
    assert "Best regards," in web and "Tel.: +1 212 963 5555" in web


def test_all_capitals_titles_wrapped_and_hyphenated() -> None:
    text = (
        "PROVISIONAL AGENDA\n\n1.   ELECTION OF OFFICERS\n\n2.   INTERDEPENDENCE OF PROBLEMS OF TRADE AND THE\n"
        "     INTERNATIONAL MONETARY SYSTEM\n\n3.   CO-OPERATION AMONG DEVELOP-\n     ING COUNTRIES\n"
    )
    agenda = agendaparse.parse(text)
    assert [t for _, t, _ in items(agenda)] == [
        "ELECTION OF OFFICERS",
        "INTERDEPENDENCE OF PROBLEMS OF TRADE AND THE INTERNATIONAL MONETARY SYSTEM",
        "CO-OPERATION AMONG DEVELOPING COUNTRIES",
    ]
