#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fills a man page template from a program's --help, so the page lists exactly the options
the program has. Usage: help2man.py PROGRAM TEMPLATE OUTPUT

The template is roff with two placeholders: @OPTIONS@ becomes the "Options" block of --help
(option lines start within the first 8 columns with '-' or '/', descriptions are indented
further) and @EXAMPLES@ the "Examples" block. @VERSION@ becomes the program's version.
"""
import os
import re
import subprocess
import sys


def roff(text):
    text = text.replace("\\", "\\e")
    text = text.replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def block(lines, heading):
    """The lines after the first line starting with heading, up to the next blank line."""
    for i, line in enumerate(lines):
        if line.startswith(heading):
            out = []
            for follow in lines[i + 1:]:
                if not follow.strip():
                    break
                out.append(follow)
            return out
    sys.exit(f"help2man.py: no '{heading}' block in the --help output")


OPTION_LINE = re.compile(r"^ {2,8}([-/]\S.*?)(?: {2,}(\S.*))?$")


def options_roff(lines):
    out = []
    for line in lines:
        m = OPTION_LINE.match(line)
        if m:
            out.append(".TP")
            out.append("\\fB" + roff(m.group(1)) + "\\fR")
            if m.group(2):
                out.append(roff(m.group(2)))
        elif out:
            out.append(roff(line.strip()))
        else:
            sys.exit(f"help2man.py: description before any option: {line!r}")
    return "\n".join(out)


def examples_roff(lines):
    out = []
    for line in lines:
        out += [".PP", ".nf", roff(line.strip()), ".fi"]
    return "\n".join(out)


def main():
    program, template, output = sys.argv[1:4]
    env = dict(os.environ, LC_ALL="C", LANGUAGE="", QT_QPA_PLATFORM="offscreen")
    help_text = subprocess.run([program, "--help"], env=env, check=True,
                               capture_output=True, text=True).stdout
    version = subprocess.run([program, "--version"], env=env, check=True,
                             capture_output=True, text=True).stdout.split()[-1]
    lines = help_text.splitlines()
    with open(template, encoding="utf-8") as f:
        page = f.read()
    page = page.replace("@VERSION@", version)
    if "@OPTIONS@" in page:
        page = page.replace("@OPTIONS@", options_roff(block(lines, "Options")))
    if "@EXAMPLES@" in page:
        page = page.replace("@EXAMPLES@", examples_roff(block(lines, "Examples")))
    with open(output, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
