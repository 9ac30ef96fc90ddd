"""The README is the manual: every command and option of the CLI appears in it."""

import re
from pathlib import Path

import click
import pytest

from dashboard.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "diplomap"):
    for name, cmd in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)
        else:
            yield path, cmd


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_is_documented(path, cmd):
    assert f"### `{path}" in README, f"README lacks a section for `{path}`"


@pytest.mark.parametrize(
    "path,option",
    [(p, opt) for p, cmd in COMMANDS for param in cmd.params if isinstance(param, click.Option)
     for opt in param.opts if opt.startswith("--") and opt != "--help"],
)
def test_every_option_is_documented(path, option):
    section = README.split(f"### `{path}", 1)[1]
    section = re.split(r"\n#+ ", section, maxsplit=1)[0]
    assert option in section, f"README's section on `{path}` lacks {option}"


def test_environment_settings_are_documented():
    assert "DIPLOMAP_CACHE" in README
