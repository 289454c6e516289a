"""Shared regular expressions: UN document symbols, numbers, dates.

Every pattern here is linear (no nested quantifiers over overlapping classes), because
it runs over every line of every input, damaged or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeAlias

from agendaparse.lang import LANGUAGES, month_number

# One segment of a symbol: a series letter group, optionally with a number after a dot
# ("WG.4", "CN.15", "Rev.2", "L.280") and a parenthesised part ("EX(46)"), or a number
# ("2009", "13", "7229").
_SEGMENT = (
    r"(?:[A-Z]{2,5} \d{1,4}(?=/)"  # the Codex form "CX/CAC 26/49/2"
    r"|[A-Z][A-Za-z]{0,9}\d{0,4}(?:\.\d{1,4}[A-Za-z]?|\.[IVX]{1,4}\b)?(?:\([A-Z0-9.]{1,8}\))?"
    r"|\d{1,5}[A-Za-z]?(?:\.\d{1,4})?)"
)

SYMBOL_RE = re.compile(
    r"(?<![\w/.])"
    # the first segment is a series (letters first), or the FAO form "CL 115"
    # (the letters and digits of the series are possessive: giving one back can never lead to
    # the slash, and trying costs most of the scan over running text)
    r"(?:[A-Z]{1,4} \d{1,4}(?=/)|[A-Z][A-Za-z]{0,9}+\d{0,4}+(?:\.\d{1,4})?(?:\([A-Z0-9.]{1,8}\))?)"
    rf"(?:/{_SEGMENT}){{1,8}}"
    r"(?: (?:Add|Rev|Corr)\.\d{1,3})*"  # "CX/CAC 26/49/3 Add.1": a part set after a space
    r"(?![\w/])"
)
"""A UN document symbol: ``A/64/150``, ``CTOC/COP/WG.4/2009/CRP.1``, ``TD/B/EX(46)/1``."""

# a decision number such as "XII/34" (a roman numeral and one number), not a symbol; a
# series that happens to be made of roman letters ("LC/SES.41/1") is a symbol
_ROMAN_SERIES = re.compile(r"^[IVXLC]+/\d+$")


# The longest first segment of a symbol ("ABCDEFGHIJ1234.1234(ABCDEFGH)"): a symbol starts at
# most this many characters before its first slash.
_FIRST_SEGMENT_MAX = 29
_DIGIT_RE = re.compile(r"\d")


# Where a symbol can start: a capital that starts a word (the pattern's look-behind, here
# after the capital, which lets the search skip to capitals) and runs on to a slash without
# a space ("CTOC/", "EX(46)/") or, in the form "CL 115/", with one space before a number.
# Only a test that spares the pattern most capitals before a slash ("Crime (CTOC/..."):
# the pattern decides.
_SYMBOL_START = re.compile(r"[A-Z](?<![\w/.].)(?=[\w.()]*/|[A-Z]{0,3} \d{1,4}/)")


def _symbol_matches(text: str) -> Iterator[re.Match[str]]:
    return matches_near_slashes(SYMBOL_RE, text, _FIRST_SEGMENT_MAX, _SYMBOL_START)


def matches_near_slashes(
    pattern: re.Pattern[str], text: str, reach: int, first: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every match starts where
    ``first`` matches and has a slash at most ``reach`` characters after its start, found
    faster: the pattern is only tried where ``first`` matches up to ``reach`` before each
    slash, in order, so the first match is still the leftmost one and nothing differs --
    and a slash that starts nothing ("and/or", "decision 4/4") costs no scan of the rest.
    ``first`` is searched up to the slash and may look ahead at it (but not match it)."""
    pos = 0
    slash = text.find("/")
    while slash != -1:
        found = None
        candidate = first.search(text, max(pos, slash - reach), slash + 1)
        while candidate is not None:
            found = pattern.match(text, candidate.start())
            if found is not None:
                break
            candidate = first.search(text, candidate.start() + 1, slash + 1)
        if found is None:
            slash = text.find("/", slash + 1)
            continue
        yield found
        pos = found.end()
        slash = text.find("/", pos)


def _cited(m: re.Match[str]) -> bool:
    # every UN symbol has a number somewhere; "XII/34" is a decision number
    found = m.group()
    return _DIGIT_RE.search(found) is not None and _ROMAN_SERIES.match(found) is None


def find_symbols(text: str) -> list[re.Match[str]]:
    """The symbols cited in ``text``, leaving out decision numbers such as ``XII/34`` and
    letter pairs such as ``N/A`` (every UN symbol has a number somewhere)."""
    if "/" not in text:  # every symbol has a slash: most text has none
        return []
    return [m for m in _symbol_matches(text) if _cited(m)]


def has_symbol(text: str) -> bool:
    """Whether ``text`` cites at least one symbol (``bool(find_symbols(text))``, sooner)."""
    if "/" not in text:
        return False
    return any(_cited(m) for m in _symbol_matches(text))


def is_symbol(text: str) -> bool:
    """Whether ``text`` (stripped) is exactly one UN document symbol."""
    text = text.strip()
    if "/" not in text:
        return False
    # the leftmost match is the one a scan finds first: it must be the whole text
    m = SYMBOL_RE.match(text)
    return m is not None and m.end() == len(text) and _cited(m)


def anchored_end(text: str) -> str:
    """``text`` as a pattern's ``$`` sees its end: a final newline left out. Tests on this
    spare lines the search of a pattern anchored at the end, which is tried from every
    position of the line."""
    return text.removesuffix("\n")


