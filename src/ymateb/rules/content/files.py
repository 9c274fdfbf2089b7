"""Reading the content files: bilingual texts kept as data, checked as they are read.

A content file is YAML. Every text in it is a pair, ``en:`` (English) and ``cy:`` (Welsh),
and both must be there and not empty; a text may be a list of paragraphs, joined by a blank
line. Every ``section:`` must be one of the guidance headings listed in ``sections.yaml``
beside this module. A file that breaks a rule is refused with a :class:`ContentError` naming
the file, the place in it and the entry (its ``code`` or ``slug``).

The rules' content is read when :mod:`ymateb.rules` is imported, so a bad file stops the
engine and the app from starting. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final

import yaml

LANGUAGES: Final = ("en", "cy")
_LANGUAGE_NAMES: Final = {"en": "English", "cy": "Welsh"}
_PARAGRAPH_BREAK: Final = "\n\n"


class ContentError(ValueError):
    """A content file the app cannot use; the message names the file and the entry."""


# --- reading -----------------------------------------------------------------------------------


def _load(text: str, where: str) -> Any:
    """Plain data only (a safe loader), read by libyaml when PyYAML has it: ten times faster."""
    try:
        if hasattr(yaml, "CSafeLoader"):
            return yaml.load(text, Loader=yaml.CSafeLoader)
        return yaml.safe_load(text)  # pragma: no cover - PyYAML built without libyaml
    except yaml.YAMLError as error:
        raise ContentError(f"{where}: not valid YAML: {error}") from error


def _read_sections() -> frozenset[str]:
    name = "sections.yaml"
    text = resources.files(__package__ or "").joinpath(name).read_text(encoding="utf-8")
    data = _load(text, name)
    listed = data.get("sections") if isinstance(data, Mapping) else None
    if not isinstance(listed, list) or not all(isinstance(s, str) and s for s in listed):
        raise ContentError(f"{name}: `sections:` must be a list of the guidance's headings")
    if len(set(listed)) != len(listed):
        raise ContentError(f"{name}: a heading is listed twice")
    return frozenset(listed)


#: The exact headings of the guidance that content may name as its section.
SECTIONS: Final[frozenset[str]] = _read_sections()


def parse(text: str, where: str) -> Any:
    """The data of one content file's text, after checking it (raises :class:`ContentError`)."""
    data = _load(text, where)
    problems = list(_problems(data, "", None))
    if problems:
        raise ContentError(f"{where}: " + "; ".join(problems))
    return data


def read(package: str, *parts: str) -> Any:
    """Read and check a content file shipped in a package, e.g. ``read(pkg, "rules.yaml")``."""
    where = "/".join((package.replace(".", "/"), *parts))
    resource = resources.files(package).joinpath(*parts)
    return parse(resource.read_text(encoding="utf-8"), where)


def read_path(path: Path) -> Any:
    """Read and check a content file on disk."""
    return parse(path.read_text(encoding="utf-8"), str(path))


# --- checking ----------------------------------------------------------------------------------


def _is_text(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(p, str) and p.strip() for p in value)
    )


def _at(path: str, entry: str | None) -> str:
    place = path or "the top"
    return f"{place} (entry {entry!r})" if entry else place


def _problems(node: object, path: str, entry: str | None) -> Iterator[str]:
    if isinstance(node, Mapping):
        name = node.get("code", node.get("slug"))
        if isinstance(name, str):
            entry = name
        if "en" in node or "cy" in node:
            for language in LANGUAGES:
                if not _is_text(node.get(language)):
                    name = _LANGUAGE_NAMES[language]
                    yield f"{_at(path, entry)}: the {name} text ({language}:) is missing or empty"
        if "section" in node and node["section"] not in SECTIONS:
            yield (
                f"{_at(path, entry)}: section {node['section']!r} is not a heading of the "
                "guidance (see ymateb/rules/content/sections.yaml)"
            )
        for key, value in node.items():
            yield from _problems(value, f"{path}.{key}" if path else str(key), entry)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _problems(value, f"{path}[{index}]", entry)


# --- typed fields, for the modules that build their objects from the data ----------------------


def _refuse(node: object, key: str, wanted: str) -> ContentError:
    entry = node.get("code", node.get("slug")) if isinstance(node, Mapping) else None
    where = f"entry {entry!r}" if isinstance(entry, str) else "the content"
    return ContentError(f"{where}: `{key}:` must be {wanted}")


def mapping(node: object, key: str) -> Mapping[str, Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(value, Mapping):
        raise _refuse(node, key, "a mapping")
    return value


def mappings(node: object, key: str) -> list[Mapping[str, Any]]:
    """The list of mappings under ``key`` (none when the key is absent)."""
    value = node.get(key, []) if isinstance(node, Mapping) else None
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise _refuse(node, key, "a list of mappings")
    return value


def string(node: object, key: str) -> str:
    value = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(value, str) or not value:
        raise _refuse(node, key, "a text")
    return value


def strings(node: object, key: str) -> tuple[str, ...]:
    """The list of texts under ``key`` (none when the key is absent)."""
    value = node.get(key, []) if isinstance(node, Mapping) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _refuse(node, key, "a list of texts")
    return tuple(value)


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else _PARAGRAPH_BREAK.join(value)


def pair(node: object, key: str | None = None) -> tuple[str, str]:
    """The English and the Welsh of the text ``key`` (or of ``node`` itself, when ``None``)."""
    text = node if key is None else mapping(node, key)
    if not isinstance(text, Mapping) or not all(_is_text(text.get(lang)) for lang in LANGUAGES):
        raise _refuse(node, key or "text", "a pair of texts, en: and cy:")
    return _joined(text["en"]), _joined(text["cy"])
