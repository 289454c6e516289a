"""Line lexer: CleanText -> a stream of Lark tokens, one per logical line or block.

The grammar (``grammars/agenda.lark``) states how an agenda is built; this module decides
what each line *is*. It works in two passes:

1. every line gets a context-free *shape*: its printed number (``1.``, ``(a)``, ``5.1``,
   ``Item 3:``, ``[7a]``) and the keyword tables of ``lang.py`` it matches;
2. the document is cut into regions -- front matter, agenda list, annotations, annexes --
   and each line becomes a token whose type depends on its region, with wrapped lines
   joined to the line they continue.

Token values are the text as printed (joined lines separated by ``\\n``); token positions
are original line and column numbers, so every error and every span points into the input.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from agendaparse.lalr import Token, new_token
from agendaparse.lang import FUNCTION_WORDS, Lang
from agendaparse.model import Diagnostic, Furniture, FurnitureKind
from agendaparse.patterns import (
    anchored_end,
    has_symbol,
    is_symbol,
    parse_date,
    parse_date_range,
)
from agendaparse.preprocess import CleanText, Line


class NumKind(enum.Enum):
    """The kinds of printed numbers a line can start with."""

    ARABIC = "arabic"  # 1.  1)  Item 1:  [1]
    DECIMAL = "decimal"  # 5.1
    LETTER = "letter"  # (a)  a)  [7a]
    ROMAN = "roman"  # (i)  (iv)
    UPPER = "upper"  # A.  B.
    UPPER_ROMAN = "upperRoman"  # I.  IV.


# The kinds as module globals, read where lines are classified: on Python 3.11 a read of an
# attribute of an Enum class goes through the hook of EnumType.__getattr__ (about 70 ns,
# against 5 for a global), and a document's lines make hundreds of such reads.
_ARABIC_KIND, _DECIMAL_KIND, _LETTER_KIND = NumKind.ARABIC, NumKind.DECIMAL, NumKind.LETTER
_ROMAN_KIND, _UPPER_KIND, _UPPER_ROMAN_KIND = NumKind.ROMAN, NumKind.UPPER, NumKind.UPPER_ROMAN


class Shape(NamedTuple):
    """What the start of a line looks like, before any context is known (a named tuple:
    read for every distinct line, and three times cheaper to make than a frozen
    dataclass)."""

    kind: NumKind | None
    num: str | None
    """The number as printed ("1.", "(a)", "Item 3:")."""
    key: str | None
    """The number without punctuation ("1", "a", "5.1", "II")."""
    body: str
    """The text after the number."""
    offset: int
    """Where ``body`` starts in the line's text."""
    parent_key: str | None = None
    """For web forms that print the parent's number too ("[7a]", "1.1" -> "7", "1")."""
    repaired: str | None = None
    """The kind of damage repaired while reading the number (a diagnostic kind)."""


_ROMAN_LOWER = frozenset(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
)
_ROMAN_UPPER_RE = re.compile(r"^[IVXL]{1,6}$")

# " - (a) Opening": a list bullet in front of a number
_BULLET_CHARS = "-–•·"
_BULLET_RE = re.compile(rf"^[{_BULLET_CHARS}]\s+(?=\S)")
# "1. 1. Opening", "1. (a) Appointment": an HTML list counter printed before the real number;
# "2 9. Presentación": a page number left in front of an item number by text extraction
_DOUBLED_RE = re.compile(r"^\d{1,3}\.\s+(?=(?:\d{1,3}\.(?:\d{1,2}\.?)?|\([a-z]{1,4}\))\s)")
_PAGE_PREFIX_RE = re.compile(r"^\d{1,3}\s+(?=\d{1,3}\.\s+[^\W\d_])")
# "[7] [c (i)]", "[7a]", "[11]": numbers printed in brackets by meeting portals
_BRACKET_RE = re.compile(
    r"^\[(?P<n>\d{1,3})(?P<l>[a-z])?\](?:\s*\[(?P<l2>[a-z])\s*\((?P<r>[ivx]{1,5})\)\]"
    r"|\s*\[(?P<x>[^\]]{1,40})\])?(?=\s|$)"
)
_DECIMAL_RE = re.compile(r"^(?P<n>\d{1,3})\.(?P<d>\d{1,2})\.?(?=\s|$)")
# "INS/1<TAB>Approval of the minutes": a section code and a number
_CODE_RE = re.compile(r"^(?P<n>[A-Z]{2,5}/\d{1,3})(?=\t|\s{2,})")
_ARABIC_RE = re.compile(r"^(?P<n>\d{1,3})(?:\.(?=\s|[^\W\d_]|$)|\)(?=\s|$))")
_BARE_ARABIC_RE = re.compile(r"^(?P<n>\d{1,3})(?=\s{1,8}[^\W\d_])")
# sub-item letters: Latin "(a)", "a)", Cyrillic "а)", Arabic "(أ)", "(هـ)"
_LETTERS = r"[a-z]{1,5}|[\u0430-\u044f\u0451]|[\u0621-\u064a]\u0640?"
# (Chinese sets the title right after the closing bracket: "（a）改进...")
_LETTER_RE = re.compile(rf"^(?:\((?P<a>{_LETTERS})\)|(?P<b>{_LETTERS})\))(?=\s|$|[^\x00-\x7f])")
# "1 - Election of officers", the Arabic versions' item numbers
_DASH_ARABIC_RE = re.compile(r"^(?P<n>\d{1,3})\s*-(?=\s+\S)")
# "一、临时议程": the parts of a Chinese document
_CJK_PART_RE = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})[、.](?=\s*\S)")
# full-width ASCII forms and Arabic-Indic digits, read as ASCII
_NORMALIZE = {
    **{0xFF01 + i: 0x21 + i for i in range(94)},
    **{0x0660 + i: 0x30 + i for i in range(10)},
    **{0x06F0 + i: 0x30 + i for i in range(10)},
    0x3000: 0x20,
}
# any character _NORMALIZE changes (a search is cheaper than translating every line)
_TO_NORMALIZE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_NORMALIZE)) + "]")
_UPPER_RE = re.compile(r"^(?P<n>[A-Z]|[IVXL]{1,6})\.(?:\s+(?=\S)|$)")
UPPER_NO_DOT_RE = re.compile(r"^(?P<n>[A-Z])\s+(?=[A-Z][a-z])")
"""A capital letter that lost its dot ("B Civil rights"): a number only in a run of letters."""
# footnotes: "* text" anywhere; "1 text", "1/ text", "[1] text" under a rule or another note
_STAR_NOTE_RE = re.compile(r"^\*{1,3}\s+\S")
_NUMBERED_NOTE_RE = re.compile(r"^(?:\d{1,2}/?|\[\d{1,2}\])\s+[^\W\d_]")
_TOC_TAIL_RE = re.compile(
    r"\s+\d{1,4}(?:\s*[–-]\s*\d{1,4})?\s+\d{1,4}$|\s*\.{4,}\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?(?:\s+\d{1,4})?$"
)


def _item_word_re(lang: Lang) -> re.Pattern[str]:
    return _compiled(lang)[0]


