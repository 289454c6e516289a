"""Language tables: every word the reader looks for, one table per language.

Grammar rules and the line classifier never spell out English (or French, or Spanish)
words: they ask these tables. A new language is a new ``Lang`` entry here.
"""

from __future__ import annotations

import functools
import re
import string
from collections import Counter
from dataclasses import dataclass
from itertools import repeat


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
    spaced_colon: bool = False
    """The language sets a space before a colon ("Original : anglais")."""
    compound_heads: frozenset[str] = frozenset()
    """First parts of words that keep their hyphen when broken at a line end ("twenty-",
    "follow-", "non-"): number words and a few fixed compounds."""
    script: str = "LATIN"
    """The writing system (the first word of the Unicode names of its letters)."""
    part_words: str = ""
    """Words that number the parts of a document ("أولاً", "ثانياً"), besides I., II."""
    item_suffix: str = ""
    """What may follow an item number in an annotation heading ("of the agenda")."""


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
    verbs=r"will|shall|would|was|were|has|have|had|is|are|been",
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    recycle=r"please\s+recycle",
    compound_heads=frozenset(
        "twenty thirty forty fifty sixty seventy eighty ninety follow non self co".split()  # noqa: SIM905
    ),
    item_suffix=r"of\s+the\s+(?:provisional\s+)?agenda",
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
    verbs=r"sera|seront|serait|est|sont|était|a\s+été|ont|avait",
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    recycle=r"(?:merci\s+de|prière\s+de)\s+recycler",
    spaced_colon=True,
    compound_heads=frozenset(
        "vingt trente quarante cinquante soixante quatre dix sous non".split()  # noqa: SIM905
    ),
    item_suffix=r"de\s+l[’']ordre\s+du\s+jour(?:\s+provisoire)?",
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
    distribution=r"(?:distr\.?|distribución)\s*:?\s*(?P<kind>general|limitada|reservada|restringida)",
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
    verbs=r"será|serán|sería|es|son|fue|fueron|ha|han|había|está|están",
    weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    recycle=r"se\s+ruega\s+reciclar",
    item_suffix=r"del\s+programa(?:\s+provisional)?",
    function_words=frozenset("de del el la los las y o en sobre para por con a al".split()),  # noqa: SIM905
)

# The Russian, Arabic and Chinese versions of UN documents keep an English masthead
# ("Distr.: General", "Original: English") and add the language of the version
# ("Russian"): their tables accept those English forms beside their own.
_ENGLISH_NAMES = {
    "english": "eng",
    "french": "fra",
    "spanish": "spa",
    "russian": "rus",
    "arabic": "ara",
    "chinese": "zho",
}
_ENGLISH_ONLY = (
    r"(?:english|french|spanish|russian|arabic|chinese)(?:\s*,\s*\w+)*\s+and\s+\w+\s+only"
)
_ENGLISH_DISTRIBUTION = r"distr\.?\s*:?\s*(?P<kind>general|limited|restricted)"

