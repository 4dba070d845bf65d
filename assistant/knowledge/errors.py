"""The knowledge base's error, importable without loading the knowledge base."""


class KnowledgeError(RuntimeError):
    """A knowledge file is missing or does not match its schema (Chinese message)."""