_COMPILED: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _compiled(lang: Lang) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The number patterns that depend on the language -- item word, part word and plain
    start -- compiled once per language."""
    if lang.code not in _COMPILED:
        item_word, part_word = _compile_item_word(lang), _compile_part_word(lang)
        _COMPILED[lang.code] = (item_word, part_word, _compile_plain(item_word, part_word))
    return _COMPILED[lang.code]


def _compile_item_word(lang: Lang) -> re.Pattern[str]:
    """ "Item 3:", "Point 1 de l'ordre du jour", "Tema 2 a) del programa", "项目1"."""
    suffix = rf"(?:\s+(?:{lang.item_suffix}))?" if lang.item_suffix else ""
    return re.compile(
        rf"^(?:{lang.item_word})\s*(?P<n>\d{{1,3}}(?:\.\d{{1,2}})?)"
        r"(?:\s*\(?(?P<l>[a-z])\))?"
        rf"{suffix}\s*[.:]?(?=\s|$)",
        re.IGNORECASE,
    )


def _compile_part_word(lang: Lang) -> re.Pattern[str]:
    """Parts numbered by words ("أولاً - ..."); never matches in languages without them."""
    if not lang.part_words:
        return re.compile(r"(?!x)x")
    return re.compile(rf"^(?P<n>{lang.part_words})\s*-(?=\s+\S)")


def _compile_plain(item_word: re.Pattern[str], part_word: re.Pattern[str]) -> re.Pattern[str]:
    """A line that starts as plain text: a run of letters not followed by ``)``, ``.``,
    ``/`` or ``、`` (every lettered number -- "a)", "A.", "IV.", "INS/1", "一、" -- is) that
    is not an item word or a part word with its number. Most lines are such text, told by
    one match (after a test that the first character is a letter, which re cannot say); the
    number patterns are tried in turn on the others. The run is possessive: the letter
    after a shorter run is no end of it."""

    def unnamed(pattern: re.Pattern[str]) -> str:
        return re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern.removeprefix("^"))

    item = unnamed(item_word)
    if item_word.flags & re.IGNORECASE:
        item = f"(?i:{item})"
    return re.compile(rf"(?!{item})(?!{unnamed(part_word)})[^\W\d_]++(?![)./、])")


def shape_of(text: str, lang: Lang, *, bare_numbers: bool = False) -> Shape:
    """The printed number at the start of ``text`` (stripped), if any.

    Full-width forms ("（a）", "１．") and Arabic-Indic digits ("١ -") are read as their
    ASCII equivalents; the number and the body keep the characters as printed.
    """
    # one character for one: offsets stay valid (nothing to read in ASCII text)
    if text.isascii() or _TO_NORMALIZE_RE.search(text) is None:
        norm = text
    else:
        norm = text.translate(_NORMALIZE)
    item_word, part_word, plain = _COMPILED.get(lang.code) or _compiled(lang)
    lead = norm[:1]
    if lead.isalpha() and plain.match(norm):
        return _unnumbered(text)  # most lines
    offset = 0
    repaired: str | None = None
    if lead in _BULLET_CHARS:
        bullet = _BULLET_RE.match(norm)
        if bullet:
            offset = bullet.end()
    # the patterns are tried by the first character they can start with (``\d`` matches
    # what ``isdecimal`` says): a line is spared those that cannot match it
    if norm[offset : offset + 1].isdecimal():
        doubled = _DOUBLED_RE.match(norm, offset)
        if doubled:
            offset = doubled.end()
            repaired = "doubled-number"
        else:
            page = _PAGE_PREFIX_RE.match(norm, offset)
            if page:
                offset = page.end()
                repaired = "page-number-prefix"
    rest = norm[offset:]

    def make(kind: NumKind, m: re.Match[str], key: str, parent: str | None = None) -> Shape:
        # (white space is the same in text and norm: what the translation changes is not
        # white space, or is a space for a space)
        end = offset + m.end()
        body = text[end:].lstrip()
        num = text[offset + m.start() : end]
        return _new_shape(Shape, (kind, num, key, body, len(text) - len(body), parent, repaired))

    if rest[:1].isdecimal():  # "1.", "1)", "5.1", "1 -": the numbers made of digits alone
        m = _DECIMAL_RE.match(rest)
        if m:
            return make(_DECIMAL_KIND, m, f"{m.group('n')}.{m.group('d')}", m.group("n"))
        m = (
            _ARABIC_RE.match(rest)
            or _DASH_ARABIC_RE.match(rest)
            or (_BARE_ARABIC_RE.match(rest) if bare_numbers else None)
        )
        if m:
            return make(_ARABIC_KIND, m, m.group("n"))
        return _unnumbered(text)
    m = item_word.match(rest)
    if m:
        if m.group("l"):
            return make(_LETTER_KIND, m, m.group("l"), m.group("n"))
        kind = _DECIMAL_KIND if "." in m.group("n") else _ARABIC_KIND
        return make(kind, m, m.group("n"))
    m = _BRACKET_RE.match(rest)
    if m:
        # "[7a]" and "[7] [c (i)]" repeat the parent's number: the sub-item's own number is
        # the last part, and that is what its num holds
        if m.group("r"):
            own = make(_ROMAN_KIND, m, m.group("r"), m.group("l2"))
            return _replace_num(own, f"({m.group('r')})")
        if m.group("l"):
            own = make(_LETTER_KIND, m, m.group("l"), m.group("n"))
            return _replace_num(own, f"({m.group('l')})")
        if m.group("x"):
            # "[6] [Cluster 1]": a named, unnumbered line under item 6
            return Shape(None, None, None, m.group("x"), m.start("x"), m.group("n"), repaired)
        return make(_ARABIC_KIND, m, m.group("n"))
    m = _CODE_RE.match(rest)
    if m:  # "INS/1", "POL/3": items numbered within sections by a code
        return make(_ARABIC_KIND, m, m.group("n"))
    m = _LETTER_RE.match(rest)
    if m:
        key = m.group("a") or m.group("b")
        kind = _ROMAN_KIND if key in _ROMAN_LOWER else _LETTER_KIND
        if len(key) > 1 and key not in _ROMAN_LOWER and not key.endswith("\u0640"):
            return _unnumbered(text)
        return make(kind, m, key)
    m = _UPPER_RE.match(rest) or _CJK_PART_RE.match(rest) or part_word.match(rest)
    if m:
        key = m.group("n")
        roman = _ROMAN_UPPER_RE.match(key) or not key.isascii()
        return make(_UPPER_ROMAN_KIND if roman else _UPPER_KIND, m, key)
    return _unnumbered(text)


_new_shape = tuple.__new__
"""Makes a ``Shape`` from all its fields at once: half the cost of calling ``Shape``, whose
generated constructor is Python code; a document reads the shapes of most of its lines."""


def _unnumbered(text: str) -> Shape:
    """The shape of a line that starts with no number: all of it is the body."""
    return _new_shape(Shape, (None, None, None, text, 0, None, None))


class ShapeReader:
    """``shape_of`` with a memo, for one document: the lexer's passes and then the
    transformer ask for the shapes of the same lines again and again (a number's line is
    read as a region boundary, a block, a title to compare and an item's number and title)."""

    __slots__ = ("_memos",)

    def __init__(self) -> None:
        self._memos: dict[tuple[str, bool], dict[str, Shape]] = {}

    def memo(self, lang: Lang, bare_numbers: bool = False) -> dict[str, Shape]:
        """The shapes read in ``lang`` with ``bare_numbers``, by text (filled as they are read)."""
        return self._memos.setdefault((lang.code, bare_numbers), {})

    def __call__(self, text: str, lang: Lang, *, bare_numbers: bool = False) -> Shape:
        memo = self.memo(lang, bare_numbers)
        shape = memo.get(text)
        if shape is None:
            shape = memo[text] = shape_of(text, lang, bare_numbers=bare_numbers)
        return shape


def _replace_num(shape: Shape, num: str) -> Shape:
    return shape._replace(num=num)


# ---------------------------------------------------------------- keyword tables


@dataclass(frozen=True, slots=True)
class Keywords:
    """Compiled keyword patterns of one language (whole-line matches unless noted)."""

    lang: Lang
    organization: re.Pattern[str]
    distribution: re.Pattern[str]
    """Searched inside a line."""
    original: re.Pattern[str]
    """Searched inside a line; group ``lang`` is the language name."""
    only: re.Pattern[str]
    title: re.Pattern[str]
    list_heading: re.Pattern[str]
    annotations: re.Pattern[str]
    documentation: re.Pattern[str]
    annex: re.Pattern[str]
    agenda_item_line: re.Pattern[str]
    session: re.Pattern[str]
    subtitle: re.Pattern[str]
    language_name: re.Pattern[str]
    verbs: re.Pattern[str]
    """Searched inside a line."""


_FOOTNOTE_TAIL = r"(?:\s*(?:\*{1,3}|\d{1,2}/|\[\d{1,2}\](?:,\[\d{1,2}\])*))?"


def compile_keywords(lang: Lang) -> Keywords:
    """Compile the tables of ``lang`` into whole-line patterns."""
    flags = re.IGNORECASE

    # a part number before a heading: "II. Annotations", "二、说明", "ثانياً - الشروح"
    part = r"[IVX]{1,4}\.?\s+|[A-H]\.\s+|[一二三四五六七八九十]{1,3}、\s*"
    if lang.part_words:
        part += rf"|(?:{lang.part_words})\s*-\s+"

    def whole(alternatives: str, numbered: bool = False) -> re.Pattern[str]:
        prefix = rf"(?:{part})?" if numbered else ""
        return re.compile(rf"^{prefix}(?:{alternatives}){_FOOTNOTE_TAIL}\s*[.:]?$", flags)

    names = "|".join(sorted(lang.language_names, key=len, reverse=True))
    return Keywords(
        lang=lang,
        organization=re.compile(rf"^(?:{lang.organization})$", flags),
        distribution=re.compile(lang.distribution, flags),
        # the name may be glued to the next word in flattened text: "Original: EnglishUnited"
        original=re.compile(rf"(?:{lang.original})\s*(?P<lang>{names})(?-i:(?![a-z]))", flags),
        only=re.compile(rf"^{lang.only}$", flags),
        title=whole(lang.title),
        list_heading=whole(lang.list_heading, numbered=True),
        annotations=whole(lang.annotations, numbered=True),
        documentation=whole(lang.documentation),
        annex=re.compile(
            rf"^(?P<label>(?:{lang.annex})(?:\s+(?:[IVX]{{1,5}}|\d{{1,2}}|[A-H]))?)\s*[.:]?"
            rf"(?:\s+(?P<rest>.+))?$",
            re.IGNORECASE,
        ),
        agenda_item_line=re.compile(rf"^(?:{lang.agenda_item_line})\b.*$", flags),
        session=re.compile(rf"^(?:{lang.session})\s*[.:]?$", flags),
        subtitle=re.compile(rf"^(?:{lang.subtitle})\s*[.:]?{_FOOTNOTE_TAIL}$", flags),
        language_name=re.compile(rf"^(?:{names})$", flags),
        verbs=re.compile(rf"\b(?:{lang.verbs or '(?!x)x'})\b", flags),
    )


_KEYWORDS: dict[str, Keywords] = {}


def keywords(lang: Lang) -> Keywords:
    """The compiled keyword patterns of ``lang`` (compiled once per process)."""
    if lang.code not in _KEYWORDS:
        _KEYWORDS[lang.code] = compile_keywords(lang)
    return _KEYWORDS[lang.code]


# ---------------------------------------------------------------- heuristics on one line

# the punctuation that ends an item title, in Latin, Arabic and Chinese typography
TERMINAL = (".", ";", ":", "。", "；", "：", "؛", "．")
COLON = (":", "：")
FULL_STOP = (".", "。", "．")


def capital(ch: str) -> bool:
    """Whether ``ch`` can start a title: an upper-case letter, a letter of a script without
    case (Arabic, Chinese), or a digit."""
    return ch.isupper() or ch.isdigit() or (ch.isalpha() and ch.lower() == ch.upper())


# a sentence break inside the text: "... 2013. The first meeting"
_SENTENCE_BREAK_RE = re.compile(r"[a-z0-9)]{2}[.;] +[A-Z][a-z]")
# a title line that ends like this is unfinished: a comma, a hyphen, an open bracket or a
# function word of any known language
_FUNCTION_END_RE = re.compile(
    r"(?:[,\-–(/]|\b(?:" + "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)) + r"))$",
    re.IGNORECASE,
)
# how far from the end a match of _FUNCTION_END_RE can start (the longest word, and a "\n"
# that "$" may stand before)
_FUNCTION_END_REACH = max(map(len, FUNCTION_WORDS)) + 2


