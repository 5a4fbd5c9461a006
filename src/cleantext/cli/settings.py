"""The extraction options of a command line: preset, config file, ``-O NAME=VALUE``.

Precedence, lowest first: the :class:`~cleantext.Options` defaults, the ``--mode``
preset, the config file, then each ``-O/--option NAME=VALUE`` in order. The config
file is ``--config FILE`` or, unless ``--no-config``, the nearest ``cleantext.toml``
(options at its top level) or ``pyproject.toml`` with a ``[tool.cleantext]`` table,
looking in the current folder and then each parent, as ruff and pytest find theirs.
A config file may also hold ``mode = "precision"``, used when ``--mode`` is not given.

Values are typed from the field's annotation (``int``, ``float``, ``bool``, a
``Literal`` of choices, ``str``) and checked by ``Options`` itself; an unknown name
raises :class:`SettingError` suggesting the closest field name.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from cleantext.options import MODES, Mode, Options, option_info

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = [
    "CONFIG_NAME",
    "SettingError",
    "Settings",
    "convert",
    "find_config",
    "load_config",
    "options_table",
    "parse_assignment",
    "resolve_options",
]

CONFIG_NAME = "cleantext.toml"
"""The config file found by walking up from the current folder (before pyproject.toml)."""

_TRUE, _FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


class SettingError(ValueError):
    """A bad ``-O``, ``--mode`` or config file value: the command exits with status 2."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The options a run uses and where they came from (``config`` is ``None`` when
    no config file was read)."""

    options: Options
    config: Path | None


def _field_types() -> dict[str, Any]:
    """The annotation of every Options field, evaluated (``float``, ``int``...)."""
    hints = get_type_hints(Options)
    return {f.name: hints[f.name] for f in fields(Options)}


def _unknown(name: str, where: str) -> SettingError:
    """The error for an unknown option name, with the closest known name if any."""
    close = difflib.get_close_matches(name, [f.name for f in fields(Options)], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return SettingError(f"{where}: unknown option {name!r}{hint} "
                        "('cleantext options' lists them all)")


def convert(name: str, text: str, annotation: Any) -> Any:
    """``text`` as a value of type ``annotation`` (bool, int, float, str or a Literal
    of choices); :class:`SettingError` naming ``name`` when it is not one."""
    if get_origin(annotation) is Literal:
        for choice in get_args(annotation):
            if str(choice) == text:
                return choice
        allowed = ", ".join(str(c) for c in get_args(annotation))
        raise SettingError(f"{name} must be one of {allowed}, not {text!r}")
    if annotation is bool:
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise SettingError(f"{name} must be true or false, not {text!r}")
    if annotation in (int, float):
        try:
            return annotation(text)
        except ValueError:
            raise SettingError(f"{name} must be {annotation.__name__}, not {text!r}") from None
    return text


def parse_assignment(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` of ``-O`` as ``(field name, typed value)``; dashes in the name
    may stand for underscores (``body-threshold=0.6``)."""
    name, sep, value = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or not name:
        raise SettingError(f"-O {text!r}: expected NAME=VALUE")
    types = _field_types()
    if name not in types:
        raise _unknown(name, f"-O {text}")
    return name, convert(name, value.strip(), types[name])


def _typed(name: str, value: Any, annotation: Any, where: str) -> Any:
    """A config value checked against the field's type (an int is a float too)."""
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if get_origin(annotation) is Literal and value in get_args(annotation):
        return value
    kind = annotation if isinstance(annotation, type) else str
    if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
        raise SettingError(f"{where}: {name} must be {getattr(kind, '__name__', kind)}, "
                           f"not {type(value).__name__} ({value!r})")
    return value


def find_config(start: Path) -> Path | None:
    """The nearest ``cleantext.toml``, or ``pyproject.toml`` with ``[tool.cleantext]``,
    in ``start`` or one of its parents; ``None`` if there is none."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "cleantext" in _read_toml(project).get("tool", {}):
            return project
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; :class:`SettingError` naming it when unreadable."""
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingError(f"config {path}: {exc}") from None


def load_config(path: Path) -> tuple[Mode | None, dict[str, Any]]:
    """``(mode or None, {field: value})`` of a config file, each value typed and each
    name checked. A ``pyproject.toml`` is read from its ``[tool.cleantext]`` table."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cleantext")
        if not isinstance(table, dict):
            raise SettingError(f"config {path}: no [tool.cleantext] table")
        data = table
    types = _field_types()
    mode: Mode | None = None
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name == "mode":
            mode = _mode(value, f"config {path}")
        elif name in types:
            values[name] = _typed(name, value, types[name], f"config {path}")
        else:
            raise _unknown(key, f"config {path}")
    return mode, values


def _mode(value: object, where: str) -> Mode:
    """``value`` as a preset name."""
    for mode in MODES:
        if value == mode:
            return mode
    raise SettingError(f"{where}: mode must be one of {', '.join(MODES)}, not {value!r}")


def resolve_options(mode: str | None, config: Path | None, assignments: Sequence[str],
                    *, discover: bool = True, cwd: Path | None = None) -> Settings:
    """The options of a run: defaults < ``mode`` preset < config file < assignments.

    ``config`` is an explicit file; without one, and with ``discover``, the nearest
    config from ``cwd`` (default: the current folder) is read.
    """
    if config is None and discover:
        config = find_config((cwd or Path.cwd()).resolve())
    config_mode, values = load_config(config) if config is not None else (None, {})
    chosen = _mode(mode, "--mode") if mode is not None else config_mode or "balanced"
    for text in assignments:
        name, value = parse_assignment(text)
        values[name] = value
    try:
        return Settings(Options.preset(chosen).with_(**values), config)
    except (TypeError, ValueError) as exc:
        raise SettingError(str(exc)) from None


def options_table(effective: Options | None = None) -> str:
    """Every Options field, grouped: name, type, default and range, one-line help; with
    ``effective`` options, a value that differs from the default is shown after it."""
    infos = option_info()
    width = max(len(i.name) for i in infos)
    current: Mapping[str, object] = effective.to_dict() if effective is not None else {}
    lines: list[str] = []
    for group in dict.fromkeys(i.group for i in infos):
        lines.append(f"{group}:")
        for i in (i for i in infos if i.group == group):
            span = f"{'' if i.lo is None else i.lo}..{'' if i.hi is None else i.hi}"
            now = current.get(i.name, i.default)
            value = f"{i.default!r}" + (f" (now {now!r})" if now != i.default else "")
            lines.append(f"  {i.name:<{width}}  {i.kind.__name__:<5}  {value:<10}  "
                         f"{'[' + span + ']':<7}  {i.help}")
    return "\n".join(lines)
