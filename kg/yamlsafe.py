"""Safe YAML loaders for briefings' front matter and for the data files in ontology/.

Both build only plain data (no tags that run code) and leave a date YAML cannot build
("2022-02-30": PyYAML would raise ValueError) as text, for the caller to report. The
data files' loader also refuses a key given twice in one mapping, which YAML would
otherwise resolve silently by keeping the last.
"""
from __future__ import annotations

import yaml

_C = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timestamp_or_text(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class FastLoader(_C):
    """The C parser (when PyYAML has it): fast, but its recursion can overflow the C stack."""


class PythonLoader(yaml.SafeLoader):
    """The pure-Python parser: slower, stops at Python's recursion limit (RecursionError)."""


class DataLoader(_C):
    """For ontology/*.yaml: a key given twice in a mapping is an error."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key.value!r} in one mapping", key.start_mark)
                seen.add(key.value)
        return super().construct_mapping(node, deep)


for _cls in (FastLoader, PythonLoader, DataLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
