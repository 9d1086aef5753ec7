"""The one loader of rule files: comments, blank lines, column counts, word classes, errors with file:line."""

from __future__ import annotations

import pytest

from etl.rules import RuleFileError, lines, table, words


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_skips_comments_and_blank_lines_and_pads_short_rows(tmp_path):
    path = write(tmp_path, "t.tsv", "# a note\nlemma\tpos\tmode\n\n  # indented note\nattack\tVERB\n")
    (row,) = table(path)
    assert row.cells == {"lemma": "attack", "pos": "VERB", "mode": ""}
    assert row.where == f"{path}:5"


def test_a_row_with_too_many_cells_names_its_file_and_line(tmp_path):
    path = write(tmp_path, "t.tsv", "lemma\tpos\nattack\tVERB\nshell\tVERB\textra\n")
    with pytest.raises(RuleFileError, match=r"t\.tsv:3: expected at most 2"):
        table(path)


def test_a_missing_required_column_is_named(tmp_path):
    path = write(tmp_path, "t.tsv", "lemma\tpos\n")
    with pytest.raises(RuleFileError, match="lacks column.*mode"):
        table(path, required=("lemma", "mode"))


def test_word_lists_keep_or_fold_case(tmp_path):
    path = write(tmp_path, "w.txt", "# header\nMr.\n\n Dr. \n")
    assert lines(path) == ("Mr.", "Dr.")
    assert words(path) == {"mr.", "dr."}


def test_a_word_class_expands_inside_a_list_cell(tmp_path):
    write(tmp_path, "aid_items.txt", "food\nMedicine\n")
    path = write(tmp_path, "t.tsv", "lemma\trequires\nsend\t$aid_items | troops\n")
    (row,) = table(path)
    assert row.items("requires") == ("food", "medicine", "troops")


def test_a_word_class_expands_inside_a_combination(tmp_path):
    write(tmp_path, "forces.txt", "troop\ntank\n")
    path = write(tmp_path, "t.tsv", "lemma\trequires\nmove\t$forces+into | out+$forces | with+$\n")
    (row,) = table(path)
    assert row.items("requires") == ("tank+into", "troop+into", "out+tank", "out+troop", "with+$")


def test_an_unknown_word_class_is_an_error_at_its_row(tmp_path):
    path = write(tmp_path, "t.tsv", "lemma\trequires\nsend\t$nothing\n")
    (row,) = table(path)
    with pytest.raises(RuleFileError, match=r"t\.tsv:2: word class '\$nothing'"):
        row.items("requires")


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(RuleFileError, match="not found"):
        words(tmp_path / "none.txt")
