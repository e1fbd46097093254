"""Help that shows words, not types: every option and argument that takes a value gets a
metavar naming what to give (`--on DATE`, `COUNCIL`), where a command does not set one itself.

The command line's groups use `WordsGroup`, which sets them on each command as it is looked up,
so a command added anywhere in cli.py is covered without naming a metavar itself.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

# Parameter name -> the word shown for its value (the Python parameter's name, as typer keeps it).
WORDS = {
    "on": "DATE", "from_": "DATE", "to": "DATE", "published": "DATE",
    "fmt": "FORMAT", "format": "FORMAT", "region": "REGION", "post": "POST", "gap": "GAP",
    "council": "COUNCIL", "entity": "ENTITY", "name": "NAME", "param": "KEY=VALUE", "via": "KIND",
    "db": "PATH", "from_db": "PATH", "to_db": "PATH", "backend": "BACKEND", "output": "FILE", "out": "FOLDER",
    "paths": "PATH", "file": "FILE", "folder": "FOLDER", "publisher": "NAME", "licence": "LICENCE",
    "batch_size": "ROWS", "limit": "N", "depth": "N", "councils": "N", "facts_": "N", "years": "N",
    "seed": "N", "end_year": "YEAR", "layout": "LAYOUT", "judgement": "GRADE", "post_kind": "POST",
}


def word_for(param: Any) -> str:
    name = param.name or ""
    word = WORDS.get(name) or name.rstrip("_").upper().replace("_", "-")
    if getattr(param, "nargs", 1) != 1 and param.param_type_name == "argument":
        word += "..."
    return word


def give_words(command: Any) -> Any:
    """Set a worded metavar on each parameter of `command` that takes a value and has none; an
    argument also shows its word alone in the usage line and the list of arguments (typer would
    add its type, `COUNCIL <str>`, and brace a required one, `{COUNCIL}`)."""
    for param in getattr(command, "params", []):
        if getattr(param, "is_flag", False) or getattr(param, "_worded", False):
            continue
        param._worded = True
        if param.metavar is None:
            param.metavar = word_for(param)
        if param.param_type_name == "argument":
            base = param.metavar.removesuffix("...")
            shown = base if param.required else f"[{base}]"
            if param.nargs != 1:
                shown += "..."
            param.get_usage_pieces = lambda ctx, shown=shown: [shown]
            param.display_type_rich = lambda ctx: None
    return command


class WordsGroup(TyperGroup):
    """A command group whose commands show words, not types, in their help."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return give_words(super().get_command(ctx, cmd_name))

    def get_params(self, ctx: Any) -> Any:
        give_words(self)  # the group's own options (--db, --backend)
        return super().get_params(ctx)
