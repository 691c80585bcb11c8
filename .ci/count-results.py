"""Sums the counters of every TRX file under a folder and prints 'N passed, N failed[, N skipped]'."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = sorted(Path(sys.argv[1]).rglob("*.trx")) if Path(sys.argv[1]).exists() else []
for trx in files:
    counters = ET.parse(trx).getroot().find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(f"{len(files)} result file(s)", file=sys.stderr)
print(line)
sys.exit(1 if failed or passed == 0 else 0)
