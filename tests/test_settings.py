"""The one settings object: defaults < ETL_* environment < flags, every value checked, every variable documented."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.cli import main
from etl.errors import UsageError
from etl.settings import (
    DERIVED,
    ENV_VARS,
    FALSE_WORDS,
    SEVERITY_LEVELS,
    TRUE_WORDS,
    Settings,
    load_settings,
    local_copy_for,
    parse_bool,
    parse_duckdb_size,
    severity_overrides,
)
from tests.conftest import REPO

# One bad value of each kind, and what the error must say is allowed.
BAD_VALUES = [
    ("ETL_WORKERS", "-3", "must be a whole number of at least 1"),
    ("ETL_WORKERS", "two", "must be a whole number of at least 1"),
    ("ETL_SHARD_SIZE", "0", "must be a whole number of at least 1"),
    ("ETL_BATCH_SIZE", "1.5", "must be a whole number of at least 1"),
    ("ETL_VALIDATION_BATCH", "0", "must be a whole number of at least 1"),
    ("ETL_MAX_INPUT_BYTES", "0", "must be a whole number of at least 1"),
    ("ETL_LOCK_WAIT", "-1", "must be a whole number of at least 0"),
    ("ETL_BOILERPLATE_MIN_DOCUMENTS", "1", "must be a whole number of at least 2"),
    ("ETL_NEAR_DUPLICATE_THRESHOLD", "abc", "must be a number above 0 and at most 1"),
    ("ETL_NEAR_DUPLICATE_THRESHOLD", "7", "must be a number above 0 and at most 1"),
    ("ETL_NEAR_DUPLICATE_THRESHOLD", "0", "must be a number above 0 and at most 1"),
    ("ETL_STORY_WINDOW_HOURS", "-2", "must be a number above 0"),
    ("ETL_FULL_REFRESH", "maybe", "must be one of 1, true, yes, on, 0, false, no, off"),
    ("ETL_DUCKDB_MEMORY", "lots", "must be a size DuckDB reads"),
    ("ETL_DUCKDB_MEMORY", "256", "must be a size DuckDB reads"),
    ("ETL_SEVERITY", "inconsistent_figure=fatal", "must be check=level,... with a level among error, warning, info"),
    ("ETL_SEVERITY", "inconsistent_figure", "must be check=level,... with a level among error, warning, info"),
]


@pytest.fixture(autouse=True)
def no_etl_environment(monkeypatch):
    """Each test starts from the defaults, whatever the shell running the tests exports."""
    for var in ENV_VARS.values():
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize(("var", "value", "allowed"), BAD_VALUES)
def test_a_bad_value_is_a_usage_error_naming_the_variable_the_value_and_what_is_allowed(monkeypatch, var, value, allowed):
    monkeypatch.setenv(var, value)
    with pytest.raises(UsageError) as raised:
        load_settings()
    assert str(raised.value).startswith(f"setting {var}={value}: {allowed}")
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(("var", "value", "allowed"), BAD_VALUES)
def test_etl_run_exits_2_on_a_bad_value_before_reading_anything(tmp_path, monkeypatch, capsys, var, value, allowed):
    monkeypatch.setenv(var, value)
    assert main(["run", "--seeds", str(tmp_path), "--warehouse", str(tmp_path / "wh")]) == 2
    error = capsys.readouterr().err
    assert f"setting {var}={value}" in error and allowed.split()[-1] in error
    assert "Traceback" not in error
    assert not (tmp_path / "wh").exists()


def test_every_bad_value_is_named_at_once(monkeypatch):
    monkeypatch.setenv("ETL_WORKERS", "0")
    monkeypatch.setenv("ETL_DUCKDB_MEMORY", "much")
    with pytest.raises(UsageError) as raised:
        load_settings()
    assert len(str(raised.value).splitlines()) == 2


def test_a_bad_flag_is_named_as_the_setting(tmp_path, capsys):
    assert main(["run", "--seeds", str(tmp_path), "--warehouse", str(tmp_path / "wh"), "--workers", "0"]) == 2
    assert "setting workers=0: must be a whole number of at least 1" in capsys.readouterr().err


def test_flags_win_over_the_environment_which_wins_over_the_defaults(monkeypatch):
    assert load_settings().workers == 1
    monkeypatch.setenv("ETL_WORKERS", "3")
    monkeypatch.setenv("ETL_SEEDS", "/data/articles")
    assert load_settings().workers == 3
    assert load_settings(workers=2).workers == 2
    assert load_settings(workers=None).workers == 3  # None is unset
    assert load_settings().seeds == Path("/data/articles")


def test_an_empty_variable_is_unset(monkeypatch):
    monkeypatch.setenv("ETL_WORKERS", "")
    assert load_settings().workers == 1


@pytest.mark.parametrize("word", ["on", "ON", "yes", "true", "1", "True"])
def test_full_refresh_reads_every_yes_word(monkeypatch, word):
    monkeypatch.setenv("ETL_FULL_REFRESH", word)
    assert load_settings().full_refresh is True


@pytest.mark.parametrize("word", ["off", "no", "false", "0", "No"])
def test_full_refresh_reads_every_no_word(monkeypatch, word):
    monkeypatch.setenv("ETL_FULL_REFRESH", word)
    assert load_settings().full_refresh is False


def test_direct_construction_reads_only_its_arguments(monkeypatch):
    monkeypatch.setenv("ETL_WORKERS", "4")
    monkeypatch.setenv("ETL_SEVERITY", "inconsistent_figure=error")
    settings = Settings(seeds="in", warehouse=Path("out"), shard_size=3)
    assert (settings.seeds, settings.warehouse, settings.shard_size, settings.workers, settings.severity) == (
        Path("in"),
        Path("out"),
        3,
        1,
        "",
    )


def test_direct_construction_checks_values_and_names():
    with pytest.raises(ValueError):
        Settings(workers=0)
    with pytest.raises(ValueError):
        Settings(wrokers=2)
    with pytest.raises(TypeError):
        load_settings(wrokers=2)


def test_settings_are_frozen_picklable_and_keep_their_derived_paths(tmp_path):
    settings = Settings(seeds=tmp_path, warehouse=tmp_path / "wh", workers=2)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings and copy.workers == 2
    assert settings.parquet_dir == tmp_path / "wh" / "parquet"
    assert settings.duckdb_path == tmp_path / "wh" / "warehouse.duckdb"
    assert settings.lock_path == tmp_path / "wh" / ".lock"
    with pytest.raises(ValueError):
        settings.workers = 3
    assert settings.model_copy(update={"validation_batch": 1}).validation_batch == 1


def test_a_warehouse_url_is_worked_on_in_a_local_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("ETL_WAREHOUSE", "s3://bucket/news/")
    settings = load_settings()
    assert settings.warehouse_url == "s3://bucket/news"
    assert settings.warehouse == local_copy_for("s3://bucket/news")
    assert settings.warehouse.parent == Path.home() / ".cache" / "newsetl" / "warehouses"
    monkeypatch.setenv("ETL_WAREHOUSE_CACHE", str(tmp_path / "copy"))
    assert load_settings().warehouse == tmp_path / "copy"
    assert load_settings(warehouse=str(tmp_path)).warehouse_url == ""
    monkeypatch.setenv("ETL_WAREHOUSE_URL", "s3://elsewhere")  # derived: no variable sets it
    assert load_settings(warehouse=str(tmp_path)).warehouse_url == ""


def test_settings_import_nothing_of_the_stages():
    import subprocess
    import sys

    code = (
        "import sys, etl.settings; assert not [m for m in sys.modules if m.startswith('etl.') and m not in ('etl.settings', 'etl.errors')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_every_setting_is_documented_in_the_readme_and_every_documented_variable_exists():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [var for var in ENV_VARS.values() if f"`{var}`" not in readme] == []
    dag_only = set(re.findall(r'os\.environ\.get\("(ETL_[A-Z0-9_]+)"', (REPO / "dags" / "news_etl.py").read_text(encoding="utf-8")))
    assert dag_only, "the DAG's own variables (its pool, schedule, shards at once) are read where the DAG is parsed"
    assert sorted(set(re.findall(r"\bETL_[A-Z0-9_]*[A-Z0-9]\b", readme)) - set(ENV_VARS.values()) - dag_only) == []
    assert sorted([*ENV_VARS, *DERIVED]) == sorted(Settings.model_fields)  # every knob can be set


@given(st.sampled_from(TRUE_WORDS + FALSE_WORDS), st.sampled_from([str.lower, str.upper, str.title]), st.sampled_from(["", " "]))
def test_parse_bool_takes_each_word_in_any_case(word, case, pad):
    assert parse_bool(pad + case(word) + pad) is (word in TRUE_WORDS)


@given(st.text(max_size=8))
def test_parse_bool_rejects_everything_else(text):
    if text.strip().lower() not in TRUE_WORDS + FALSE_WORDS:
        with pytest.raises(ValueError):
            parse_bool(text)


@given(
    st.integers(0, 10**6),
    st.sampled_from(["", ".5"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB", "mb", "g", "bytes"]),
)
def test_parse_duckdb_size_takes_a_number_and_a_unit(number, fraction, space, unit):
    text = f"{number}{fraction}{space}{unit}"
    assert parse_duckdb_size(text) == text


@given(st.text(alphabet="0123456789.-e xyz", max_size=8))
def test_parse_duckdb_size_rejects_a_number_without_a_unit(text):
    with pytest.raises(ValueError):
        parse_duckdb_size(text)


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.sampled_from(SEVERITY_LEVELS), max_size=4))
def test_severity_overrides_read_back_what_was_written(policy):
    assert severity_overrides(", ".join(f"{check} = {level}" for check, level in policy.items())) == policy


@pytest.mark.parametrize("policy", ["inconsistent_figure=", "=error", "inconsistent_figure:error", "Inconsistent=error", "a=b=error"])
def test_severity_overrides_reject_what_is_not_check_equals_level(policy):
    with pytest.raises(ValueError):
        severity_overrides(policy)


def test_an_unknown_check_in_the_policy_is_a_usage_error():
    from etl.quality import severity_policy

    assert severity_policy(Settings(severity="inconsistent_figure=error"))["inconsistent_figure"] == "error"
    with pytest.raises(UsageError, match="no check named no_such_check"):
        severity_policy(Settings(severity="no_such_check=error"))


def test_etl_run_exits_2_on_an_unknown_check_in_the_policy_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ETL_SEVERITY", "no_such_check=error")
    assert main(["run", "--seeds", str(tmp_path), "--warehouse", str(tmp_path / "wh")]) == 2
    assert "no check named no_such_check" in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()
