"""What bplint reads from each PDF, to a folder, for comparing two commits byte for byte:
`python bench/pdfdump.py OUT [FOLDER]` writes OUT/NAME.render (the rendered lines, places and
blocks), OUT/NAME.dump and OUT/NAME.tables (`bplint dump` and `dump --tables`); then
`diff -r BEFORE AFTER`.  FOLDER defaults to ../shared/external.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bplint.formats import pdf as reader

OUT = Path(sys.argv[1])
FOLDER = (
    Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "shared" / "external"
)
BPLINT = Path(sys.executable).with_name("bplint")


def rendered(data: bytes) -> str:
    try:
        out = reader.render(data)
    except reader.PdfError as error:
        return f"PdfError {error.message!r}\n"
    lines = [f"{place!r}\t{line!r}" for line, place in zip(out.lines, out.locations, strict=True)]
    return "\n".join([*lines, *map(repr, out.notices), *map(repr, out.blocks), *map(repr, out.furniture)])


OUT.mkdir(parents=True, exist_ok=True)
for path in sorted(FOLDER.glob("*.pdf")):
    (OUT / f"{path.stem}.render").write_text(rendered(path.read_bytes()))
    for suffix, extra in (("dump", []), ("tables", ["--tables"])):
        done = subprocess.run(
            [BPLINT, "dump", *extra, str(path)], capture_output=True, text=True, check=False
        )
        (OUT / f"{path.stem}.{suffix}").write_text(f"{done.returncode}\n{done.stdout}{done.stderr}")
    print(path.name, flush=True)
