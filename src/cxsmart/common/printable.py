"""Text that is safe to print: a goal file can hold control characters ("\\e[31m" in a
double-quoted title) or bidirectional overrides, which would recolour or rewrite the reader's
terminal, or hide text in a CI log; a file name, a baseline entry or a configuration value can
hold them too. One neutraliser per output kind, and every string from the repository goes
through the one for where it is written:

- `printable`: a terminal or a log line. Control characters (line breaks included, so one
  finding stays one line and no line of a CI log can start with text from the repository),
  ESC, C1 controls, bidirectional overrides and lone surrogates are shown as visible escapes
  (`\\x1b`, `\\u202e`); tabs are kept.
- `github_data`, `github_param`: GitHub workflow commands: `%`, CR and LF escaped as GitHub
  reads them back (`%25`, `%0D`, `%0A`), then made printable; parameters also escape `:` and `,`.
  The command is then one line, so nothing in it can start a line with `::`.
- `html_text`: for the HTML report (which autoescapes markup): controls other than tab and line
  breaks, bidirectional overrides and lone surrogates shown as visible escapes, so a title
  cannot reorder what the page shows.
- `xml_text`: characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
  shown as visible escapes, so JUnit output is well-formed whatever a message holds.
"""

from __future__ import annotations

import re

# Invisible format characters are shown too: zero-width space, word joiner and invisible
# operators, and the Unicode tag characters (U+E0000-U+E007F), which can carry hidden text.
_INVISIBLE = "\u200b\u2060-\u2064\U000e0000-\U000e007f"
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
                     "\ud800-\udfff" + _INVISIBLE + "]")
_HTML_UNSAFE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ufeff\ud800-\udfff" + _INVISIBLE + "]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """For a terminal or a log line: one line, nothing that a terminal or a CI log interprets."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def printable_path(path: str) -> str:
    """A file name at the start of a terminal or log line: printable, and never starting with
    ':' (a line of a CI log that starts with '::' is a GitHub workflow command; the runner may
    trim the indentation first), so a name like '::error::x.yaml' is shown as './::error::x.yaml'."""
    shown = printable(path)
    return "./" + shown if shown.startswith(":") else shown


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (`::error ...::DATA`)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_param(text: str) -> str:
    """A parameter value of a GitHub workflow command (`file=`, `title=`)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def html_text(text: str) -> str:
    """Text for the HTML report, before autoescaping: nothing that reorders or hides text."""
    if not _HTML_UNSAFE.search(text):
        return text
    return _HTML_UNSAFE.sub(_escape, text)


def xml_text(text: str) -> str:
    """Text for an XML attribute or element: the characters XML 1.0 cannot hold, escaped visibly."""
    if not _XML_FORBIDDEN.search(text):
        return text
    return _XML_FORBIDDEN.sub(_escape, text)
