#!/usr/bin/env python3
"""Writes NHS.UK frontend's stylesheet trimmed to the rules the app can use.

The full stylesheet is about 280 KB (30 KB gzip) and styles every NHS.UK component; the app uses
a fraction of them. Every `nhsuk-…` class the app can put on a page is written somewhere in its
source as a literal (`class="nhsuk-tag nhsuk-tag--green"`, `"nhsuk-tag--red"` passed around as a
value, `format!("nhsuk-tag {colour}")`), so this scans `frontend/src` and `frontend/index.html`
for `nhsuk-` words and keeps a rule only if one of its selectors can match: every class it
requires is one of those words. The trimming is conservative:

- a word that ends in `-` (`format!("nhsuk-tag--{colour}")`) keeps every class starting with it;
- classes inside `:not(…)`, `:is(…)`, `:where(…)` and `:has(…)` are not required;
- element, attribute and id selectors, `:root` variables and `@keyframes` are kept;
- any class that is not an `nhsuk-` class is required to appear somewhere in the sources.

`@font-face` rules are left out: they load Frutiger from assets.nhs.uk, another origin whose
connection and download delay every page's first paint, so the pages use the stylesheet's own
fallback, Arial, the NHS identity's other typeface (docs/performance.md has the measurement).

Run by trunk before every build (frontend/Trunk.toml), so a page that starts using another NHS.UK
component gets its rules with no list to keep up to date.

    trim-nhsuk-css.py <nhsuk-frontend.min.css> <output.css> <source file or folder>...
"""

import re
import sys
from pathlib import Path

CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
WORD = re.compile(r"nhsuk-[a-zA-Z0-9_-]*")
OPTIONAL_GROUPS = (":not(", ":is(", ":where(", ":has(", ":-webkit-any(", ":-moz-any(")


def source_text(paths):
    text = []
    for path in map(Path, paths):
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in {".rs", ".html"}:
                text.append(file.read_text(encoding="utf-8"))
    return "\n".join(text)


def split_top_level(text, separator):
    """Splits at `separator` outside brackets, parentheses and strings."""
    parts, depth, quote, start = [], 0, None, 0
    for index, char in enumerate(text):
        if quote:
            if char == "\\":
                continue
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def without_optional_groups(selector):
    """The selector without the arguments of :not(), :is(), :where() and :has()."""
    out, index = [], 0
    while index < len(selector):
        group = next((g for g in OPTIONAL_GROUPS if selector.startswith(g, index)), None)
        if group is None:
            out.append(selector[index])
            index += 1
            continue
        depth, index = 1, index + len(group)
        while index < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
            index += 1
    return "".join(out)


class Usage:
    def __init__(self, text):
        words = set(WORD.findall(text))
        self.exact = words
        self.prefixes = tuple(word for word in words if word.endswith("-"))
        self.text = text

    def has(self, name):
        if name.startswith("nhsuk-"):
            return name in self.exact or name.startswith(self.prefixes)
        return name in self.text

    def selector_can_match(self, selector):
        # Attribute values may contain dots (`[href^="."]`): look only outside brackets.
        plain = re.sub(r"\[[^\]]*\]", "", without_optional_groups(selector))
        return all(self.has(name) for name in CLASS.findall(plain))


def parse_blocks(css, start=0):
    """Yields (prelude, body or None, end) for each statement from `start` to the closing `}`."""
    index, prelude_start, quote, depth_paren = start, start, None, 0
    while index < len(css):
        char = css[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth_paren += 1
        elif char == ")":
            depth_paren -= 1
        elif depth_paren == 0 and char == ";":
            yield css[prelude_start:index].strip(), None, index + 1
            prelude_start = index + 1
        elif depth_paren == 0 and char == "{":
            body_end = matching_brace(css, index)
            yield css[prelude_start:index].strip(), (index + 1, body_end), body_end + 1
            index = body_end + 1
            prelude_start = index
            continue
        elif depth_paren == 0 and char == "}":
            return
        index += 1


def matching_brace(css, open_index):
    depth, index, quote = 0, open_index, None
    while index < len(css):
        char = css[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError("unbalanced braces in the stylesheet")


def trim(css, usage, start=0):
    out = []
    for prelude, body, _ in parse_blocks(css, start):
        if body is None:
            if prelude:
                out.append(prelude + ";")
            continue
        inner = css[body[0] : body[1]]
        if prelude.startswith(("@media", "@supports", "@container", "@layer")):
            kept = trim(css, usage, body[0])
            if kept:
                out.append(prelude + "{" + kept + "}")
        elif prelude.startswith("@font-face"):
            continue
        elif prelude.startswith("@"):
            out.append(prelude + "{" + inner + "}")
        else:
            selectors = [s for s in split_top_level(prelude, ",") if usage.selector_can_match(s.strip())]
            if selectors:
                out.append(",".join(s.strip() for s in selectors) + "{" + inner + "}")
    return "".join(out)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    stylesheet, output, sources = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    css = Path(stylesheet).read_text(encoding="utf-8")
    trimmed = trim(css, Usage(source_text(sources)))
    output.parent.mkdir(parents=True, exist_ok=True)
    # Rewrite only on change, so trunk's watcher is not woken for nothing.
    if not output.exists() or output.read_text(encoding="utf-8") != trimmed:
        output.write_text(trimmed, encoding="utf-8")


if __name__ == "__main__":
    main()
