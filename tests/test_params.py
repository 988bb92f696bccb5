"""Every tuned number says why it exists, what set it and which test guards it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from factwatch.ingest import params

ROOT = Path(__file__).resolve().parents[1]
ALL_FIELDS = [(section, f) for section, cls in params.SECTIONS for f in dataclasses.fields(cls)]


@pytest.mark.parametrize(("section", "f"), ALL_FIELDS, ids=[f"{s}.{f.name}" for s, f in ALL_FIELDS])
def test_every_parameter_has_provenance_and_a_guard_that_exists(section, f):
    p = params.provenance(f)
    assert p is not None, f"{section}.{f.name} is not declared with tuned(...)"
    assert len(p.why.split()) >= 4, f"{section}.{f.name}: say why it exists"
    assert p.evidence.strip(), f"{section}.{f.name}: name the corpus or measurement"
    path, _, name = p.test.partition("::")
    source = ROOT / path
    assert source.is_file(), f"{section}.{f.name}: guard {path} does not exist"
    assert re.search(rf"def {re.escape(name.split('[')[0])}\b", source.read_text()), (
        f"{section}.{f.name}: guard {p.test} does not exist"
    )


def test_parameters_page_is_generated_from_the_module():
    page = ROOT / params.DOC_PATH
    assert page.read_text(encoding="utf-8") == params.markdown(), (
        "docs/parameters.md is stale: run python -m factwatch.ingest.params --write"
    )


def test_parameters_are_values_that_can_be_passed_in():
    tuned = params.Params(
        stories=dataclasses.replace(params.StoryParams()),
        facts=dataclasses.replace(params.FactParams()),
    )
    assert tuned == params.DEFAULT
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.DEFAULT.stories = params.StoryParams()  # type: ignore[misc]