RUSSIAN = Lang(
    code="rus",
    tag="ru",
    script="CYRILLIC",
    months=(
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    organization=r"организация\s+объединенных\s+наций|организация\s+объединённых\s+наций",
    distribution=_ENGLISH_DISTRIBUTION,
    original=r"original\s*:|подлинный\s+текст\s*:",
    language_names={
        **_ENGLISH_NAMES,
        "английский": "eng",
        "французский": "fra",
        "испанский": "spa",
        "русский": "rus",
        "арабский": "ara",
        "китайский": "zho",
    },
    only=_ENGLISH_ONLY,
    title=(
        r"(?:предварительная\s+)?(?:аннотированная\s+)?(?:предварительная\s+)?повестка\s+дня"
        r"(?:\s+и\s+аннотации)?(?:\s+.+)?"
        r"|аннотации\s+к\s+(?:предварительной\s+)?повестке\s+дня.*"
    ),
    list_heading=r"(?:предварительная\s+)?(?:аннотированная\s+)?повестка\s+дня",
    annotations=r"аннотации(?:\s+к\s+(?:предварительной\s+)?повестке\s+дня)?",
    documentation=r"документация",
    annex=r"приложение|приложения",
    item_word=r"пункт",
    agenda_item_line=r"пункты?\s+[\w.() ,]+?\s+(?:предварительной\s+)?повестки\s+дня",
    session=r"(?:[\w-]+\s+){0,2}(?:сессия|совещание)(?:\s*\(.*\))?",
    subtitle=r"(?:записка|доклад)\s+[\w\s-]+",
    stopwords=frozenset("и в на по для с о к от что не как из года".split()),  # noqa: SIM905
    verbs=r"будет|будут|является|являются|был|была|было|были|состоится",
    weekdays=("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    function_words=frozenset("и в на по для с о к от из или".split()),  # noqa: SIM905
    recycle=r"просьба\s+отправить\s+на\s+вторичную\s+переработку",
    item_suffix=r"(?:предварительной\s+)?повестки\s+дня",
)

ARABIC = Lang(
    code="ara",
    tag="ar",
    script="ARABIC",
    months=(
        "كانون الثاني/يناير",
        "شباط/فبراير",
        "آذار/مارس",
        "نيسان/أبريل",
        "أيار/مايو",
        "حزيران/يونيه",
        "تموز/يوليه",
        "آب/أغسطس",
        "أيلول/سبتمبر",
        "تشرين الأول/أكتوبر",
        "تشرين الثاني/نوفمبر",
        "كانون الأول/ديسمبر",
    ),
    organization=r"الأمم\s+المتحدة",
    distribution=_ENGLISH_DISTRIBUTION,
    original=r"original\s*:|الأصل\s*:",
    language_names={
        **_ENGLISH_NAMES,
        "بالإنكليزية": "eng",
        "بالإنجليزية": "eng",
        "بالفرنسية": "fra",
        "بالإسبانية": "spa",
        "بالروسية": "rus",
        "بالعربية": "ara",
        "بالصينية": "zho",
    },
    only=_ENGLISH_ONLY,
    title=(
        r"جدول\s+الأعمال(?:\s+المؤقت)?(?:\s+المشروح)?(?:\s+وشروحه)?(?:\s+.+)?"
        r"|شروح\s+جدول\s+الأعمال.*"
    ),
    list_heading=r"جدول\s+الأعمال(?:\s+المؤقت)?(?:\s+المشروح)?",
    annotations=r"الشروح|شروح\s+جدول\s+الأعمال(?:\s+المؤقت)?",
    documentation=r"الوثائق",
    annex=r"المرفق|المرفقات",
    item_word=r"البند",
    agenda_item_line=r"(?:البند|البنود)\s+[\w.() ,]+?\s+من\s+جدول\s+الأعمال(?:\s+المؤقت)?",
    session=r"الدورة(?:\s+[\w-]+){0,3}|الاجتماع(?:\s+[\w-]+){0,3}",
    subtitle=r"(?:مذكرة|تقرير)\s+(?:من\s+)?[\w\s-]+",
    stopwords=frozenset("في من على إلى أن عن التي الذي مع هذه".split()),  # noqa: SIM905
    verbs=r"سوف|ستعقد|سيعقد|يتضمن|تتضمن|كان|كانت|يجوز|ستنظر|سينظر",
    weekdays=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    function_words=frozenset("في من على إلى عن و مع".split()),  # noqa: SIM905
    recycle=r"الرجاء\s+إعادة\s+الاستعمال",
    part_words=r"(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا)ً?",
    item_suffix=r"من\s+جدول\s+الأعمال(?:\s+المؤقت)?",
)

CHINESE = Lang(
    code="zho",
    tag="zh",
    script="CJK",
    months=("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"),
    organization=r"联合国",
    distribution=_ENGLISH_DISTRIBUTION,
    original=r"original\s*:|原文\s*[:：]",
    language_names={
        **_ENGLISH_NAMES,
        "英文": "eng",
        "法文": "fra",
        "西班牙文": "spa",
        "俄文": "rus",
        "阿拉伯文": "ara",
        "中文": "zho",
    },
    only=_ENGLISH_ONLY,
    title=r"(?:附加说明的)?(?:临时)?议程(?:和说明)?(?:草案)?|.*届会议(?:附加说明的)?临时议程(?:和说明)?",
    list_heading=r"(?:附加说明的)?(?:临时)?议程",
    annotations=r"(?:临时议程)?说明",
    documentation=r"文件",
    annex=r"附件",
    item_word=r"项目",
    agenda_item_line=r"临时议程项目\s*[\d()（）a-z.]+.*",
    session=r"第[一二三四五六七八九十百零〇\d]+届(?:会议|常会|特别会议)?",
    subtitle=r"(?:秘书处|秘书长|执行秘书|执行主任)的(?:说明|报告)",
    stopwords=frozenset(),
    verbs=r"将|已经|应当|拟|根据",
    weekdays=("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    recycle=r"请回收",
    item_suffix=r"",
)

LANGUAGES: dict[str, Lang] = {
    lang.code: lang for lang in (ENGLISH, FRENCH, SPANISH, RUSSIAN, ARABIC, CHINESE)
}
"""Every language the reader knows, by ISO 639-2 code."""

_WORD = re.compile(r"[^\W\d_]+")
# every ASCII character that is no letter, as a space: split() then gives _WORD's words
_ASCII_NON_LETTERS = {i: " " for i in range(128) if not chr(i).isalpha()}


FUNCTION_WORDS: frozenset[str] = frozenset().union(
    *(lang.function_words for lang in LANGUAGES.values())
)
"""The function words of every known language (a text's language is not always known)."""


_SCRIPT_LETTERS = (
    ("LATIN", r"[A-Za-z\u00c0-\u024f]"),
    ("CYRILLIC", r"[\u0400-\u04ff]"),
    ("ARABIC", r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    ("CJK", r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    ("HANGUL", r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"),
    ("GREEK", r"[\u0370-\u03ff]"),
    ("HEBREW", r"[\u0590-\u05ff]"),
)


@functools.cache
def _scripts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # compiled on first need: the wide classes cost milliseconds, and ASCII text needs none
    return tuple((name, re.compile(letters)) for name, letters in _SCRIPT_LETTERS)


_ASCII_LETTER_BYTES = string.ascii_letters.encode("ascii")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def script_of(text: str) -> str | None:
    """The writing system most letters of ``text`` belong to: LATIN, CYRILLIC, ARABIC,
    CJK, HANGUL, ... (None when it has no letters of these)."""
    # ASCII letters are counted by deleting them from the ASCII bytes; the patterns only
    # read what is left, counting what they would replace
    ascii_part = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTER_BYTES))
    rest = _ASCII_RUN.sub("", text)
    if rest:
        counts = {name: pattern.subn("", rest)[1] for name, pattern in _scripts()}
    else:
        counts = dict.fromkeys((name for name, _ in _SCRIPT_LETTERS), 0)
    counts["LATIN"] += ascii_letters
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


LANGUAGE_SAMPLE = 6000
"""How many characters from the start of a text tell its language."""


_ASCII_LOWER_WORDS = {**_ASCII_NON_LETTERS, **{ord(c): c.lower() for c in string.ascii_uppercase}}
"""Every ASCII character that is no letter as a space, and capitals in lower case: the
words of an ASCII text, lower-cased, in one translation."""

_LATIN_STOPWORDS = {
    code: tuple(lang.stopwords) for code, lang in LANGUAGES.items() if lang.script == "LATIN"
}
_ANY_LATIN_STOPWORD = frozenset().union(*_LATIN_STOPWORDS.values())


def detect_language(text: str) -> Lang:
    """Tell the language of ``text``: by its writing system, then -- among the languages
    written in Latin letters -- by its most frequent short words (English by default)."""
    sample = text[:LANGUAGE_SAMPLE]
    if sample.isascii():
        # in Latin letters (or in none), and its words are split at every non-letter: ten
        # times faster than finding them with a pattern
        words = sample.translate(_ASCII_LOWER_WORDS).split()
    else:
        script = script_of(sample[:1500])
        if script is not None and script != "LATIN":
            for lang in LANGUAGES.values():
                if lang.script == script:
                    return lang
        words = _WORD.findall(sample.lower())
    # only the short words are counted: a set test of each word costs less than a count
    # of every word (in a table grown to hundreds of entries)
    found = Counter(filter(_ANY_LATIN_STOPWORD.__contains__, words))
    counts = {
        code: sum(map(found.get, stops, repeat(0))) for code, stops in _LATIN_STOPWORDS.items()
    }
    best = max(counts, key=lambda code: counts[code])
    return LANGUAGES[best] if counts[best] > counts["eng"] * 1.2 else ENGLISH


def language_code(name: str) -> str | None:
    """The ISO 639-2 code of a language name printed in any known language ("anglais")."""
    key = name.strip().strip(".").lower()
    for lang in LANGUAGES.values():
        if key in lang.language_names:
            return lang.language_names[key]
    return None


def _month_numbers() -> dict[str, int]:
    """What ``month_number`` answers for each name it knows: the months of the languages in
    order -- a name, either half of an Arabic double name, and (in Latin letters) every
    beginning of three letters or more -- the first language and month to give a name
    keeping it."""
    numbers: dict[str, int] = {}
    for lang in LANGUAGES.values():
        if lang.script == "CJK":
            continue  # Chinese months are numbers: 3月
        for i, month in enumerate(lang.months):
            names = [month, *month.split("/")]
            if lang.script == "LATIN":
                names.extend(month[:end] for end in range(3, len(month)))
            for name in names:
                numbers.setdefault(name, i + 1)
    return numbers


_MONTH_NUMBERS = _month_numbers()


def month_number(name: str) -> int | None:
    """The month number (1-12) of a month printed in any known language (a name, one half
    of an Arabic double name such as "آذار/مارس", a beginning of a name such as "Sept",
    or a number)."""
    key = " ".join(name.strip().strip(".").lower().split())
    if key.isdigit():
        return int(key) if 1 <= int(key) <= 12 else None
    return _MONTH_NUMBERS.get(key)
