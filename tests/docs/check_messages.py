"""Every message key the code raises exists in the catalogue, in Vietnamese and English.

A key missing from src/common/messages.cpp reaches the client as its bare name. This finds the keys
passed to Status constructors and helpers (Invalid, BadRequest, NotFound, Conflict, Unavailable,
Status(Code::..., "key")), to .field(name, "key"), and to server_problem(..., "key"), and checks
each against the catalogue. Standard library only.
"""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
catalogue_text = (root / "src/common/messages.cpp").read_text(encoding="utf-8")
# {"key", {"vi text", "en text"}} — keys are the first string of an entry.
catalogue = set(re.findall(r'\{"([a-z0-9_]+)",\s*\{', catalogue_text))

patterns = [
    r'Status::(?:Invalid|BadRequest|NotFound|Conflict|Unavailable)\("([a-z0-9_]+)"\)',
    r'Status\(Code::k[A-Za-z]+,\s*"([a-z0-9_]+)"\)',
    r'\.field\([^,]+,\s*"([a-z0-9_]+)"\)',
    r'server_problem\([^,]+,\s*\d+,\s*"([a-z0-9_]+)"',
]
used = {}
for path in sorted((root / "src").rglob("*.[ch]pp")):
    text = path.read_text(encoding="utf-8")
    for pattern in patterns:
        for match in re.finditer(pattern, text):
            used.setdefault(match.group(1), str(path.relative_to(root)))

missing = sorted(k for k in used if k not in catalogue)
for key in missing:
    print(f"missing message: {key} (used in {used[key]})")
print(f"{len(used) - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
