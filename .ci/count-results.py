"""Sums the counters of every TRX file under a folder and prints 'N passed, N failed[, N skipped]'.

Failed tests are named on stderr with their message's first lines, so a CI log whose middle is cut still says which
test failed and why, just above the tally."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = sorted(Path(sys.argv[1]).rglob("*.trx")) if Path(sys.argv[1]).exists() else []
for trx in files:
    root = ET.parse(trx).getroot()
    counters = root.find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
    for result in root.iter(f"{NS}UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        text = (message.text or "").strip() if message is not None else ""
        print(f"FAILED {result.get('testName')} ({result.get('duration')})", file=sys.stderr)
        for line in text.splitlines()[:6]:
            print(f"    {line}", file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(f"{len(files)} result file(s)", file=sys.stderr)
print(line)
sys.exit(1 if failed or passed == 0 else 0)