def _ends_unfinished(text: str) -> bool:
    """Whether ``text`` ends like an unfinished title (``_FUNCTION_END_RE``), searched only
    where a match can start: near the end, not from every position of the line."""
    return _FUNCTION_END_RE.search(text, max(0, len(text) - _FUNCTION_END_REACH)) is not None


def paragraph_like(text: str, lang: Lang) -> bool:
    """Whether a numbered line reads like a paragraph of prose rather than an item title:
    long, or several sentences, or a sentence with an auxiliary verb ("will be held")."""
    if len(text) > 260 or (len(text) > 110 and bool(_SENTENCE_BREAK_RE.search(text))):
        return True
    return len(text) > 60 and bool(keywords(lang).verbs.search(text))


def heading_like(text: str) -> bool:
    """A short line that reads like a heading: no final full stop, not a sentence, not
    cut short (a heading does not end with "the" or "of")."""
    text = text.strip()
    return (
        0 < len(text) <= 120
        and not text.endswith((*TERMINAL, ",", "،"))
        and capital(text[0])
        and not _SENTENCE_BREAK_RE.search(text)
        and not _ends_unfinished(text)
    )


def continues(previous: str, line: Line, head: Line, *, punctuated: bool = False) -> bool:
    """Whether ``line`` (right after ``previous``, no blank between) continues it.

    ``punctuated`` says that the titles around end with a full stop or semicolon: there a
    title line without one is unfinished, and a next line that finishes it continues it.
    """
    text = line.text
    if not text:
        return False
    if text[0].islower() or text[0] in "(\"'“‘":
        return not _LETTER_RE.match(text)
    if previous.count("(") > previous.count(")"):
        return True  # a bracket still open: "(CX/CAC 26/49/3;" / "CX/CAC 26/49/3 Add.1)"
    if previous.endswith(TERMINAL):
        return False
    if _ends_unfinished(previous):
        return True
    if punctuated and text.endswith(TERMINAL):
        return True
    # typewriter layouts indent continuation lines under the title with spaces (pieces of
    # one split line are not indented: they stand further along the same line); tab
    # layouts align continuations and sub-lines alike, so the tab says nothing
    return line.number != head.number and line.column > head.column and not line.lead_tabs


def normalise_title(text: str) -> str:
    """A title folded for comparison: lower case, single spaces, no final punctuation."""
    # (split() and re's \s know the same white space; what is left has single spaces only)
    return " ".join(text.split()).lower().rstrip(" .;:,*")


# ---------------------------------------------------------------- the lexer proper


# ---------------------------------------------------------------- collapsed documents

_COLLAPSED_MIN = 250
"""A line this long that holds a run of item numbers is a document collapsed onto one line."""
_INLINE_ITEMS: dict[str, re.Pattern[str]] = {}
# the full stop of a number dot, what every inline item number has whatever the language
# ("3. Adoption"): a literal start, which re finds by a fast scan (a pattern that starts
# with a digit class is tried at every position); the digit before it is then looked at
# (``isdecimal`` is what ``\d`` matches)
_DOT_BEFORE_WORD_RE = re.compile(r"\.(?=\s+[^\W\d_(])")


def _number_dots(text: str) -> int:
    r"""How many number dots ``text`` holds: a digit, a full stop, white space and a word
    (``\d\.(?=\s+[^\W\d_(])``)."""
    return sum(
        text[m.start() - 1 : m.start()].isdecimal() for m in _DOT_BEFORE_WORD_RE.finditer(text)
    )


def _inline_item_re(lang: Lang) -> re.Pattern[str]:
    """An item number inside flattened text: "1. Opening", "Point 1. Élection"."""
    if lang.code not in _INLINE_ITEMS:
        _INLINE_ITEMS[lang.code] = re.compile(
            rf"(?:(?<=\s)|^)(?:(?P<w>{lang.item_word})\s+)?(?P<n>\d{{1,2}})\.(?=\s+[^\W\d_(])",
            re.IGNORECASE,
        )
    return _INLINE_ITEMS[lang.code]


_INLINE_LETTER_RE = re.compile(r"(?<=[\s:;])(?:\((?P<a>[a-z])\)|(?P<b>[a-z])\))(?=\s+[^\W\d_])")
_INLINE_PART_RE = re.compile(r"(?<=\s)(?:I|II|III|IV)\.(?=\s+[^\W\d_])")
# letters printed in a run before their titles: "(a) (b) Appointment of ..."
_LETTER_RUN_RE = re.compile(r"(?<=[\s:;])(?P<run>(?:\([a-z]\)\s+){2,})(?=[^\W\d_])")
# a footnote printed inline in flattened text: "... business * The late submission ..."
_INLINE_NOTE_RE = re.compile(r"(?<=\s)\*(?=\s+[A-Z][a-z])")
# page furniture inside flattened text: "GE.04-51470", "14-58484 (E) 300714", "*1458484*",
# "TD/TIMBER.3/1 Page 2"
_INLINE_FURNITURE_RE = re.compile(
    r"(?<=\s)(?:(?:[A-Z]{1,3}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|\*\d{7,}\*"
    r"|[A-Z][\w.()]*(?:/[\w.()]+)+\s+Page\s+\d{1,4})(?=\s|$)"
)
# a title starts with a capital word followed by a lower-case one ("Report of")
_WORD_PAIR_RE = re.compile(r"(?<=\s)(?=([^\W\d_][\w'’-]*)\s+([^\W\d_]))")


def _title_starts(text: str, pos: int = 0) -> Iterator[int]:
    """Where a title or a sentence may start: a capital word followed by a lower-case one
    ("Report of", "Conformément à")."""
    for m in _WORD_PAIR_RE.finditer(text, pos):
        if m.group(1)[0].isupper() and m.group(2).islower():
            yield m.start()


def _inline_furniture_kind(piece: str) -> FurnitureKind:
    text = piece.strip()
    if text.startswith("*"):
        return FurnitureKind.BARCODE
    return FurnitureKind.RUNNING_HEAD if " Page " in text else FurnitureKind.JOB_NUMBER


def _is_inline_furniture(piece: str) -> bool:
    return _INLINE_FURNITURE_RE.fullmatch(" " + piece, 1) is not None


def _split_heading(piece: str, line: Line, start: int, lang: Lang) -> list[Line] | None:
    """ "Point 1. Élection du Bureau Conformément à l'article ..." -> the heading and its
    paragraph: the paragraph starts at the first capital word that opens a sentence (one
    followed by a lower-case word and not preceded by a function word)."""
    m = _item_word_re(lang).match(piece.lstrip())
    if not m or len(piece) < 100:
        return None
    lead = len(piece) - len(piece.lstrip())
    body_at = lead + m.end()
    for cut in _title_starts(piece, body_at + 1):
        before = piece[body_at:cut].split()
        if len(before) >= 2 and before[-1].lower() not in FUNCTION_WORDS:
            head, rest = piece[lead:cut].rstrip(), piece[cut:]
            return [
                Line(line.number, line.column + start + lead, head),
                Line(line.number, line.column + start + cut, rest.strip()),
            ]
    return None


