"""The rule catalogue: every rule has its severity, what it checks and how to fix;
`jixiao check --rules` prints it and the README carries it."""

import json
import re
from pathlib import Path

from assistant.cli.main import main
from assistant.rules import RULES
from assistant.rules.catalogue import FIX, MIXED, entries, markdown

README = Path(__file__).parent.parent / "README.md"


def test_every_rule_is_catalogued_with_a_fix_in_chinese():
    assert set(RULES) <= set(FIX)
    assert set(MIXED) <= set(RULES)
    for entry in entries():
        assert entry["severity"] in ("错误", "警告", "提示", "错误/警告")
        assert re.search(r"[\u4e00-\u9fff]", entry["checks"]) and re.search(r"[\u4e00-\u9fff]", entry["fix"])


def test_readme_table_is_the_generated_catalogue():
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- rules:begin -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == markdown(), "README rule table is stale: run python -m assistant.rules.catalogue README.md"


def test_check_rules_prints_the_catalogue(capsys):
    assert main(["check", "--rules"]) == 0
    out = capsys.readouterr().out
    assert f"共 {len(RULES)} 条规则" in out
    assert "indicator.input_as_output  [警告]" in out and "修改：" in out


def test_check_rules_json(capsys):
    assert main(["check", "--rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    assert {"id", "severity", "checks", "fix"} == set(rules[0])


def test_check_without_files_is_a_usage_error(capsys):
    assert main(["check"]) == 2
    assert "jixiao check --rules" in capsys.readouterr().err


def test_write_readme_replaces_only_the_table(tmp_path):
    from assistant.rules.catalogue import write_readme

    readme = tmp_path / "README.md"
    readme.write_text("# 标题\n\n<!-- rules:begin -->\n| old |\n<!-- rules:end -->\n\n尾\n", encoding="utf-8")
    write_readme(readme)
    text = readme.read_text(encoding="utf-8")
    assert text == "# 标题\n\n<!-- rules:begin -->\n" + markdown() + "<!-- rules:end -->\n\n尾\n"
