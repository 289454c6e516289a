"""Language tables: every word the reader looks for, one table per language.

Grammar rules and the line classifier never spell out English (or French, or Spanish)
words: they ask these tables. A new language is a new ``Lang`` entry here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lang:
    """The words of one language, as alternatives of regular expressions (case-insensitive)."""

    code: str
    """ISO 639-2 code (``eng``)."""
    tag: str
    """RFC 4646 / BCP 47 tag (``en``) for ``xml:lang``."""
    months: tuple[str, ...]
    """Month names January..December, lower case (accents as printed)."""
    organization: str
    distribution: str
    """The "Distr." line; group ``kind`` holds the distribution word."""
    original: str
    """The "Original:" label."""
    language_names: dict[str, str]
    """Language names as printed (lower case) -> ISO 639-2 code."""
    only: str
    """The limited-languages line ("English, French and Spanish only")."""
    title: str
    """Document titles of agendas ("Provisional agenda and annotations")."""
    list_heading: str
    """Headings that open the agenda list itself ("Provisional agenda")."""
    annotations: str
    """Headings that open the annotations part."""
    documentation: str
    annex: str
    item_word: str
    """The word before an item number ("Item 3", "Point 3", "Tema 3")."""
    agenda_item_line: str
    """The "Item 2 of the provisional agenda" masthead line."""
    session: str
    subtitle: str
    """Subtitles under the title: "Note by the Secretariat"."""
    stopwords: frozenset[str]
    """Frequent short words, for telling the language of a text."""
    date_forms: tuple[str, ...] = ()
    """Date patterns with groups ``d``, ``m`` (month name) and ``y``."""
    verbs: str = ""
    """Auxiliary verbs that mark a sentence (an introductory paragraph, not an item title)."""
    weekdays: tuple[str, ...] = ()
    """Day names, lower case (a day name is not a place: "Tuesday, 14 April 2026")."""
    recycle: str = ""
    """The "Please recycle" line at the foot of the last page."""
    document_titles: str = ""
    """How the title of a document set under an item starts (Security Council agendas:
    "Report of the Secretary-General on ...", "Letter dated ...")."""
    function_words: frozenset[str] = frozenset()
    """Articles, prepositions and conjunctions: a title line ending in one is unfinished,
    and they are not initials in a name ("Working Group on ..." -> "wg...")."""


ENGLISH = Lang(
    code="eng",
    tag="en",
    months=(
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    organization=r"united\s+nations",
    distribution=(
        r"(?:distr\.?\s*:?\s*|\b(?=(?:general|limited|restricted)\s+distribution\b))"
        r"(?P<kind>general|limited|restricted)"
    ),
    original=r"original\s*:",
    language_names={
        "english": "eng",
        "french": "fra",
        "spanish": "spa",
        "russian": "rus",
        "arabic": "ara",
        "chinese": "zho",
    },
    only=r"(?:english|french|spanish|russian|arabic|chinese)(?:\s*,\s*\w+)*\s+and\s+\w+\s+only",
    title=(
        r"(?:draft\s+|revised\s+)?(?:annotated\s+)?(?:provisional\s+|preliminary\s+)?"
        r"(?:annotated\s+)?agenda(?:\s+and\s+annotations)?(?:\s+and\s+timetable)?"
        r"|preliminary\s+list\s+of\s+items(?:\s+to\s+be\s+included\s+in\s+the\s+provisional"
        r"\s+agenda)?(?:\s+.*)?"
        r"|annotations\s+to\s+the\s+(?:provisional\s+)?agenda(?:\s+.*)?"
        r"|(?:annotated\s+)?(?:provisional\s+|preliminary\s+)?agenda\s+(?:for|of)\s+the\s+.+"
        r"|items\s+included\s+in\s+the\s+provisional\s+agenda.*"
    ),
    list_heading=(r"(?:draft\s+)?(?:provisional\s+|preliminary\s+)?(?:annotated\s+)?agenda"),
    annotations=r"annotations(?:\s+to\s+the\s+(?:provisional\s+)?agenda)?",
    documentation=r"documentation",
    annex=r"annex(?:es)?",
    item_word=r"(?:agenda\s+)?item",
    agenda_item_line=(
        r"(?:provisional\s+agenda\s+)?items?\s+[\w.() ,]+?\s+of\s+the\s+"
        r"(?:provisional\s+|preliminary\s+|annotated\s+)*agenda"
        r"|(?:provisional\s+)?agenda\s+items?\s+\d[\w.() ,]*$"
    ),
    session=(
        r"(?:[\w-]+\s+)?(?:regular\s+|special\s+|resumed\s+|organizational\s+)?"
        r"(?:session|meeting)(?:\s*\(.*\))?"
    ),
    subtitle=(r"(?:note|report|memorandum)\s+(?:by|of)\s+the\s+[\w\s-]+"),
    stopwords=frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "for",
            "on",
            "by",
            "with",
            "is",
            "be",
            "will",
            "at",
            "from",
            "that",
            "this",
            "as",
            "are",
        ]
    ),
    date_forms=(
        r"(?P<d>\d{1,2})\s+(?P<m>[a-z]+)\s*,?\s+(?P<y>\d{4})",
        r"(?P<m>[a-z]+)\s+(?P<d>\d{1,2}),\s*(?P<y>\d{4})",
    ),
    verbs=r"will|shall|would|was|were|has|have|had|is|are|been",
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    recycle=r"please\s+recycle",
    document_titles=(
        r"Report of the Secretary-General\b|Letter dated\b|Identical letters dated\b"
        r"|Note by the (?:President|Secretary-General)\b"
    ),
    function_words=frozenset(
        "the of and or in on for to by with a an at from between its their".split()  # noqa: SIM905
    ),
)

FRENCH = Lang(
    code="fra",
    tag="fr",
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    organization=r"nations\s+unies|organisation\s+des\s+nations\s+unies",
    distribution=r"distr\.?\s*:?\s*(?P<kind>générale|generale|limitée|limitee|restreinte)",
    original=r"original\s*:",
    language_names={
        "anglais": "eng",
        "français": "fra",
        "francais": "fra",
        "espagnol": "spa",
        "russe": "rus",
        "arabe": "ara",
        "chinois": "zho",
    },
    only=r"(?:anglais|français|espagnol|russe|arabe|chinois)(?:\s*,\s*\w+)*\s+et\s+\w+\s+seulement",
    title=(
        r"ordre\s+du\s+jour(?:\s+provisoire)?(?:\s+annoté)?(?:\s+et\s+annotations)?"
        r"(?:\s+(?:de|pour)\s+.+)?"
        r"|annotations\s+de\s+l[’']ordre\s+du\s+jour(?:\s+provisoire)?.*"
        r"|liste\s+préliminaire.*"
    ),
    list_heading=r"ordre\s+du\s+jour(?:\s+provisoire)?(?:\s+annoté)?",
    annotations=r"annotations(?:\s+(?:de|à)\s+l[’']ordre\s+du\s+jour(?:\s+provisoire)?)?",
    documentation=r"documentation",
    annex=r"annexes?",
    item_word=r"point",
    agenda_item_line=r"points?\s+[\w.() ,]+?\s+de\s+l[’']ordre\s+du\s+jour(?:\s+provisoire)?",
    session=r"(?:[\w-]+\s+)?(?:session|réunion)(?:\s+(?:ordinaire|extraordinaire))?",
    subtitle=r"(?:note|rapport)\s+(?:du|de\s+la|de\s+l[’'])\s*[\w\s-]+",
    stopwords=frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "en",
            "un",
            "une",
            "pour",
            "par",
            "sur",
            "dans",
            "au",
            "aux",
            "est",
            "sont",
            "qui",
            "que",
        ]
    ),
    date_forms=(r"(?P<d>\d{1,2})(?:er)?\s+(?P<m>[a-zéû]+)\s+(?P<y>\d{4})",),
    verbs=r"sera|seront|serait|est|sont|était|a\s+été|ont|avait",
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    recycle=r"(?:merci\s+de|prière\s+de)\s+recycler",
    function_words=frozenset("de du des la le les l et ou en sur pour par à au aux".split()),  # noqa: SIM905
)

SPANISH = Lang(
    code="spa",
    tag="es",
    months=(
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    organization=r"naciones\s+unidas",
    distribution=r"distr\.?\s*:?\s*(?P<kind>general|limitada|reservada|restringida)",
    original=r"original\s*:",
    language_names={
        "inglés": "eng",
        "ingles": "eng",
        "francés": "fra",
        "frances": "fra",
        "español": "spa",
        "espanol": "spa",
        "ruso": "rus",
        "árabe": "ara",
        "arabe": "ara",
        "chino": "zho",
    },
    only=r"(?:inglés|francés|español|ruso|árabe|chino)(?:\s*,\s*\w+)*\s+y\s+\w+\s+únicamente",
    title=(
        r"programa(?:\s+provisional)?(?:\s+anotado)?(?:\s+y\s+anotaciones)?(?:\s+(?:de|para)\s+.+)?"
        r"|anotaciones\s+al\s+programa(?:\s+provisional)?.*"
        r"|lista\s+preliminar.*"
    ),
    list_heading=r"programa(?:\s+provisional)?(?:\s+anotado)?",
    annotations=r"anotaciones(?:\s+al\s+programa(?:\s+provisional)?)?",
    documentation=r"documentación|documentacion",
    annex=r"anexos?",
    item_word=r"tema",
    agenda_item_line=r"temas?\s+[\w.() ,]+?\s+del\s+programa(?:\s+provisional)?",
    session=r"(?:[\w-]+\s+)*período\s+(?:extraordinario\s+)?de\s+sesiones|(?:[\w-]+\s+)?reunión",
    subtitle=r"(?:nota|informe)\s+(?:del|de\s+la)\s+[\w\s-]+",
    stopwords=frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "del",
            "de",
            "y",
            "en",
            "un",
            "una",
            "para",
            "por",
            "con",
            "que",
            "se",
            "es",
            "son",
            "al",
        ]
    ),
    date_forms=(r"(?P<d>\d{1,2})\s+de\s+(?P<m>[a-z]+)\s+de\s+(?P<y>\d{4})",),
    verbs=r"será|serán|sería|es|son|fue|fueron|ha|han|había|está|están",
    weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    recycle=r"se\s+ruega\s+reciclar",
    function_words=frozenset("de del el la los las y o en sobre para por con a al".split()),  # noqa: SIM905
)

LANGUAGES: dict[str, Lang] = {lang.code: lang for lang in (ENGLISH, FRENCH, SPANISH)}
"""Every language the reader knows, by ISO 639-2 code."""

_WORD = re.compile(r"[^\W\d_]+")


FUNCTION_WORDS: frozenset[str] = frozenset().union(
    *(lang.function_words for lang in LANGUAGES.values())
)
"""The function words of every known language (a text's language is not always known)."""


def detect_language(text: str) -> Lang:
    """Tell the language of ``text`` from its most frequent short words (English by default)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for match in _WORD.finditer(text[:20000]):
        word = match.group().lower()
        for code, lang in LANGUAGES.items():
            if word in lang.stopwords:
                counts[code] += 1
    best = max(counts, key=lambda code: counts[code])
    return LANGUAGES[best] if counts[best] > counts["eng"] * 1.2 else ENGLISH


def language_code(name: str) -> str | None:
    """The ISO 639-2 code of a language name printed in any known language ("anglais")."""
    key = name.strip().strip(".").lower()
    for lang in LANGUAGES.values():
        if key in lang.language_names:
            return lang.language_names[key]
    return None


def month_number(name: str) -> int | None:
    """The month number (1-12) of a month name printed in any known language."""
    key = name.strip().strip(".").lower()
    for lang in LANGUAGES.values():
        if key in lang.months:
            return lang.months.index(key) + 1
        for i, month in enumerate(lang.months):
            if len(key) >= 3 and month.startswith(key):
                return i + 1
    return None
