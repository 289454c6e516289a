"""The dev corpus in ../shared (when it is there): no crash, valid AKN, nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import agendaparse
from agendaparse.validate import validate_bytes

from .conftest import CORPUS

RAW = sorted((CORPUS / "raw").glob("*.txt")) if CORPUS.exists() else []
_WORD = re.compile(r"[^\W\d_]{3,}")

pytestmark = pytest.mark.skipif(not RAW, reason="../shared/corpus/dev is not beside the project")


@pytest.mark.parametrize("raw", RAW, ids=[p.stem for p in RAW])
def test_corpus_file_converts_to_valid_akn(raw: Path) -> None:
    agenda = agendaparse.parse_file(raw)
    xml = agendaparse.to_akn(agenda)
    assert validate_bytes(xml, source=raw.name) == []
    root = etree.fromstring(xml)
    text = " ".join(root.itertext()).casefold()
    have: dict[str, int] = {}
    for word in _WORD.findall(text):
        have[word] = have.get(word, 0) + 1
    words = _WORD.findall(raw.read_text(encoding="utf-8", errors="replace").casefold())
    kept = 0
    for word in words:
        if have.get(word, 0) > 0:
            have[word] -= 1
            kept += 1
    assert kept / max(1, len(words)) >= 0.99
