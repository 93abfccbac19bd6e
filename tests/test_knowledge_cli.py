"""`xiaoer suggest`, `xiaoer kb` and `xiaoer db` from the command line, on both databases."""

import argparse
import json

import pytest
import yaml

from bot.cli import db, kb, suggest
from nlp.messages import problem_message

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


def xiaoer(*argv: str) -> int:
    """Run one of this issue's subcommands through a parser of their own."""
    parser = argparse.ArgumentParser(prog="xiaoer")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (db, kb, suggest):
        module.register(commands)
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def database(url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_suggest_works_on_a_fresh_database_file_without_set_up(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("XIAOER_HOME", str(tmp_path / "home"))
    assert xiaoer("suggest", "亲，能便宜点吗？") == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"analysis", "suggestions"}
    assert result["analysis"]["intent"] == "bargain"
    assert len(result["suggestions"]) == 3
    first = result["suggestions"][0]
    assert set(first) == {"template_id", "text", "score", "reasons"} and "{" not in first["text"]
    assert (tmp_path / "home" / "xiaoer.db").exists()


def test_suggest_for_a_buyer_and_bad_input(database, capsys):
    assert xiaoer("suggest", "老板再便宜点吧", "--buyer", "小王") == 0
    card = json.loads(capsys.readouterr().out)
    assert any("议价第 1 次" in reason for s in card["suggestions"] for reason in s["reasons"])
    assert xiaoer("suggest", "  ") == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error == {"code": "empty", "message": problem_message("empty")}


def test_db_upgrade_and_purge(database, capsys):
    assert xiaoer("db", "upgrade") == 0
    assert "数据库已升级" in capsys.readouterr().out
    assert xiaoer("db", "purge", "--older-than", "30") == 0
    assert "已删除 0 条" in capsys.readouterr().out
    assert xiaoer("db", "purge", "--older-than", "0") == 1
    assert "正整数" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["yaml", "csv"])
def test_kb_export_import_round_trip(database, tmp_path, capsys, suffix):
    exported = tmp_path / f"kb.{suffix}"
    assert xiaoer("kb", "export", str(exported)) == 0
    assert xiaoer("kb", "import", str(exported)) == 0
    assert "新增 0 条，更新 0 条" in capsys.readouterr().out
    again = tmp_path / f"again.{suffix}"
    xiaoer("kb", "export", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_kb_import_error_names_row_and_field_and_writes_nothing(database, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "templates": [
                    {"key": "ok.1", "intent": "logistics", "title": "好", "text": "亲，感谢您的耐心等待～"},
                    {"key": "bad.2", "intent": "logistics", "title": "", "text": "亲，{oops}"},
                ]
            },
            allow_unicode=True,
        ),
        "utf-8",
    )
    assert xiaoer("kb", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "第 2 行" in err and "title" in err and "oops" in err and "Traceback" not in err
    xiaoer("kb", "list", "--intent", "logistics")
    assert "ok.1" not in capsys.readouterr().out


def test_kb_edit_history_revert_retire(database, capsys):
    xiaoer("kb", "list", "--intent", "greeting")
    template = json.loads(capsys.readouterr().out)[0]
    tid, version = str(template["id"]), str(template["version"])
    assert xiaoer("kb", "edit", tid, "--version", version, "--text", "亲，您好，欢迎光临～", "--reason", "更简洁") == 0
    assert "版本 2" in capsys.readouterr().out
    assert xiaoer("kb", "edit", tid, "--version", version, "--text", "亲，您好～") == 1
    assert "已被他人修改" in capsys.readouterr().err
    xiaoer("kb", "history", tid)
    revisions = json.loads(capsys.readouterr().out)
    assert [r["reason"] for r in revisions][-1] == "更简洁"
    assert xiaoer("kb", "revert", tid, str(revisions[0]["revision_id"]), "--version", "2") == 0
    assert "版本 3" in capsys.readouterr().out
    xiaoer("kb", "show", tid)
    assert json.loads(capsys.readouterr().out)["text"] == template["text"]
    assert xiaoer("kb", "retire", tid, "--version", "3") == 0
    assert "已停用" in capsys.readouterr().out
    xiaoer("kb", "show", tid)
    assert json.loads(capsys.readouterr().out)["status"] == "retired"
    assert xiaoer("kb", "show", "99999") == 1
    assert "找不到话术" in capsys.readouterr().err


def test_kb_add_refuses_a_text_the_checker_warns_about(database, capsys):
    code = xiaoer("kb", "add", "--key", "cold.1", "--intent", "other", "--title", "冷", "--text", "不知道，自己看。")
    assert code == 1
    assert "回复检查" in capsys.readouterr().err
