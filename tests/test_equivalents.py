"""Small functions written to keep a standard-library import off the conversion path agree
with the library functions they stand for."""

from __future__ import annotations

import itertools
import re
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agendaparse import lexer
from agendaparse.akn_emitter import percent_encode
from agendaparse.lang import (
    _ASCII_NON_LETTERS,
    _SCRIPT_LETTERS,
    _WORD,
    ENGLISH,
    LANGUAGES,
    Lang,
    month_number,
    script_of,
)
from agendaparse.lexer import normalise_title
from agendaparse.model import FurnitureKind
from agendaparse.patterns import (
    _FIRST_SEGMENT_MAX,
    _MONTHS,
    _SYMBOL_START,
    DATE_RANGE_RE,
    DATE_RE,
    SYMBOL_RE,
    _cited,
    alternatives,
    anchored_end,
    find_symbols,
    has_symbol,
    is_symbol,
    iso_date,
    matches_near_slashes,
    month_names,
    parse_date,
    parse_date_range,
)
from agendaparse.preprocess import (
    _CLEAN,
    FOOTER_RE,
    FURNITURE_PATTERNS,
    WEB_TRAILER_RE,
    _furniture_kind,
    _normalise_line,
)
from agendaparse.text import (
    _INLINE_MARKER_RE,
    _MARKER_SLASH_RE,
    _TAIL_MARKER_RE,
    _may_end_in_marker,
)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_percent_encode_is_quote_with_the_symbol_safe_set(text: str) -> None:
    assert percent_encode(text) == quote(text, safe="/().")


def test_percent_encode_of_a_symbol() -> None:
    assert percent_encode("A/HRC/12/1 Add.1") == "A/HRC/12/1%20Add.1"


def test_iso_date_checks_dates_as_datetime_does() -> None:
    years = ["0", "0000", "1", "1900", "2000", "2023", "2024", "2100", "9999", "10000"]
    months = ["0", "1", "2", "4", "6", "9", "11", "12", "13"]
    days = ["0", "1", "28", "29", "30", "31", "32"]
    for y, m, d in itertools.product(years, months, days):
        try:
            expected: str | None = date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            expected = None
        assert iso_date(y, m, d) == expected, (y, m, d)


def test_iso_date_of_names_and_nonsense() -> None:
    assert iso_date("2009", "March", "5") == "2009-03-05"
    assert iso_date("2009", "Smarch", "5") is None
    assert iso_date("", "March", "5") is None


# ---------------------------------------------------------------- searches cut short

SLASHY = st.text(alphabet="AB CDa1 2/.()*[],;:x-_é\n", max_size=40)


@settings(max_examples=1000)
@given(SLASHY)
def test_searching_near_slashes_finds_what_a_full_scan_finds(text: str) -> None:
    cases = (
        (SYMBOL_RE, _FIRST_SEGMENT_MAX, _SYMBOL_START),
        (_INLINE_MARKER_RE, 2, re.compile("[0-9]")),
    )
    for pattern, reach, first in cases:
        full = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in matches_near_slashes(pattern, text, reach, first)] == full


@given(SLASHY)
def test_a_symbol_is_what_the_full_scan_says_it_is(text: str) -> None:
    found = [m for m in SYMBOL_RE.finditer(text.strip()) if _cited(m)]
    assert is_symbol(text) == (len(found) == 1 and found[0].group() == text.strip())
    cited = [m.span() for m in SYMBOL_RE.finditer(text) if _cited(m)]
    assert [m.span() for m in find_symbols(text)] == cited
    assert has_symbol(text) == bool(cited)


@given(SLASHY)
def test_headings_passed_over_cannot_end_in_a_marker(text: str) -> None:
    if not _may_end_in_marker(text):
        assert _TAIL_MARKER_RE.search(text) is None


# the page-furniture patterns as they were before their fail-fast look-aheads
_FOOTER_BEFORE = re.compile(
    r"^(?:documents?\s+can\s+be\s+consulted\s+at|this\s+document\s+is\s+printed).*$"
    r"|^(?=.*\b(?:tel|phone|fax)\b\.?\s*:?)(?=.*\b[\w.-]+@[\w-]+\.[\w.]+).{0,240}$",
    re.IGNORECASE,
)
_TRAILER_BEFORE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|back\s+to\s+top\b|terms\s+of\s+use\b|privacy\b"
    r"|share\s+this\b|follow\s+us\b|contact\s+us\b|cookies?\b|site\s+map\b).{0,200}$"
    r"|^[^|]{1,40}(?:\s\|\s[^|]{1,40}){2,}$|^-{3,}$",
    re.IGNORECASE,
)
FURNITURE_WORDS = st.lists(
    st.sampled_from(["Tel:", "fax", "a@b.org", "x.y@un.org", " | ", "|", "Home", " ", "-", "Rome"]),
    max_size=8,
).map("".join)


