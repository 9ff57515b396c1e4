"""YAML loading that remembers the line of every mapping and key, for error messages."""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    line: int = 0


class DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice in one mapping: YAML keeps the last silently, a person means one."""

    def __init__(self, key: str, mark: yaml.Mark) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", mark)
        self.key = key


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry their lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        if key in result:
            raise DuplicateKey(key, key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# A framework is a few hundred lines some levels deep. Aliases are refused: nothing in one needs
# them, and nine nested ones in 1 KB expand to gigabytes (the "billion laughs"); nesting past
# MAX_DEPTH would exhaust the recursion of the node composer.
MAX_BYTES = 1_000_000
MAX_DEPTH = 40


class YamlRefused(yaml.YAMLError):
    """A YAML file refused before it is built: what is wrong, in words, and on which line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _check_shape(text: str) -> None:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlRefused(f"文件过大：指标体系文件最大 {MAX_BYTES // 1000} KB", 0)
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused("不支持别名（*…）：请把内容直接写出", line)
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlRefused(f"层级过深：最多 {MAX_DEPTH} 层", line)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def load_with_lines(text: str) -> Any:
    """Parse YAML text; raises yaml.YAMLError (with a mark) when it is not YAML, YamlRefused
    when it is too large, too deep or uses aliases."""
    _check_shape(text)
    return yaml.load(text, Loader=_LineLoader)
