"""JUnit XML: a test suite per file, a failing test case per finding (names unique: code, goal
and position, since GitLab keeps only the first of several cases with one name), and a
passing case for a file with no finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from cxsmart.common.printable import xml_text


def render(result, registry=None) -> str:
    root = ET.Element("testsuites", name="cxsmart", tests="0", failures="0")
    by_path = {path: list(group) for path, group in groupby(result.diagnostics, key=lambda d: d.path)}
    total = failures = 0
    used: set[tuple[str, str]] = set()
    for path in sorted(set(result.paths) | set(by_path)):
        found = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=xml_text(path), tests=str(max(len(found), 1)),
                              failures=str(len(found)))
        if not found:
            ET.SubElement(suite, "testcase", name="cxsmart", classname=_classname(path), file=xml_text(path))
            total += 1
        for d in found:
            name = base = f"{d.code} {d.goal + ' ' if d.goal else ''}{d.span.line}:{d.span.column}"
            n = 1
            while (path, name) in used:                    # GitLab keeps only the first of equal names
                n += 1
                name = f"{base} #{n}"
            used.add((path, name))
            case = ET.SubElement(suite, "testcase", name=xml_text(name), classname=_classname(path),
                                 file=xml_text(path), line=str(d.span.line))
            failure = ET.SubElement(case, "failure", message=xml_text(d.message), type=xml_text(d.code))
            failure.text = xml_text(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.severity}: {d.message}"
                                    + (f"\nhint: {d.hint}" if d.hint else ""))
            total += 1
            failures += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _classname(path: str) -> str:
    return xml_text("cxsmart." + path.replace("/", ".").rsplit(".", 1)[0])
