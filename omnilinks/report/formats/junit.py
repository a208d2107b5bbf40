"""`junit`: JUnit XML for CI systems that read test results (GitLab, Jenkins, Azure, CircleCI).

One <testsuite> per category, one <testcase> per finding. Fail semantics:
errors and warnings are <failure>s (what a reviewer must act on); notices are
passing test cases whose text is in <system-out> (information, like the
`notice` severity itself). A category with no findings gets one passing test
case, so a dashboard shows that it was checked. The exit code still follows
--fail-on; this file only describes the findings.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from omnilinks.models import CATEGORIES, SEVERITY_ORDER, Finding, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.locate import annotation_root, file_place
from omnilinks.report.safe import clean_text

FAILING = ("error", "warning")
# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    return NOT_XML.sub("\ufffd", clean_text(value))


def case_name(finding: Finding) -> str:
    where = finding.location.short() or (f"channel {finding.platform}" if finding.platform else "site")
    subject = finding.target or finding.field or ""
    return xml_text(f"{finding.rule} {where} {subject}".strip())


def details(finding: Finding) -> str:
    lines = [finding.message]
    for label, value in (("where", finding.location.short()), ("target", finding.target),
                         ("platform", finding.platform), ("field", finding.field), ("expected", finding.expected),
                         ("actual", finding.actual), ("fix", finding.fix)):
        if value:
            lines.append(f"{label}: {xml_text(value)}")
    return "\n".join(xml_text(line) for line in lines)


def render(report: Report, options: RenderOptions) -> str:
    root_dir = annotation_root(options)
    suites = ET.Element("testsuites", name="omnilinks")
    total = failed = 0
    categories = [*CATEGORIES, *sorted({f.category for f in report.findings} - set(CATEGORIES))]
    for category in categories:
        findings = sorted((f for f in report.findings if f.category == category),
                          key=lambda f: (SEVERITY_ORDER[f.severity], *f.sort_key()))
        suite = ET.SubElement(suites, "testsuite", name=category)
        failures = 0
        for finding in findings:
            case = ET.SubElement(suite, "testcase", classname=f"omnilinks.{category}", name=case_name(finding))
            place = file_place(finding.location, root_dir)
            if place is not None:
                case.set("file", xml_text(place.path))
                if place.line:
                    case.set("line", str(place.line))
            if finding.severity in FAILING:
                failures += 1
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=xml_text(f"{finding.severity}: {finding.message}"))
                failure.text = details(finding)
            else:
                ET.SubElement(case, "system-out").text = details(finding)
        if not findings:
            ET.SubElement(suite, "testcase", classname=f"omnilinks.{category}", name=f"no {category} findings")
        count = max(1, len(findings))
        suite.set("tests", str(count))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += count
        failed += failures
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


FORMAT = Format("junit", ".xml", "JUnit XML: a test suite per category, a failure per error or warning", render)