def month_names() -> list[str]:
    """Every month name of every language written with letters, lower-cased; an Arabic
    double name ("آذار/مارس") also by either half."""
    names: set[str] = set()
    for lang in LANGUAGES.values():
        if lang.script == "CJK":
            continue  # Chinese dates are numbers: 2009年3月5日
        for month in lang.months:
            names.add(month.lower())
            names.update(month.lower().split("/"))
    return sorted(names)


def alternatives(words: list[str]) -> str:
    """A pattern matching any of ``words`` (case as the pattern's flags say), a space
    standing for any white space: the words as a tree of shared beginnings, so that a
    position where no word starts is left after one test per first character instead of
    one per word. A longer word is tried before a word it begins with, as in a list of
    alternatives sorted longest first, and words that differ at a character never match
    the same text: what matches is what that list would match.

    Words are written with single spaces between their parts (``" ".join(word.split())``):
    a white-space run is then always followed by a character that is not white space, so
    the shared ``\\s+`` never has to give back what a longer word would need.

    Raises:
        ValueError: a word is empty or has other white space.
    """
    tree: _Tree = {}
    for word in words:
        if not word or word != " ".join(word.split()):
            raise ValueError(f"not a word with single spaces: {word!r}")
        node = tree
        for char in word:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node[""] = {}  # a word ends here
    return _alternatives_of(tree)


_Tree: TypeAlias = "dict[str, _Tree]"
"""Words by their next character (a pattern token); the key "" marks a word's end."""


def _alternatives_of(node: _Tree) -> str:
    branches = [token + _alternatives_of(child) for token, child in node.items() if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here, and longer words go on: they are tried first
        return body + "?" if len(branches) > 1 else f"(?:{body})?"
    return body


_MONTHS = alternatives(month_names())

DATE_RE = re.compile(
    rf"(?P<d>\d{{1,2}})(?:er)?\s+(?:de\s+)?(?P<m>{_MONTHS})\.?\s*,?\s+(?:de\s+)?(?P<y>\d{{4}})"
    r"(?:\s+года|\s+г\.)?"  # Russian: "5 марта 2009 года"
    rf"|(?P<m2>{_MONTHS})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日",
    re.IGNORECASE,
)
"""A full date in any known language: "5 March 2009", "5 mars 2009", "25 de agosto de 2017"."""

# "14 and 15 April 2009", "26–30 July 2004", "17 January-4 February 1994", "2-6 November 2015",
# "8 a 18 de junio de 2026", "from 8 to 17 October 2008"
DATE_RANGE_RE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:er)?(?:\s+(?:de\s+)?(?P<m1>{_MONTHS}))?(?:\s+(?P<y1>\d{{4}}))?"
    r"\s*(?:-|–|—|and|to|au|et|a|al|y|по|и|إلى|و)\s*"
    rf"(?P<d2>\d{{1,2}})\s+(?:de\s+)?(?P<m2>{_MONTHS})\s*,?\s+(?:de\s+)?(?P<y2>\d{{4}})"
    # 2026年5月18日至22日, 2026年5月30日至6月2日
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日?\s*(?:至|-|–)\s*"
    r"(?:(?P<m4>\d{1,2})\s*月\s*)?(?P<d4>\d{1,2})\s*日",
    re.IGNORECASE,
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def ascii_digits(text: str) -> str:
    """Arabic-Indic digits as ASCII digits, one character for one (offsets are kept)."""
    return text.translate(_DIGITS)


def iso_date(year: str, month: str, day: str) -> str | None:
    """An ISO date from printed parts, or None when they do not make a real date."""
    m = month_number(month)
    if m is None:
        return None
    try:
        y, d = int(year), int(day)
    except ValueError:
        return None
    if not 1 <= y <= 9999 or not 1 <= d <= _days_in_month(y, m):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _days_in_month(year: int, month: int) -> int:
    # the Gregorian calendar, as ``datetime.date`` checks it (whose import costs more)
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_YEAR_RE = re.compile(r"\d{4}")
"""Every full date and date range has a year (or a Chinese date's four digits)."""


def parse_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first full date in ``text`` as (ISO date, match)."""
    if _YEAR_RE.search(text) is None:  # what most text has not; spares the full search
        return None
    for match in DATE_RE.finditer(ascii_digits(text)):
        if match.group("d"):
            iso = iso_date(match.group("y"), match.group("m"), match.group("d"))
        elif match.group("d3"):
            iso = iso_date(match.group("y3"), match.group("m3"), match.group("d3"))
        else:
            iso = iso_date(match.group("y2"), match.group("m2"), match.group("d2"))
        if iso:
            return iso, match
    return None


def parse_date_range(text: str) -> tuple[str, str, re.Match[str]] | None:
    """The first date range in ``text`` as (start, end, match); a lone date gives start == end."""
    if _YEAR_RE.search(text) is None:
        return None
    for match in DATE_RANGE_RE.finditer(ascii_digits(text)):
        if match.group("y3"):
            year, month = match.group("y3"), match.group("m3")
            first = iso_date(year, month, match.group("d3"))
            last = iso_date(year, match.group("m4") or month, match.group("d4"))
            if first is not None and last is not None and first <= last:
                return first, last, match
            continue
        end = iso_date(match.group("y2"), match.group("m2"), match.group("d2"))
        if end is None:
            continue
        start = iso_date(
            match.group("y1") or match.group("y2"),
            match.group("m1") or match.group("m2"),
            match.group("d1"),
        )
        if start is not None and start <= end:
            return start, end, match
    single = parse_date(text)
    if single:
        return single[0], single[0], single[1]
    return None