@given(FURNITURE_WORDS)
def test_fail_fast_furniture_patterns_match_as_before(text: str) -> None:
    assert bool(FOOTER_RE.match(text)) == bool(_FOOTER_BEFORE.match(text))
    assert bool(WEB_TRAILER_RE.match(text)) == bool(_TRAILER_BEFORE.match(text))


@given(
    st.text(alphabet=st.sampled_from("ab \t\u00a0\u202f\u200b\ufeff\x01\x0b\ufffe"), max_size=20)
)
def test_lines_are_cleaned_as_by_a_translation(raw: str) -> None:
    assert _normalise_line(raw) == raw.translate(_CLEAN).rstrip(" ")


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_words_split_as_the_word_pattern_finds_them(text: str) -> None:
    assert text.translate(_ASCII_NON_LETTERS).split() == _WORD.findall(text)


@given(st.text(alphabet=st.sampled_from("aB .;:,*\t\n\u00a0\u2003\u3000x"), max_size=30))
def test_titles_fold_as_the_substitutions_folded_them(text: str) -> None:
    folded = re.sub(r"\s+", " ", text).strip().lower()
    assert normalise_title(text) == re.sub(r"[\s.;:,*]+$", "", folded)


LINE_STARTS = st.text(
    alphabet=st.sampled_from("abIVXA BCz.)(/、一二а\u0628\u0640-•1[\t"), max_size=12
)


def _plain_by_parts(text: str, lang: Lang) -> bool:
    """A plain start told in three steps: a letter run not followed by ")", ".", "/" or
    "、", then neither the item word nor the part word with its number."""
    item_word, part_word, _ = lexer._compiled(lang)
    if not text[:1].isalpha():
        return False
    run = re.match(r"[^\W\d_]+", text)
    assert run is not None
    if text[run.end() : run.end() + 1] in (")", ".", "/", "、"):
        return False
    return not item_word.match(text) and not part_word.match(text)


# line starts made of pieces: letters, number punctuation, item and part words of every
# language, and what follows them
_FIRST_PIECES = [
    *"aBIV.)(/、12-:²Ⅻ一аبـ \n",
    *["Item", "item", "Point", "Tema", "пункт", "البند", "项目", "أولا", "ثانياً", "agenda "],
]
_NEXT_PIECES = [
    *"aB.)(/、12-:ً \n",
    *["3.1", "Item", " (b)", " -", " of the agenda", " de l'ordre du jour"],
]
PLAIN_OR_NOT = st.builds(
    lambda first, rest: first + "".join(rest),
    st.sampled_from(_FIRST_PIECES),
    st.lists(st.sampled_from(_NEXT_PIECES), max_size=6),
)


@settings(max_examples=500)
@given(PLAIN_OR_NOT, st.sampled_from(sorted(LANGUAGES)))
def test_a_plain_start_is_told_by_one_pattern_as_in_three_steps(text: str, code: str) -> None:
    lang = LANGUAGES[code]
    plain = lexer._compiled(lang)[2]
    assert bool(text[:1].isalpha() and plain.match(text)) == _plain_by_parts(text, lang)


@given(LINE_STARTS)
def test_plain_starts_begin_no_number(text: str) -> None:
    if _plain_by_parts(text, ENGLISH):
        patterns = (
            lexer._BULLET_RE,
            lexer._DOUBLED_RE,
            lexer._PAGE_PREFIX_RE,
            lexer._BRACKET_RE,
            lexer._DECIMAL_RE,
            lexer._CODE_RE,
            lexer._ARABIC_RE,
            lexer._DASH_ARABIC_RE,
            lexer._BARE_ARABIC_RE,
            lexer._LETTER_RE,
            lexer._UPPER_RE,
            lexer._CJK_PART_RE,
        )
        assert not any(p.match(text) for p in patterns)


@given(
    st.text(
        alphabet=st.sampled_from("a1 （）１．\u3000\u0661\u06f5\uff5e\uff5f\u065f、"), max_size=12
    )
)
def test_lines_needing_no_normalisation_are_found_by_a_search(text: str) -> None:
    unchanged = text.translate(lexer._NORMALIZE) == text
    assert (lexer._TO_NORMALIZE_RE.search(text) is None) == unchanged


