#!/usr/bin/env bash
# Installs everything, starts a silo, sends one sample query through the client, then stops the silo.
# Uses ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL from the environment; without a key the query reports the
# CLI's own "Not logged in" error.
set -euo pipefail
cd "$(dirname "$0")/.."
infra/install.sh
dotnet build ClaudeGrains.sln -c Release --no-restore --verbosity quiet

log="$(mktemp -t claudegrains-silo.XXXXXX.log)"
dotnet run -c Release --no-build --project silo >"$log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null; wait "$silo" 2>/dev/null || true' EXIT

echo "== waiting for the silo (log: $log)"
for _ in $(seq 1 60); do
  grep -q "Application started" "$log" && break
  kill -0 "$silo" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done

echo "== asking session code_reviewer"
dotnet run -c Release --no-build --project client-sample -- --session code_reviewer "${1:-Review this C#: int Divide(int a, int b) => a / b;}"
