#!/usr/bin/env python3
"""Checks that docs/openapi.yaml lists exactly the routes the server registers.

Every route is registered in src/**/*.cpp as router.add(Method::kX, "/path/{p}", ...). This check
collects those (method, path) pairs (a trailing "{rest...}" read as "{rest}", the OpenAPI form) and
compares them with the operations under `paths:` in the OpenAPI document. It fails when a route is
undocumented, when the document lists a path or an operation the server does not have, or when a
router.add call cannot be read (its method or path is not written literally), so that no route can
slip past unnoticed.

The routes are read textually (standard library); the whole document is also parsed with PyYAML. The document must keep `paths:` as a top-level
block mapping whose keys are paths (one indentation level in) with their operations one level
further in, which is how docs/openapi.yaml is written.

Usage: check_openapi.py [SOURCE_DIR]   (default: the repository this file is in)
"""

from __future__ import annotations

import pathlib
import re
import sys

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# router.add( [http::]Method::kGet , "/api/v1/reports/{id}" — across line breaks.
ROUTE_CALL = re.compile(r"\brouter\s*(?:\.|->)\s*add\s*\(")
ROUTE = re.compile(
    r"\brouter\s*(?:\.|->)\s*add\s*\(\s*(?:[A-Za-z_][\w:]*::)?Method::k([A-Za-z]+)\s*,\s*"
    r"\"([^\"\\]*)\"")
CATCH_ALL = re.compile(r"\{([A-Za-z_]\w*)\.\.\.\}")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def server_routes(source_dir: pathlib.Path) -> tuple[set[tuple[str, str]], list[str]]:
    """(method, path) pairs registered in src/, and the calls that could not be read."""
    routes: set[tuple[str, str]] = set()
    unreadable: list[str] = []
    for cpp in sorted((source_dir / "src").rglob("*.cpp")):
        text = cpp.read_text(encoding="utf-8")
        rel = cpp.relative_to(source_dir)
        for call in ROUTE_CALL.finditer(text):
            m = ROUTE.match(text, call.start())
            if not m:
                unreadable.append(f"{rel}:{line_of(text, call.start())}")
                continue
            method = m.group(1).lower()
            if method not in HTTP_METHODS:
                unreadable.append(f"{rel}:{line_of(text, call.start())} (method k{m.group(1)})")
                continue
            # A trailing "{path...}" (the rest of the path) is documented as a plain "{path}".
            routes.add((method, CATCH_ALL.sub(r"{\1}", m.group(2))))
    return routes, unreadable


def strip_comment(line: str) -> str:
    """The line without a trailing `# comment` (a '#' inside quotes is kept)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def mapping_key(content: str) -> str | None:
    """The key of a `key:` line that opens a nested block, unquoted; None for anything else."""
    m = re.fullmatch(r"""(?:"([^"]*)"|'([^']*)'|([^\s"'][^:]*?))\s*:\s*""", content)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def documented_routes(openapi: pathlib.Path) -> tuple[set[tuple[str, str]], list[str]]:
    """(method, path) pairs under `paths:`, and problems with the document's shape."""
    problems: list[str] = []
    lines = openapi.read_text(encoding="utf-8").splitlines()
    if not any(re.match(r"openapi:\s*[\"']?3\.1\.", line) for line in lines):
        problems.append("the document does not declare `openapi: 3.1.x`")
    try:
        start = next(i for i, line in enumerate(lines) if re.fullmatch(r"paths:\s*(#.*)?", line))
    except StopIteration:
        return set(), problems + ["no top-level `paths:` block"]

    routes: set[tuple[str, str]] = set()
    path_indent = op_indent = None
    current_path = None
    operations_of_current = 0
    for number, raw in enumerate(lines[start + 1:], start=start + 2):
        line = strip_comment(raw).rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            break  # the next top-level key: the end of `paths:`
        if "\t" in line[:indent + 1]:
            problems.append(f"line {number}: tab in indentation")
            continue
        if path_indent is None:
            path_indent = indent
        if indent < path_indent:
            problems.append(f"line {number}: indentation goes left of the paths")
            continue
        content = line[indent:]
        if indent == path_indent:
            if current_path is not None and operations_of_current == 0:
                problems.append(f"path {current_path} has no operation")
            key = mapping_key(content)
            if key is None or not key.startswith("/"):
                problems.append(f"line {number}: expected a path key, found {content!r}")
                current_path = None
                continue
            current_path, operations_of_current = key, 0
            continue
        if current_path is None:
            continue
        if op_indent is None:
            op_indent = indent
        if indent != op_indent:
            continue  # inside an operation or a path-level field
        key = mapping_key(content)
        if key in HTTP_METHODS:
            if (key, current_path) in routes:
                problems.append(f"line {number}: {key.upper()} {current_path} listed twice")
            routes.add((key, current_path))
            operations_of_current += 1
        elif content.startswith("$ref"):
            problems.append(f"line {number}: path items by $ref are not supported by this check")
    if current_path is not None and operations_of_current == 0:
        problems.append(f"path {current_path} has no operation")
    return routes, problems


def yaml_problems(openapi: pathlib.Path) -> list[str]:
    """The document must also be YAML a parser reads (a `: ` inside an unquoted value is not).
    Checked with PyYAML (Debian's python3-yaml, which make setup installs)."""
    try:
        import yaml  # noqa: PLC0415 - optional beyond the standard library
    except ImportError:
        return ["PyYAML is missing (apt-get install python3-yaml): the document's YAML is unchecked"]
    try:
        yaml.safe_load(openapi.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        return [f"not valid YAML: {e}".replace("\n", " ")]
    return []


def main(argv: list[str]) -> int:
    source_dir = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).parents[2])
    openapi = source_dir / "docs" / "openapi.yaml"
    if not openapi.is_file():
        print(f"check_openapi: {openapi} does not exist", file=sys.stderr)
        return 1

    server, unreadable = server_routes(source_dir)
    documented, problems = documented_routes(openapi)
    # The router answers HEAD wherever it answers GET; a documented HEAD needs that GET.
    documented_heads = {(m, p) for m, p in documented if m == "head"}
    for _, path in sorted(documented_heads):
        if ("get", path) not in server:
            problems.append(f"HEAD {path} is documented but the server has no GET {path}")
    documented -= documented_heads

    failures = []
    if not server:
        failures.append("no router.add(...) call found under src/: is SOURCE_DIR right?")
    for where in unreadable:
        failures.append(f"{where}: a router.add call whose method or path is not a literal")
    for method, path in sorted(server - documented, key=lambda r: (r[1], r[0])):
        failures.append(f"undocumented: {method.upper()} {path} (add it to docs/openapi.yaml)")
    server_paths = {p for _, p in server}
    for method, path in sorted(documented - server, key=lambda r: (r[1], r[0])):
        if path in server_paths:
            failures.append(f"documented but not served: {method.upper()} {path}")
        else:
            failures.append(f"documented path the server does not have: {path}")
    failures.extend(problems)
    failures.extend(yaml_problems(openapi))

    if failures:
        for f in failures:
            print(f"check_openapi: {f}", file=sys.stderr)
        return 1
    print(f"check_openapi: {len(server)} routes, all documented in docs/openapi.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