def _script_by_counting(text: str) -> str | None:
    """The writing system by counting every script's letters in the whole text."""
    counts = {name: len(re.findall(letters, text)) for name, letters in _SCRIPT_LETTERS}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


@given(st.text(alphabet=st.sampled_from("abZ é ж و 中 한 α ש 1.\u00c0\u024f\u4e00"), max_size=30))
def test_script_is_told_as_by_counting_every_letter(text: str) -> None:
    assert script_of(text) == _script_by_counting(text)


@given(st.text(alphabet=st.sampled_from("a 1 2 .–-\n"), max_size=20))
def test_contents_tails_are_found_as_by_the_full_search(text: str) -> None:
    found = lexer._toc_tail(text)
    expected = lexer._TOC_TAIL_RE.search(text)
    assert (found and found.span()) == (expected and expected.span())


@given(
    st.lists(
        st.sampled_from(["the", " ", "of", "x", "-", ",", "(", "a)", ":", "\n", "De", "é", "y"]),
        max_size=10,
    ).map("".join)
)
def test_end_anchored_searches_cut_short_agree(text: str) -> None:
    assert lexer._ends_unfinished(text) == bool(lexer._FUNCTION_END_RE.search(text))
    full = lexer._HYPHEN_END_RE.search(text)
    short = lexer._hyphen_end(text)
    assert (short and short.span()) == (full and full.span())
    if not anchored_end(text).endswith(")"):
        assert lexer._STRAY_MARKER_RE.search(text) is None
    if not anchored_end(text).endswith("1."):
        assert lexer._TRAILING_NUMBER_RE.search(text) is None


# the month names as a plain list of alternatives, longest first: what the tree replaces
_PLAIN_MONTHS = "|".join(
    re.escape(n).replace(r"\ ", r"\s+") for n in sorted(month_names(), key=len, reverse=True)
)
_PLAIN_DATE_RE = re.compile(DATE_RE.pattern.replace(_MONTHS, _PLAIN_MONTHS), re.IGNORECASE)
_PLAIN_DATE_RANGE_RE = re.compile(
    DATE_RANGE_RE.pattern.replace(_MONTHS, _PLAIN_MONTHS), re.IGNORECASE
)


