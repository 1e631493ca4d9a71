"""One exception root for everything kg reports to a user."""
from __future__ import annotations


class KgError(Exception):
    """Root of every error kg raises on purpose; the CLI prints it as one clear line."""


class DocumentError(KgError):
    """A briefing file that cannot be read or parsed; names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OntologyError(KgError):
    """A data file in ontology/ that does not validate; names file, record and value."""

    def __init__(self, file: str, record: str | None, message: str):
        where = f"{file}" + (f", record {record}" if record else "")
        super().__init__(f"{where}: {message}")
        self.file = file
        self.record = record


class GoldError(KgError):
    """A gold annotation file, or a document or name it refers to, that cannot be used."""
