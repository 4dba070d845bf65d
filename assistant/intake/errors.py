"""The error every reader raises for a file it cannot read at all."""


class IntakeError(Exception):
    """A file that cannot be read at all; the message is Chinese."""
