"""The shortcuts of preprocessing and language detection give what the general way gives:
a plain text's lines read as they are, and an ASCII text's words split by a translation."""

from __future__ import annotations

import importlib
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agendaparse.lang import _WORD, ENGLISH, LANGUAGES, Lang, detect_language, script_of

# the module, not the function the package exports under the same name
preprocess_module = importlib.import_module("agendaparse.preprocess")

# pieces of lines that reach every branch: furniture, symbols, tabs and spaces in front,
# characters to clean, form feeds and every kind of line end
_PIECES = [
    "Agenda",
    "1.\tOpening",
    "A/81/150",
    "A/81/150 (2)",
    "2",
    "Page 3",
    "*1458484*",
    "_____",
    "Please recycle",
    "Back to top",
    "Привет",
    "Genève",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\f",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\x01",
    "\x0b",
]

_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _cleaned(text: str) -> tuple[object, ...]:
    clean = preprocess_module.preprocess(text)
    return clean.lines, clean.furniture, clean.original


@settings(max_examples=800)
@given(_TEXTS)
def test_a_plain_text_is_read_as_the_general_way_reads_it(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(preprocess_module, "_is_plain", lambda text: False)
        general = _cleaned(text)
    assert _cleaned(text) == general


@given(_TEXTS)
def test_a_plain_text_has_nothing_to_clean_and_no_form_feed(text: str) -> None:
    expected = "\f" not in text and preprocess_module._UNCLEAN_RE.search(text) is None
    assert preprocess_module._is_plain(text) is expected


@pytest.mark.parametrize("text", ["", "\n", "a", "a\n", "\f", "\r\n", "\r", "x" * 5000])
def test_edge_texts_are_read_as_the_general_way_reads_them(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(preprocess_module, "_is_plain", lambda text: False)
        general = _cleaned(text)
    assert _cleaned(text) == general


def _language_by_every_word(text: str) -> Lang:
    """Language detection counting every word found by the word pattern."""
    sample = text[:6000]
    script = script_of(sample[:1500])
    if script is not None and script != "LATIN":
        return next(lang for lang in LANGUAGES.values() if lang.script == script)
    words = Counter(_WORD.findall(sample.lower()))
    counts = {
        code: sum(words[w] for w in lang.stopwords)
        for code, lang in LANGUAGES.items()
        if lang.script == "LATIN"
    }
    best = max(counts, key=lambda code: counts[code])
    return LANGUAGES[best] if counts[best] > counts["eng"] * 1.2 else ENGLISH


_WORDS = st.lists(
    st.sampled_from(
        [
            *("the", "The", "OF", "le", "de", "la", "el", "y", "que", "Los", "agenda"),
            *("Привет", "1", "-", " ", "\n", ".", "_", "x"),
            "\u212a",  # the Kelvin sign: not ASCII, but lower-cased into ASCII
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=800)
@given(_WORDS)
def test_language_is_told_as_by_a_count_of_every_word(text: str) -> None:
    assert detect_language(text) is _language_by_every_word(text)