def _repair_marker_run(piece: str, line: Line, start: int) -> list[Line] | None:
    """ "(a) (b) Appointment of a Committee Report of the Committee" -> one line per letter,
    when the text after the letters has exactly one title start per further letter."""
    m = re.match(r"^\s*(?P<run>(?:\([a-z]\)\s+){2,})", piece)
    if not m:
        return None
    markers = re.findall(r"\([a-z]\)", m.group("run"))
    rest = piece[m.end() :]
    cuts = list(_title_starts(rest))
    if len(cuts) != len(markers) - 1:
        return None
    bounds = [0, *cuts, len(rest)]
    out: list[Line] = []
    for marker, (a, b) in zip(markers, itertools.pairwise(bounds), strict=True):
        title = rest[a:b].strip()
        out.append(Line(line.number, line.column + start + m.end() + a, f"{marker} {title}"))
    return out


# what is left of a job number and barcode in flattened text: "V (E) * *", "GE (S)"
_JOB_RESIDUE_RE = re.compile(
    r"\s+(?:[A-Z]{1,3}\.?(?:\d{2}-\d{5})?)\s*\([A-Z]\)(?:\s*\*\s*\d*\s*\*)?\s*$"
)


def unfold(
    lines: Sequence[Line], lang: Lang
) -> tuple[Sequence[Line], list[Diagnostic], list[Furniture]]:
    """Split lines that hold a whole collapsed document back into one line per item.

    Split points are inline item numbers that run in sequence ("1. ... 2. ... 3."), the
    sub-item letters after them in alphabetical order, and roman part numbers; a number
    out of sequence ("paragraph 4 (c), of") is left in the text. A text with no collapsed
    line (most texts) is given back as it is: no copy of its lines.
    """
    first = _first_collapsed(lines, lang)
    if first is None:
        return lines, [], []
    first_index, first_cuts, expected_after = first
    out: list[Line] = list(lines[:first_index])
    diagnostics: list[Diagnostic] = []
    furniture: list[Furniture] = []
    expected = 1  # the item numbering runs on from one collapsed line (page) to the next
    collapsed = False  # once a collapsed page is met, shorter pages are read the same way
    for index in range(first_index, len(lines)):
        line = lines[index]
        text = line.text
        if index == first_index:  # split points already found
            cuts, expected = first_cuts, expected_after
        elif len(text) < (_COLLAPSED_MIN // 3 if collapsed else _COLLAPSED_MIN) or "\t" in text:
            out.append(line)
            continue
        else:
            cuts, expected = _split_points(text, lang, expected)
        collapsed = collapsed or bool(cuts)
        if not cuts:
            out.append(line)
            continue
        diagnostics.append(
            Diagnostic(
                "collapsed-line-split",
                f"a line holding {len(cuts) + 1} items and headings was split back at their numbers",
                line.number,
                line.column,
            )
        )
        starts = [0, *cuts]
        for start, end in zip(starts, [*cuts, len(text)], strict=True):
            piece = text[start:end]
            if _is_inline_furniture(piece.strip()):
                furniture.append(
                    Furniture(_inline_furniture_kind(piece), piece.strip(), line.number)
                )
                continue
            heading = _split_heading(piece, line, start, lang)
            if heading:
                out.extend(heading)
                continue
            repaired = _repair_marker_run(piece, line, start)
            if repaired:
                out.extend(repaired)
                diagnostics.append(
                    Diagnostic(
                        "numbers-re-paired",
                        "sub-item letters printed before their titles were paired with them",
                        line.number,
                        line.column + start,
                    )
                )
                continue
            residue = _JOB_RESIDUE_RE.search(piece)
            if residue and residue.start() > 0:
                furniture.append(
                    Furniture(FurnitureKind.JOB_NUMBER, residue.group().strip(), line.number)
                )
                piece = piece[: residue.start()]
            stripped = piece.strip()
            if not stripped:
                continue
            if stripped.isdigit() and len(stripped) <= 3:
                # a page number that stood between two pages' text
                furniture.append(Furniture(FurnitureKind.PAGE_NUMBER, stripped, line.number))
                continue
            lead = len(piece) - len(piece.lstrip())
            out.append(Line(line.number, line.column + start + lead, stripped))
    return out, diagnostics, furniture


def _first_collapsed(lines: Sequence[Line], lang: Lang) -> tuple[int, list[int], int] | None:
    """The first line ``unfold`` splits -- its index, its split points and the item number
    expected after it -- or None. Until that line the number expected is 1 and the
    long-line threshold the full one."""
    for index, line in enumerate(lines):
        text = line.text
        if len(text) >= _COLLAPSED_MIN and "\t" not in text:
            cuts, expected = _split_points(text, lang, 1)
            if cuts:
                return index, cuts, expected
    return None


def _split_points(text: str, lang: Lang, expected: int) -> tuple[list[int], int]:
    points: set[int] = set()
    first = expected
    item_cuts: list[int] = []
    # every item number is a number dot: a line with fewer than a split needs (most long
    # lines are prose) is spared the search for item numbers
    if _number_dots(text) < (2 if first == 1 else 1):
        return [], first
    for m in _inline_item_re(lang).finditer(text):
        n = int(m.group("n"))
        if n == expected or (n == 1 and expected > 2):
            item_cuts.append(m.start())
            expected = n + 1
    if len(item_cuts) < (2 if first == 1 else 1):
        return [], first
    points.update(item_cuts)
    # sub-item letters in order after each item cut; a run of letters printed before
    # their titles ("(a) (b) Appointment ... Report ...") is one cut
    bounds = [*item_cuts, len(text)]
    for start, end in itertools.pairwise(bounds):
        letter = "a"
        runs = {m.start(): m for m in _LETTER_RUN_RE.finditer(text, start, end)}
        for m in _INLINE_LETTER_RE.finditer(text, start, end):
            key = m.group("a") or m.group("b")
            if key == letter:
                points.add(m.start())
                letter = chr(ord(letter) + 1)
        for at, run in runs.items():
            keys = re.findall(r"[a-z]", run.group("run"))
            if keys and keys[0] == letter:
                points.add(at)
                letter = chr(ord(keys[-1]) + 1)
        # a document's title set under an item ("2. The situation in Cyprus Report of ...")
        if lang.document_titles:
            for m in re.finditer(rf"(?<=[^\W\d_] )(?:{lang.document_titles})", text[start:end]):
                points.add(start + m.start())
    # a footnote set inline ("... business * The late submission ...") and page furniture
    for m in _INLINE_NOTE_RE.finditer(text):
        points.add(m.start())
    for m in _INLINE_FURNITURE_RE.finditer(text):
        points.update((m.start(), m.end()))
    for m in _INLINE_PART_RE.finditer(text):
        points.add(m.start())
    kw = keywords(lang)
    for m in re.finditer(rf"(?<=\s)(?:{lang.annotations})(?=\s)", text, re.IGNORECASE):
        if m.group()[0].isupper() and kw.annotations.match(m.group()):
            points.add(m.start())
    return sorted(p for p in points if p > 0), expected


# ---------------------------------------------------------------- hyphenation

# a word broken at the line end: "Discrimina-" (a letter before the hyphen, not "-- ")
_HYPHEN_END_RE = re.compile(r"(?<![\w-])(?P<w>[^\W\d_][\w]*)-$")


def _hyphen_end(text: str) -> re.Match[str] | None:
    """The word broken by a hyphen at the end of ``text`` (``_HYPHEN_END_RE``), if any."""
    return _HYPHEN_END_RE.search(text) if anchored_end(text).endswith("-") else None


_LEADING_WORD_RE = re.compile(r"^(?P<w>[^\W\d_][\w]*)(?P<p>[.,;:)\]]*)")
_WORD_RE = re.compile(r"[^\W\d_][\w]*")

# ---------------------------------------------------------------- small line repairs

# a sub-item's letter left at the end of its parent's line: "... therefrom: (a)"
_STRAY_MARKER_RE = re.compile(r"(?<=[:;])\s+(?P<m>\([a-z]{1,4}\))$")

_LONE_MARKER_RE = re.compile(r"^(?:\*{1,3}|\d{1,2}/|\[\d{1,2}\])$")
# a part number alone on a line (set right-aligned, or cut from its heading): "II."
_LONE_NUMERAL_RE = re.compile(r"^[IVX]{1,4}\.?$")
# "I. Provisional Agenda 1.": the first item's number printed at the end of the heading line
_TRAILING_NUMBER_RE = re.compile(r"\s(?P<n>1\.)$")
# the longest line the two patterns of lone things match ("XVII.", and a final newline that
# "$" stands before), and the ends a trailing number needs (its "$" may stand before one too)
_LONE_MAX = 6
_ONE_DOT = ("1.", "1.\n")


def _repairable(lines: Sequence[Line]) -> bool:
    """Whether a repair can start from any of ``lines``: a lone part number or footnote
    marker, or a final "1."."""
    for line in lines:
        text = line.text
        if text.endswith(_ONE_DOT) or (
            0 < len(text) <= _LONE_MAX
            and (_LONE_NUMERAL_RE.match(text) or _LONE_MARKER_RE.match(text))
        ):
            return True
    return False


def repair_lines(
    lines: Sequence[Line], lang: Lang, diagnostics: list[Diagnostic]
) -> Sequence[Line]:
    """Line-level repairs made before the document is cut into regions.

    - ``marker-rejoined``: a footnote marker alone on a line ("*") belongs to the line above
      (a title whose superscript marker was set on a line of its own);
    - ``number-split-off``: a heading that ends with the first item's number ("I. Provisional
      Agenda 1.") is cut in two, so that the number can meet its title below.
    """
    if not _repairable(lines):
        return lines  # most texts: given back as they are, no copy of their lines
    kw = keywords(lang)
    out: list[Line] = []
    pending_numeral: Line | None = None
    for line in lines:
        text = line.text
        if pending_numeral is not None and text:
            numeral, pending_numeral = pending_numeral, None
            if kw.annotations.match(text) or kw.list_heading.match(text) or kw.title.match(text):
                out.pop(out.index(numeral))
                line = Line(line.number, line.column, f"{numeral.text} {text}", line.after_rule)
                text = line.text
                diagnostics.append(
                    Diagnostic(
                        "numeral-rejoined",
                        f"the part number {numeral.text!r}, set apart, was joined to its heading",
                        numeral.number,
                        numeral.column,
                    )
                )
        if text and _LONE_NUMERAL_RE.match(text):
            pending_numeral = line
        if text and _LONE_MARKER_RE.match(text):
            above = next((i for i in range(len(out) - 1, -1, -1) if out[i].text), None)
            if above is not None and heading_like(out[above].text):
                prev = out[above]
                out[above] = Line(prev.number, prev.column, f"{prev.text} {text}", prev.after_rule)
                diagnostics.append(
                    Diagnostic(
                        "marker-rejoined",
                        f"the footnote marker {text!r} on a line of its own was set after the line above",
                        line.number,
                        line.column,
                    )
                )
                continue
        # (the pattern is anchored at the end: only lines that end so are searched)
        m = _TRAILING_NUMBER_RE.search(text) if anchored_end(text).endswith("1.") else None
        if m and kw.list_heading.match(text[: m.start()].strip()):
            out.append(Line(line.number, line.column, text[: m.start()].rstrip(), line.after_rule))
            out.append(Line(line.number, line.column + m.start("n"), m.group("n")))
            diagnostics.append(
                Diagnostic(
                    "number-split-off",
                    "the first item's number, printed at the end of the heading, was set apart",
                    line.number,
                    line.column + m.start("n"),
                )
            )
            continue
        out.append(line)
    return out


class Region(enum.Enum):
    """The parts of an agenda document, in order."""

    FRONT = "front"
    LIST = "list"
    ANNOTATIONS = "annotations"
    ANNEX = "annex"


@dataclass(slots=True)
class _Block:
    """Lines gathered into one token."""

    type: str
    lines: list[Line]
    after_blank: bool = False
    """A blank line stood before the block."""

    @property
    def text(self) -> str:
        lines = self.lines
        if len(lines) == 1:  # most blocks
            return lines[0].text
        return "\n".join([line.text for line in lines])


def _token(block: _Block) -> Token:
    first, last = block.lines[0], block.lines[-1]
    text = block.text
    if block.type == "TABLE":  # a row's leading tabs are its empty first cells
        text = "\n".join("\t" * line.lead_tabs + line.text for line in block.lines)
    end_column = last.column + len(last.text)
    return new_token(block.type, text, first.number, first.column, last.number, end_column)


class LineLexer:
    """Turns a CleanText into tokens; see the module docstring."""

    def __init__(self, clean: CleanText, lang: Lang, shapes: ShapeReader | None = None) -> None:
        """``shapes``: the document's shape reader, when the transformer is to share it."""
        self.clean = clean
        self.lang = lang
        self.kw = keywords(lang)
        unfolded, self.diagnostics, self.furniture = unfold(clean.lines, lang)
        self.lines = repair_lines(unfolded, lang, self.diagnostics)
        self._vocabulary: set[str] | None = None
        self.shapes = shapes if shapes is not None else ShapeReader()
        self._shapes = self.shapes.memo(lang)
        self._bare_shapes = self.shapes.memo(lang, bare_numbers=True)
        self._spans: tuple[tuple[Region, int, int], ...] | None = None

    # -- joining wrapped lines -----------------------------------------------------

    def _append(self, block: _Block, line: Line) -> None:
        """Add a wrapped line to a block, rejoining a word hyphenated at the line end when
        the text itself supports it (see ``_hyphen_join``)."""
        previous = block.lines[-1]
        joined = self._hyphen_join(previous, line)
        if joined is None:
            block.lines.append(line)
            return
        block.lines[-1], rest = joined
        if rest is not None:
            block.lines.append(rest)

    def _hyphen_join(self, previous: Line, line: Line) -> tuple[Line, Line | None] | None:
        """``hyphen-joined`` / ``hyphen-kept``: "Discrimina-" + "tion against ...".

        The word is joined without the hyphen when the joined form occurs elsewhere in the
        text, or when the second part is no word of its own (a split, not a compound); it
        keeps its hyphen ("follow-" + "up") when both parts are words of the text and the
        joined form is not.
        """
        head = _hyphen_end(previous.text)
        tail = _LEADING_WORD_RE.match(line.text)
        if head is None or tail is None:
            return None
        first, second = head.group("w"), tail.group("w")
        if not second[0].islower() and not (first.isupper() and second.isupper()):
            return None  # "Sub-" + "Committee": a capital starts a new word; all capitals wrap
        vocabulary = self.vocabulary
        if first.lower() in self.lang.compound_heads:
            keep = True  # "vingt-quatrième", "twenty-first", "follow-up"
        elif (first + second).lower() in vocabulary:
            keep = False
        else:
            keep = second.lower() in vocabulary and first.lower() in vocabulary
        moved = tail.group()  # the second part, with the punctuation glued to it
        text = previous.text[:-1] + moved if not keep else previous.text + moved
        self.diagnostics.append(
            Diagnostic(
                "hyphen-kept" if keep else "hyphen-joined",
                f"{first}-{second}: {'compound kept' if keep else 'word joined'} across the line end",
                line.number,
                line.column,
            )
        )
        joined = Line(previous.number, previous.column, text, previous.after_rule)
        rest_text = line.text[tail.end() :].lstrip()
        if not rest_text:
            return joined, None
        shift = len(line.text) - len(rest_text)
        return joined, Line(line.number, line.column + shift, rest_text, line.after_rule)

    @property
    def vocabulary(self) -> set[str]:
        """The words of the text, lower case, leaving out the halves of hyphenated words."""
        if self._vocabulary is None:
            words: set[str] = set()
            after_hyphen = False
            for line in self.lines:
                tokens = _WORD_RE.findall(line.text)
                hyphen_end = _hyphen_end(line.text) is not None
                if after_hyphen and tokens:
                    tokens = tokens[1:]
                if hyphen_end and tokens:
                    tokens = tokens[:-1]
                words.update(t.lower() for t in tokens)
                after_hyphen = hyphen_end
            self._vocabulary = words
        return self._vocabulary

    # -- pass 1 helpers ------------------------------------------------------------

    def _shape(self, line: Line, bare: bool = False) -> Shape:
        return self._shape_of(line.text, bare)

    def _shape_of(self, text: str, bare: bool = False) -> Shape:
        # the reader's memos, read here without a call: the passes ask for shapes ~100 times
        memo = self._bare_shapes if bare else self._shapes
        shape = memo.get(text)
        if shape is None:
            shape = memo[text] = shape_of(text, self.lang, bare_numbers=bare)
        return shape

    def _marker_cell(self, text: str) -> bool:
        """ "1.<TAB>Title", "(a)<TAB>Title": a number set off by a tab, not a table row."""
        shape = self._shape_of(text.split("\t", 1)[0])
        return shape.kind is not None and not shape.body.strip()

    def _is_list_heading(self, text: str) -> bool:
        return bool(self.kw.list_heading.match(text))

    def _is_annotations_heading(self, text: str) -> bool:
        return bool(self.kw.annotations.match(text))

    def _is_annex_label(self, text: str) -> bool:
        m = self.kw.annex.match(text)
        if not m:
            return False
        rest = m.group("rest")
        # "Annex" alone, "Annex I", or "Annex: Proposed organization of work"; not a
        # sentence that starts with the word
        return rest is None or (heading_like(rest) and len(rest) < 100 and m.group("label") != text)

    def _is_first_item(self, line: Line, index: int) -> bool:
        if self.kw.agenda_item_line.match(line.text):
            return False
        shape = self._shape(line)
        if not (
            shape.kind is _ARABIC_KIND
            and shape.key is not None
            and _number(shape.key) == 1
            and not paragraph_like(shape.body, self.lang)
        ):
            return False
        # "Point 1. Élection du Bureau" followed by a paragraph heads an annotation
        if _item_word_re(self.lang).match(line.text):
            following = next((ln for ln in self.lines[index + 1 :] if ln.text), None)
            return following is None or not paragraph_like(following.text, self.lang)
        return True

    # -- pass 2: regions -------------------------------------------------------------

    def regions(self) -> list[Region]:
        """The region of every line."""
        return [region for region, start, end in self.spans for _ in range(start, end)]

    @property
    def spans(self) -> tuple[tuple[Region, int, int], ...]:
        """Each region with the indexes of its first line and of the line after its last,
        in order (a region may be empty); worked out once: the lines do not change after
        ``__init__``."""
        if self._spans is None:
            self._spans = self._find_spans()
        return self._spans

    def _find_spans(self) -> tuple[tuple[Region, int, int], ...]:
        n = len(self.lines)
        list_start = self._find_list_start()
        annotations_start = n
        annex_start = n
        if list_start is not None:
            annotations_start = self._find_annotations_start(list_start)
            annex_start = self._find_annex_start(list_start)
            annotations_start = min(annotations_start, annex_start)
        else:
            annotations_start = min(
                self._find_annotations_start(0, heading_only=True), self._first_item_heading()
            )
            annex_start = self._find_annex_start(0)
            annotations_start = min(annotations_start, annex_start)
            list_start = annotations_start
        # each region runs from its start to the next's (a start before the one above it
        # gives an empty region)
        front_end = min(list_start, n)
        list_end = max(front_end, min(annotations_start, n))
        annotations_end = max(list_end, min(annex_start, n))
        return (
            (Region.FRONT, 0, front_end),
            (Region.LIST, front_end, list_end),
            (Region.ANNOTATIONS, list_end, annotations_end),
            (Region.ANNEX, annotations_end, n),
        )

    def _find_list_start(self) -> int | None:
        """The first line of the agenda list (its heading when it has one)."""
        last_heading: int | None = None
        for i, line in enumerate(self.lines):
            text = line.text
            if not text:
                continue
            if self._is_list_heading(text) or (
                self.kw.title.match(text) and not self.kw.agenda_item_line.match(text)
            ):
                last_heading = i
                continue
            if (
                last_heading is not None
                and self._only_blank_or_groups(last_heading + 1, i)
                and self._roman_list_follows(i)
            ):
                # the list's own heading belongs to the list; a document title stays above
                return last_heading if self._is_list_heading(self.lines[last_heading].text) else i
            if self._is_first_item(line, i):
                start = i
                if (
                    last_heading is not None
                    and self._is_list_heading(self.lines[last_heading].text)
                    and self._only_blank_or_groups(last_heading + 1, i)
                ):
                    return last_heading
                # a group heading right before the first item belongs to the list
                j = self._previous_nonblank(i)
                floor = last_heading if last_heading is not None else -1
                if j is not None and j > floor and self._is_group_line(self.lines[j].text):
                    start = j
                return start
        return None

    def _roman_list_follows(self, i: int) -> bool:
        """Items numbered I., II., III. right under the list heading, with no arabic numbers
        among them: a list numbered in roman numerals, not a run of group headings."""
        keys: list[str] = []
        for line in self.lines[i : i + 60]:
            if not line.text:
                continue
            shape = self._shape(line)
            if shape.kind is _ARABIC_KIND:
                return False
            if shape.kind is _UPPER_ROMAN_KIND and shape.key is not None:
                keys.append(shape.key)
        return keys[:3] == ["I", "II", "III"]

    def _only_blank_or_groups(self, start: int, end: int) -> bool:
        """Only blank lines and group or section headings between the list heading and the
        first item."""
        return all(
            not self.lines[k].text
            or self._is_group_line(self.lines[k].text)
            or (heading_like(self.lines[k].text) and len(self.lines[k].text) <= 80)
            for k in range(start, end)
        )

    def _previous_nonblank(self, i: int) -> int | None:
        j = i - 1
        while j >= 0 and not self.lines[j].text:
            j -= 1
        return j if j >= 0 else None

    def _is_group_line(self, text: str) -> bool:
        shape = self._shape_of(text)
        if shape.kind in (_UPPER_KIND, _UPPER_ROMAN_KIND):
            # group headings can be long ("A. Promotion of sustained economic growth ...")
            body = shape.body
            return (
                bool(body)
                and capital(body[0])
                and not body.endswith((*TERMINAL[:2], ",", "。", "；"))
            )
        return (
            shape.kind is None and text.isupper() and 3 <= len(text) <= 80 and not has_symbol(text)
        )

    def _find_annotations_start(self, list_start: int, heading_only: bool = False) -> int:
        seen_item = False
        previous_key = 0
        first_section = ""
        for i in range(list_start, len(self.lines)):
            text = self.lines[i].text
            if not text:
                continue
            if self._is_annotations_heading(text):
                return i
            if heading_only:
                continue
            shape = self._shape(self.lines[i])
            if shape.kind is _ARABIC_KIND and shape.key is not None:
                key = _number(shape.key)
                section = shape.key[: -len(str(key))]  # "INS/" of "INS/1"; "" for plain numbers
                if seen_item and key <= 1 < previous_key and section == first_section:
                    # the numbering starts again: the items are being repeated as headings
                    return i
                if not seen_item:
                    first_section = section
                seen_item = True
                previous_key = max(previous_key, key)
        return len(self.lines)

    def _first_item_heading(self) -> int:
        """With no agenda list, the annotations may start at "Item 1" / "Point 1" headings."""
        word = _item_word_re(self.lang)
        for i, line in enumerate(self.lines):
            m = word.match(line.text) if line.text else None
            if m and m.group("n") == "1" and not self.kw.agenda_item_line.match(line.text):
                return i
        return len(self.lines)

    def _find_annex_start(self, start: int) -> int:
        for i in range(start, len(self.lines)):
            text = self.lines[i].text
            if text and self._is_annex_label(text):
                return i
        return len(self.lines)

    # -- pass 3: tokens --------------------------------------------------------------

    def tokenize(self) -> list[Token]:
        """All tokens of the document, in order (each block made a token as it is read)."""
        read = {
            Region.FRONT: self._front,
            Region.LIST: self._list,
            Region.ANNOTATIONS: self._annotations,
            Region.ANNEX: self._annex,
        }
        tokens: list[Token] = []
        for region, start, end in self.spans:
            if start < end:
                tokens.extend(map(_token, read[region](self.lines[start:end])))
        return tokens

    # front matter: one token per line, typed by the field it holds
    def _front(self, lines: Sequence[Line]) -> Iterator[_Block]:
        seen_title = False
        paragraph: _Block | None = None
        for line in lines:
            text = line.text
            if not text:
                if paragraph is not None:
                    yield paragraph
                    paragraph = None
                continue
            if paragraph is not None:
                if continues(paragraph.lines[-1].text, line, paragraph.lines[0]) or (
                    self._shape(line).kind is None and not self._field_type(line, seen_title)
                ):
                    self._append(paragraph, line)
                    continue
                yield paragraph
                paragraph = None
            if self._footnote_start(line):
                paragraph = _Block("FRONT_FOOTNOTE", [line])
                continue
            shape = self._shape(line)
            if (
                shape.kind is _ARABIC_KIND
                and (seen_title or paragraph_like(shape.body, self.lang))
                and not self.kw.agenda_item_line.match(text)
            ):
                # a numbered introductory paragraph (even a short one with a date in it)
                paragraph = _Block("INTRO_PARA", [line])
                continue
            kind = self._field_type(line, seen_title)
            if kind == "TITLE":
                seen_title = True
            if kind is None:
                kind = "FRONT_TEXT"
            yield _Block(kind, [line])
        if paragraph is not None:
            yield paragraph

    def _field_type(self, line: Line, seen_title: bool) -> str | None:
        kw = self.kw
        text = line.text
        if kw.organization.match(text):
            return "ORGANIZATION"
        if is_symbol(text):
            return "SYMBOL"
        if len(text) < 60 and kw.distribution.search(text):
            return "DISTRIBUTION"
        if len(text) < 60 and kw.original.search(text):
            return "ORIGINAL"
        if kw.only.match(text):
            return "LANGUAGES_ONLY"
        if kw.language_name.match(text):
            return "VERSION_LANGUAGE"
        if kw.agenda_item_line.match(text):
            return "AGENDA_ITEM_LINE"
        if kw.title.match(text) or self._is_list_heading(text):
            return "TITLE"
        if kw.subtitle.match(text):
            return "SUBTITLE"
        if kw.session.match(text):
            return "SESSION"
        if len(text) > 90:
            return None  # a masthead line is short; a long one is searched for fields later
        if has_symbol(text) or kw.distribution.search(text) or kw.original.search(text):
            return None  # a flattened masthead: its fields are searched for later
        date = parse_date(text)
        if date and (
            len(text) - len(date[1].group()) <= 2
            or re.fullmatch(r"[^\W\d_]{2,8}\s*:\s*", text[: date[1].start()])  # "Date: 2 May 2026"
        ):
            return "DATE"
        if parse_date_range(text):
            return "PLACE_DATES"
        return None

    def _footnote_start(self, line: Line, in_notes: bool = False) -> bool:
        """A footnote: "* text" anywhere; "1 text", "1/ text", "[1] text" after a footnote
        rule line or right after another footnote."""
        text = line.text
        if text[:1] == "*" and _STAR_NOTE_RE.match(text):  # (a call spared most lines)
            return True
        return (line.after_rule or in_notes) and bool(_NUMBERED_NOTE_RE.match(text))

    # the agenda list
    def _strip_toc(self, lines: Sequence[Line]) -> Sequence[Line]:
        """A table of contents standing in for the list: page and paragraph numbers at the
        ends of the lines ("... matters 1–14 3") are taken off and recorded."""
        numbered = [ln for ln in lines if ln.text and self._shape(ln).kind is not None]
        tails = [ln for ln in lines if _toc_tail(ln.text)]
        if len(tails) < 3 or len(tails) * 2 < len(numbered):
            return lines
        out: list[Line] = []
        for line in lines:
            m = _toc_tail(line.text)
            if m and m.start() > 0:
                self.furniture.append(
                    Furniture(FurnitureKind.PAGE_NUMBER, m.group().strip(), line.number)
                )
                line = Line(
                    line.number, line.column, line.text[: m.start()].rstrip(), line.after_rule
                )
            out.append(line)
        self.diagnostics.append(
            Diagnostic(
                "toc-page-numbers",
                f"the list is a table of contents: {len(tails)} page references taken off",
                lines[0].number if lines else 0,
                1,
            )
        )
        return out

    def _upper_subitems(self, lines: Sequence[Line]) -> set[int]:
        """Indexes of "A." / "B." lines that are sub-items, not group headings.

        A GA group heading is followed by items; lettered lines that follow each other with
        no item between them (a table of contents' sub-sections) are sub-items of the item
        above them.
        """
        subs: set[int] = set()
        run: list[tuple[int, str]] = []

        def close() -> None:
            if len(run) >= 2 and all(a[1] < b[1] for a, b in itertools.pairwise(run)):
                subs.update(i for i, _ in run)
            run.clear()

        for i, line in enumerate(lines):
            if not line.text:
                continue
            shape = self._shape(line)
            if shape.kind is _UPPER_KIND and shape.key is not None:
                run.append((i, shape.key))
            elif shape.kind is not None:
                close()
            elif (
                run
                and (m := UPPER_NO_DOT_RE.match(line.text))
                and ord(m.group("n")) == ord(run[-1][1]) + 1
            ):
                # "B Civil rights" between "A." and "C.": the letter lost its dot
                run.append((i, m.group("n")))
                self.diagnostics.append(
                    Diagnostic(
                        "number-without-dot",
                        f"{m.group('n')!r} without its dot was read as the letter between its neighbours",
                        line.number,
                        line.column,
                    )
                )
        close()
        return subs

    def _list(self, lines: Sequence[Line]) -> Iterator[_Block]:
        blocks = list(self._list_blocks(lines))
        if not any(b.type == "ITEM" for b in blocks):
            # a list numbered I., II., III. only: its entries are the items
            for block in blocks:
                shape = self._shape(block.lines[0])
                if block.type != "LIST_HEADING" and shape.kind is _UPPER_ROMAN_KIND:
                    block.type = "ITEM"
            merged: list[_Block] = []
            for block in blocks:
                previous = merged[-1] if merged else None
                if (
                    previous is not None
                    and previous.type == "ITEM"
                    and len(previous.lines) == 1
                    and not self._shape(previous.lines[0]).body
                    and block.type in ("UNNUMBERED", "LIST_TEXT")
                ):
                    previous.lines.extend(block.lines)  # "III." alone, its title below
                    continue
                merged.append(block)
            blocks[:] = merged
        self._section_headings(blocks)
        self._structure_unnumbered(blocks)
        # a footnote printed at a page foot can fall between two sub-items: it is linked to
        # its marker, not to its place, so it goes after the list's entries
        yield from (b for b in blocks if b.type != "FOOTNOTE")
        yield from (b for b in blocks if b.type == "FOOTNOTE")

    def _section_headings(self, blocks: list[_Block]) -> None:
        """An unnumbered heading set apart by blank lines right before an item -- "Policy
        Development Section" -- heads a group of items, unless the item above announced
        sub-lines (ends in ":") or the line names a document (a symbol, a closing bracket:
        the report under a Security Council item)."""
        above = ""
        for block, following in itertools.pairwise(blocks):
            if block.type in ("ITEM", "SUBITEM", "SUBSUBITEM"):
                above = block.text.rstrip()
                continue
            text = block.text.strip()
            if (
                block.type in ("UNNUMBERED", "LIST_TEXT")
                and block.after_blank
                and following.type == "ITEM"
                and following.after_blank
                and len(block.lines) == 1
                and heading_like(text)
                and not text.endswith((")", "）"))
                and not has_symbol(text)
                and not above.endswith(COLON)
            ):
                block.type = "GROUP"

    def _list_blocks(self, lines: Sequence[Line]) -> Iterator[_Block]:
        current: _Block | None = None
        after_blank = True
        seen_item = False
        last_letter: str | None = None
        lines = self._strip_toc(lines)
        upper_subs = self._upper_subitems(lines)
        heads = [ln.text for ln in lines if ln.text and self._shape(ln).kind is not None]
        punctuated = sum(h.endswith(TERMINAL) for h in heads) * 3 > len(heads) * 2
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                after_blank = True
                continue
            in_notes = current is not None and current.type == "FOOTNOTE"
            if self._footnote_start(line, in_notes):
                if current is not None:
                    yield current
                current = _Block("FOOTNOTE", [line])
                after_blank = False
                continue
            shape = self._shape(line, bare=seen_item)
            kind = self._list_type(line, shape, last_letter, current is None)
            if index in upper_subs and seen_item:
                kind = "SUBITEM"
            if (
                kind == "GROUP"
                and shape.kind is None
                and current is not None
                and current.type in ("ITEM", "SUBITEM", "SUBSUBITEM")
                and not after_blank
                and continues(current.lines[-1].text, line, current.lines[0])
            ):
                kind = None  # an all-capitals title wrapped onto the next line, not a group
            if kind is None and current is not None:
                if current.type == "FOOTNOTE" and not after_blank:
                    self._append(current, line)
                    continue
                if (
                    current.type in ("ITEM", "SUBITEM", "SUBSUBITEM")
                    and len(current.lines) == 1
                    and not self._shape(current.lines[0]).body
                ):
                    # a number alone on its line: its title is the next line with text
                    self._append(current, line)
                    self.diagnostics.append(
                        Diagnostic(
                            "number-repaired",
                            "a number printed apart from its title was joined to it",
                            line.number,
                            line.column,
                        )
                    )
                    continue
                if (
                    current.type != "FOOTNOTE"
                    and not after_blank
                    and continues(
                        current.lines[-1].text, line, current.lines[0], punctuated=punctuated
                    )
                ):
                    self._append(current, line)
                    continue
            if current is not None:
                yield current
            if kind is None:
                kind = "UNNUMBERED" if seen_item else "LIST_TEXT"
            if kind == "ITEM":
                seen_item = True
                last_letter = None
                self._note_repair(shape, line)
            elif kind == "SUBITEM" and shape.kind is _LETTER_KIND:
                last_letter = shape.key
            current = _Block(kind, [line], after_blank)
            after_blank = False
        if current is not None:
            yield current

    def _structure_unnumbered(self, blocks: list[_Block]) -> None:
        """``numbers-lost``: a list whose item numbers were lost in extraction.

        When most entries of the list carry no number but end in the punctuation of an
        agenda (";", ":", "."), their level follows that punctuation: a title ending in ":"
        opens a list of sub-items, which end in ";" and the last one in "."; a letter left
        at the end of the parent line ("therefrom: (a)") goes to the first sub-item.
        """
        bare = [b for b in blocks if b.type in ("UNNUMBERED", "LIST_TEXT")]
        numbered = [b for b in blocks if b.type in ("ITEM", "SUBITEM", "SUBSUBITEM")]
        ends = sum(b.text.rstrip().endswith(TERMINAL) for b in bare)
        if len(bare) < 4 or len(bare) <= 2 * len(numbered) or ends * 4 < len(bare) * 3:
            return
        types = {1: "ITEM", 2: "SUBITEM", 3: "SUBSUBITEM"}
        level = 1
        carried: str | None = None
        for block in blocks:
            if block.type in ("FOOTNOTE", "LIST_HEADING", "GROUP"):
                continue
            if block.type in ("UNNUMBERED", "LIST_TEXT"):
                block.type = types[level]
                if carried is not None:
                    first = block.lines[0]
                    block.lines[0] = Line(first.number, first.column, f"{carried} {first.text}")
                    carried = None
            else:
                level = {"ITEM": 1, "SUBITEM": 2, "SUBSUBITEM": 3}[block.type]
            last = block.lines[-1]
            stray = (
                _STRAY_MARKER_RE.search(last.text)
                if anchored_end(last.text).endswith(")")
                else None
            )
            if stray:
                carried = stray.group("m")
                block.lines[-1] = Line(last.number, last.column, last.text[: stray.start()])
            text = block.text.rstrip()
            if text.endswith(COLON):
                level = min(3, level + 1)
            elif text.endswith(FULL_STOP) and level > 1:
                level -= 1
        self.diagnostics.append(
            Diagnostic(
                "numbers-lost",
                f"{len(bare)} list entries without numbers were placed by their punctuation",
                blocks[0].lines[0].number if blocks else 0,
                1,
            )
        )

    def _list_type(
        self, line: Line, shape: Shape, last_letter: str | None, first: bool
    ) -> str | None:
        text = line.text
        if first and self._is_list_heading(text):
            return "LIST_HEADING"
        kind = shape.kind
        if kind is _ARABIC_KIND:
            return "ITEM"
        if kind is _DECIMAL_KIND:
            return "SUBITEM"
        if kind is _ROMAN_KIND and shape.key is not None:
            if _continues_letters(shape.key, last_letter):
                return "SUBITEM"
            return "SUBSUBITEM" if last_letter is not None else "SUBITEM"
        if kind is _LETTER_KIND:
            return "SUBITEM"
        if self._is_group_line(text):
            return "GROUP"
        return None

    def _note_repair(self, shape: Shape, line: Line) -> None:
        if shape.repaired:
            self.diagnostics.append(
                Diagnostic(
                    shape.repaired,
                    f"a number printed before the item number was left out: {line.text[:40]!r}",
                    line.number,
                    line.column,
                )
            )

    # the annotations
    def _annotations(self, lines: Sequence[Line]) -> Iterator[_Block]:
        items = self._list_titles()
        yield from self._blocks(lines, items, annex=False)

    def _annex(self, lines: Sequence[Line]) -> Iterator[_Block]:
        yield from self._blocks(lines, {}, annex=True)

    def _list_titles(self) -> dict[str, str]:
        """Item number -> folded title, from the agenda list (for telling headings apart)."""
        titles: dict[str, str] = {}
        _, start, end = self.spans[1]  # (Region.LIST, ...): the spans are in region order
        for line in self.lines[start:end]:
            if line.text:
                shape = self._shape(line)
                if shape.kind is not None and shape.key is not None:
                    titles.setdefault(
                        f"{shape.kind.value}:{shape.key}", normalise_title(shape.body)
                    )
        return titles

    def _blocks(
        self, lines: Sequence[Line], titles: dict[str, str], *, annex: bool
    ) -> Iterator[_Block]:
        current: _Block | None = None
        after_blank = True
        in_docs = False
        last_letter: str | None = None
        first = True
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                after_blank = True
                continue
            in_notes = current is not None and current.type == "FOOTNOTE"
            kind = self._block_type(line, titles, first, annex, in_docs, last_letter, in_notes)
            if kind == "HEADING" and index + 1 < len(lines) and lines[index + 1].text:
                kind = None  # a short first line of a paragraph, not a heading
            first = False
            if (
                kind in (None, "HEADING")
                and current is not None
                and current.type in ("ANN_ITEM", "ANN_SUBITEM", "HEADING", "ANNEX_LABEL")
                and not after_blank
                and continues(current.lines[-1].text, line, current.lines[0])
            ):
                self._append(current, line)  # a wrapped heading
                continue
            if (
                kind == "HEADING"
                and current is not None
                and current.type in ("ANN_ITEM", "ANN_SUBITEM")
                and len(current.lines) == 1
                and not self._shape(current.lines[0]).body
            ):
                # "Item 1" alone, its title on the next line
                current.lines.append(line)
                self.diagnostics.append(
                    Diagnostic(
                        "number-repaired",
                        "a number printed apart from its title was joined to it",
                        line.number,
                        line.column,
                    )
                )
                continue
            if (
                kind is None
                and current is not None
                and current.type
                in (
                    "PARA",
                    "FOOTNOTE",
                    "LIST_ENTRY",
                    "DOC_ENTRY",
                )
            ):
                joined = not after_blank and continues(
                    current.lines[-1].text, line, current.lines[0]
                )
                if not joined and current.type != "DOC_ENTRY" and not after_blank:
                    joined = not _ends_sentence(current.lines[-1].text) or current.type == "PARA"
                if not joined and after_blank and current.type in ("PARA", "LIST_ENTRY"):
                    # a paragraph cut by a page break: the next part starts in lower case
                    joined = text[0].islower() and not _ends_sentence(current.lines[-1].text)
                    if joined:
                        self.diagnostics.append(
                            Diagnostic(
                                "paragraph-rejoined",
                                "a paragraph split by a page break was joined back",
                                line.number,
                                line.column,
                            )
                        )
                if joined:
                    self._append(current, line)
                    after_blank = False
                    continue
            if kind == "TABLE" and current is not None and current.type == "TABLE":
                current.lines.append(line)
                after_blank = False
                continue
            if current is not None:
                yield current
            if kind is None:
                kind = "DOC_ENTRY" if in_docs else "PARA"
            if kind == "DOC_HEADING":
                in_docs = True
            elif kind not in ("DOC_ENTRY", "FOOTNOTE") and not (kind == "PARA" and in_docs):
                in_docs = False
            if kind in ("ANN_ITEM",):
                last_letter = None
            if kind == "ANN_SUBITEM":
                shape = self._shape(line)
                if shape.kind is _LETTER_KIND:
                    last_letter = shape.key
            current = _Block(kind, [line])
            after_blank = False
        if current is not None:
            yield current

    def _block_type(
        self,
        line: Line,
        titles: dict[str, str],
        first: bool,
        annex: bool,
        in_docs: bool,
        last_letter: str | None,
        in_notes: bool = False,
    ) -> str | None:
        text = line.text
        if first and annex:
            return "ANNEX_LABEL"
        if first and self._is_annotations_heading(text):
            return "ANNOTATIONS_HEADING"
        if "\t" in text and not self._marker_cell(text):
            # "FCCC/SBI/2026/1<TAB>Provisional agenda ...": a documentation entry in two columns
            return "DOC_ENTRY" if in_docs else "TABLE"
        if self._footnote_start(line, in_notes):
            return "FOOTNOTE"
        if self.kw.documentation.match(text):
            return "DOC_HEADING"
        if annex and self._is_annex_label(text):
            return "ANNEX_LABEL"
        shape = self._shape(line)
        if not annex and shape.kind is not None and shape.key is not None:
            known = titles.get(f"{shape.kind.value}:{shape.key}")
            matches = known is not None and _same_title(known, normalise_title(shape.body))
            if shape.kind is _ARABIC_KIND and (
                matches
                or _item_word_re(self.lang).match(text)
                or (not titles and heading_like(shape.body))
            ):
                return "ANN_ITEM"
            if shape.kind is _UPPER_ROMAN_KIND and matches:
                return "ANN_ITEM"  # a list numbered I., II. repeated in the annotations
            if shape.kind is _DECIMAL_KIND and (matches or heading_like(shape.body)):
                return "ANN_SUBITEM"
            if shape.kind is _LETTER_KIND and (
                matches or (heading_like(shape.body) and not in_docs)
            ):
                return "ANN_SUBITEM"
            if shape.kind is _ROMAN_KIND and (
                matches and _continues_letters(shape.key, last_letter)
            ):
                return "ANN_SUBITEM"
            if shape.kind in (_LETTER_KIND, _ROMAN_KIND):
                return "LIST_ENTRY"
            if shape.kind is _ARABIC_KIND:
                return "PARA"
        if shape.kind in (_LETTER_KIND, _ROMAN_KIND):
            return "LIST_ENTRY"
        if shape.kind is _ARABIC_KIND:
            return "PARA"
        # (the cheap tests first: most lines here are long lines of prose)
        if len(text) < 90 and not in_docs and heading_like(text) and not has_symbol(text):
            return "HEADING"
        return None


def _same_title(known: str, folded: str) -> bool:
    """Whether a folded title is the list's title ``known`` (either may be cut short)."""
    return bool(folded) and (known.startswith(folded[:40]) or folded.startswith(known[:40]))


_FINAL_DIGITS_RE = re.compile(r"\d+$")


def _number(key: str) -> int:
    """The number at the end of an item key: "12" -> 12, "INS/3" -> 3."""
    digits = _FINAL_DIGITS_RE.search(key)
    return int(digits.group()) if digits else 0


def _toc_tail(text: str) -> re.Match[str] | None:
    """The page (and paragraph) numbers at the end of a contents line, if any. The pattern
    ends in a digit; other lines are spared its search from every position."""
    return _TOC_TAIL_RE.search(text) if anchored_end(text)[-1:].isdigit() else None


def _continues_letters(key: str, last_letter: str | None) -> bool:
    """Whether a roman-looking ``key`` ("i", "v") is in fact the next letter after ``last_letter``."""
    return (
        last_letter is not None
        and len(key) == 1
        and len(last_letter) == 1
        and ord(key) == ord(last_letter) + 1
    )


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((*TERMINAL, "?", "!", ")", "”", '"', "）", "」"))
