"""kg: a rule-based knowledge-graph builder for diplomatic briefings."""
from .errors import DocumentError, KgError, OntologyError

__all__ = ["KgError", "DocumentError", "OntologyError"]