def _spans(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


_DATE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(month_names()).map(lambda m: m.upper() if len(m) % 3 == 0 else m.title()),
        st.sampled_from(month_names()).map(lambda m: m[: len(m) // 2 + 1]),
        st.sampled_from(
            [
                "5",
                "14",
                "2009",
                "１２",
                "٢٠٠٩",
                " ",
                "  ",
                ", ",
                "-",
                " to ",
                "de ",
                ".",
                "年",
                "月",
                "日",
                "x",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1500)
@given(_DATE_TEXT)
def test_dates_are_found_as_by_the_plain_list_of_month_names(text: str) -> None:
    assert _spans(DATE_RE, text) == _spans(_PLAIN_DATE_RE, text)
    assert _spans(DATE_RANGE_RE, text) == _spans(_PLAIN_DATE_RANGE_RE, text)


@settings(max_examples=500)
@given(
    st.text(alphabet=st.sampled_from("aAbB ."), min_size=1, max_size=4)
    .map(lambda word: " ".join(word.lower().split()))
    .filter(bool)
    .flatmap(
        lambda first: st.lists(
            st.text(alphabet=st.sampled_from("abB ."), min_size=1, max_size=5)
            .map(lambda word: " ".join(word.split()))
            .filter(bool),
            max_size=6,
        ).map(lambda rest: [first, *rest])
    ),
    st.text(alphabet=st.sampled_from("aAbB .1"), max_size=16),
)
def test_a_tree_of_words_matches_as_the_sorted_list(words: list[str], text: str) -> None:
    words = sorted({w.lower() for w in words})
    plain = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
    # followed by a test the shorter word of a pair may pass where the longer fails
    for tail in ("", r"\s*1", r"(?=\.)", "$"):
        ours = re.compile(f"(?:{alternatives(words)}){tail}", re.IGNORECASE)
        theirs = re.compile(f"(?:{plain}){tail}", re.IGNORECASE)
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]


def test_a_tree_of_words_takes_words_with_single_spaces_only() -> None:
    for bad in ("", " may", "may ", "tishrin  al", "tishrin\tal"):
        with pytest.raises(ValueError, match="single spaces"):
            alternatives(["june", bad])


def test_a_date_needs_a_year() -> None:
    assert parse_date("5 March") is None and parse_date_range("5-6 March") is None
    assert parse_date("on 5 March 2009") is not None
    found = parse_date_range("5-6 March 2009")
    assert found is not None and found[:2] == ("2009-03-05", "2009-03-06")


def _furniture_one_by_one(stripped: str) -> FurnitureKind | None:
    for kind, pattern in FURNITURE_PATTERNS:
        if pattern.match(stripped):
            return kind
    return None


_FURNITURE_LINES = st.lists(
    st.sampled_from(
        [
            "*1458484*",
            "V.09-81234",
            " (E)",
            " 300714",
            "GE.",
            "04-51470",
            "W9917e",
            "NK123/e",
            "Page",
            "page ",
            "2",
            "- 2 -",
            "2/15",
            "(2)",
            "Please recycle",
            "!",
            "_____",
            "———",
            "This document is printed",
            " in limited numbers.",
            "Tel: ",
            "x@un.org",
            "a.docx",
            "GB356-1_[RELME]-En.docx",
            " 3",
            " ",
            "Agenda",
            "1.",
            "A/81/150",
        ]
    ),
    max_size=5,
).map(lambda parts: "".join(parts).strip())


@settings(max_examples=1500)
@given(_FURNITURE_LINES)
def test_furniture_is_told_by_one_pattern_as_by_each_in_turn(text: str) -> None:
    assert _furniture_kind(text) == _furniture_one_by_one(text)


def test_every_furniture_pattern_is_reached_in_the_combined_one() -> None:
    examples = {
        "*1458484*": FurnitureKind.BARCODE,
        "V.09-81234 (E)": FurnitureKind.JOB_NUMBER,
        "W9917e": FurnitureKind.JOB_NUMBER,
        "This document is printed in limited numbers.": FurnitureKind.FOOTER,
        "GB356-1_[RELME-260130-1]-En.docx": FurnitureKind.FOOTER,
        "PAGE 2": FurnitureKind.PAGE_NUMBER,
        "Please recycle": FurnitureKind.RECYCLE,
        "—————": FurnitureKind.FOOTNOTE_RULE,
        "Provisional agenda": None,
    }
    for text, kind in examples.items():
        assert _furniture_kind(text) is kind == _furniture_one_by_one(text), text


@settings(max_examples=400)
@given(st.text(alphabet="1٣²a Z.(\t\n_é", max_size=30))
def test_number_dots_counted_from_their_full_stops_as_by_the_pattern(text: str) -> None:
    assert lexer._number_dots(text) == len(re.findall(r"\d\.(?=\s+[^\W\d_(])", text))


@settings(max_examples=400)
@given(st.text(alphabet="12 .a\tItem", max_size=40))
def test_every_inline_item_number_is_a_number_dot(text: str) -> None:
    pattern = lexer._inline_item_re(ENGLISH)
    assert len(pattern.findall(text)) <= lexer._number_dots(text)


@settings(max_examples=400)
@given(st.text(alphabet="12ab /,.)\n:x", max_size=24))
def test_every_inline_marker_ends_with_the_slash_searched_first(text: str) -> None:
    if _INLINE_MARKER_RE.search(text):
        assert _MARKER_SLASH_RE.search(text)


# ---------------------------------------------------------------- month names by a table


def _month_number_by_scan(name: str) -> int | None:
    """The month lookup as a scan of every language's months (what the table stands for)."""
    key = " ".join(name.strip().strip(".").lower().split())
    if key.isdigit():
        return int(key) if 1 <= int(key) <= 12 else None
    for lang in LANGUAGES.values():
        if lang.script == "CJK":
            continue
        for i, month in enumerate(lang.months):
            if key == month or key in month.split("/"):
                return i + 1
            if len(key) >= 3 and lang.script == "LATIN" and month.startswith(key):
                return i + 1
    return None


def test_months_are_numbered_by_the_table_as_by_a_scan() -> None:
    names = {
        month[start:end]
        for lang in LANGUAGES.values()
        for month in lang.months
        for start in range(len(month) + 1)
        for end in range(start, len(month) + 1)
    }
    names |= {name.upper() for name in names} | {f" {name}. " for name in names}
    names |= {"0", "1", "12", "13", "", "may", "Sept.", "xyz"}
    for name in names:
        assert month_number(name) == _month_number_by_scan(name), name


@given(st.text(alphabet="abcdejlmnoprstuvyéû/ .0123", max_size=10))
def test_any_name_is_numbered_by_the_table_as_by_a_scan(name: str) -> None:
    assert month_number(name) == _month_number_by_scan(name)


# ---------------------------------------------------------------- number forms by first character


def _shape_by_every_pattern(text: str, lang: Lang, bare_numbers: bool) -> lexer.Shape:
    """A line's shape with every number pattern tried in turn, whatever the line's first
    character (what ``shape_of``, which tries only those that can start with it, stands for)."""
    norm = text.translate(lexer._NORMALIZE)
    item_word, part_word, plain = lexer._compiled(lang)
    none = lexer.Shape(None, None, None, text, 0)
    if norm[:1].isalpha() and plain.match(norm):
        return none
    offset, repaired = 0, None
    bullet = lexer._BULLET_RE.match(norm)
    if bullet:
        offset = bullet.end()
    doubled = lexer._DOUBLED_RE.match(norm, offset)
    page = lexer._PAGE_PREFIX_RE.match(norm, offset)
    if doubled:
        offset, repaired = doubled.end(), "doubled-number"
    elif page:
        offset, repaired = page.end(), "page-number-prefix"
    rest = norm[offset:]

    def make(
        kind: lexer.NumKind, m: re.Match[str], key: str, parent: str | None = None
    ) -> lexer.Shape:
        end = m.end()
        start = end + len(rest[end:]) - len(rest[end:].lstrip())
        num = text[offset + m.start() : offset + end]
        return lexer.Shape(kind, num, key, text[offset + start :], offset + start, parent, repaired)

    kinds = lexer.NumKind
    if m := item_word.match(rest):
        if m.group("l"):
            return make(kinds.LETTER, m, m.group("l"), m.group("n"))
        return make(kinds.DECIMAL if "." in m.group("n") else kinds.ARABIC, m, m.group("n"))
    if m := lexer._BRACKET_RE.match(rest):
        if m.group("r"):
            own = make(kinds.ROMAN, m, m.group("r"), m.group("l2"))
            return own._replace(num=f"({m.group('r')})")
        if m.group("l"):
            own = make(kinds.LETTER, m, m.group("l"), m.group("n"))
            return own._replace(num=f"({m.group('l')})")
        if m.group("x"):
            return lexer.Shape(None, None, None, m.group("x"), m.start("x"), m.group("n"), repaired)
        return make(kinds.ARABIC, m, m.group("n"))
    if m := lexer._DECIMAL_RE.match(rest):
        return make(kinds.DECIMAL, m, f"{m.group('n')}.{m.group('d')}", m.group("n"))
    if m := lexer._CODE_RE.match(rest):
        return make(kinds.ARABIC, m, m.group("n"))
    m = lexer._ARABIC_RE.match(rest) or lexer._DASH_ARABIC_RE.match(rest)
    if m or (bare_numbers and (m := lexer._BARE_ARABIC_RE.match(rest))):
        return make(kinds.ARABIC, m, m.group("n"))
    if m := lexer._LETTER_RE.match(rest):
        key = m.group("a") or m.group("b")
        roman = key in lexer._ROMAN_LOWER
        if len(key) > 1 and not roman and not key.endswith("\u0640"):
            return none
        return make(kinds.ROMAN if roman else kinds.LETTER, m, key)
    if m := lexer._UPPER_RE.match(rest) or lexer._CJK_PART_RE.match(rest) or part_word.match(rest):
        key = m.group("n")
        upper_roman = lexer._ROMAN_UPPER_RE.match(key) or not key.isascii()
        return make(kinds.UPPER_ROMAN if upper_roman else kinds.UPPER, m, key)
    return none


# number forms and what surrounds them, in ASCII, full width and Arabic-Indic digits
_NUMBER_PIECES = [
    *"1a(I.)[]-•/ \t\u3000",
    *["12", "1. ", "2 ", "9. ", "5.1", "(a)", "a)", "(iv)", "IV.", "B ", "[7a]", "[7] [c (i)]"],
    *["[6] [Cluster 1]", "INS/1  ", "1 - ", "一、", "（a）", "１．", "\u0661 -", "(\u0623)"],
    *["Item 3:", "Point 2 a)", "Opening", "of the agenda", "أولاً - ", "ab)", "(هـ)"],
]


@settings(max_examples=1500)
@given(
    st.lists(st.sampled_from(_NUMBER_PIECES), min_size=1, max_size=5).map("".join),
    st.sampled_from(sorted(LANGUAGES)),
    st.booleans(),
)
def test_number_forms_tried_by_first_character_read_as_every_pattern_in_turn(
    text: str, code: str, bare: bool
) -> None:
    lang = LANGUAGES[code]
    expected = _shape_by_every_pattern(text, lang, bare)
    assert lexer.shape_of(text, lang, bare_numbers=bare) == expected
