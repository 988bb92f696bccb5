"""Every tuned number says why it exists, what set it and which test guards it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from factwatch.ingest import params
from factwatch.ingest.params import DEFAULT

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


def test_params_from_a_mapping_override_only_what_is_named():
    from factwatch.ingest.params import from_mapping

    chosen = from_mapping({"stories": {"high_similarity": 0.9}, "facts": {"match_threshold": 1}})
    assert chosen.stories.high_similarity == 0.9
    assert chosen.facts.match_threshold == 1.0 and isinstance(chosen.facts.match_threshold, float)
    assert chosen.verdicts == DEFAULT.verdicts
    assert chosen.stories.mid_similarity == DEFAULT.stories.mid_similarity


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"story": {}}, "unknown parameter section"),
        ({"stories": {"high_similarity_bar": 0.9}}, "unknown stories parameter"),
        ({"stories": {"high_similarity": "high"}}, "must be a float"),
        ({"stories": {"window_days": 1.5}}, "must be a int"),
    ],
)
def test_a_tuning_file_with_a_typo_is_refused_by_name(data, words):
    from factwatch.ingest.params import from_mapping

    with pytest.raises(ValueError, match=words):
        from_mapping(data)


def test_the_cli_runs_with_the_parameters_of_factwatch_params(tmp_path, monkeypatch):
    """The same seeds, with every story bar out of reach, make one story per article."""
    from click.testing import CliRunner

    from factwatch.cli import main

    seeds = Path(__file__).resolve().parents[1] / "seeds"

    def stories(params: str | None) -> int:
        db = tmp_path / f"{params or 'default'}.db"
        if params:
            monkeypatch.setenv("FACTWATCH_PARAMS", str(tmp_path / params))
        else:
            monkeypatch.delenv("FACTWATCH_PARAMS", raising=False)
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(seeds)])
        assert result.exit_code == 0, result.output
        query = "SELECT count(*) AS n FROM v_stories"
        listed = CliRunner().invoke(main, ["--db", str(db), "sql", query, "--format", "json"])
        return int(json.loads(listed.stdout)[0]["n"])

    (tmp_path / "apart.toml").write_text(
        "[stories]\nhigh_similarity = 2.0\nmid_similarity = 2.0\nlow_similarity = 2.0\n"
    )
    (tmp_path / "typo.toml").write_text("[stories]\nhigh_similarity_bar = 2.0\n")
    assert stories(None) < stories("apart.toml") == 4
    monkeypatch.setenv("FACTWATCH_PARAMS", str(tmp_path / "typo.toml"))
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "stories"])
    assert result.exit_code != 0 and "high_similarity_bar" in result.output
