#!/usr/bin/env bash
# Installs everything, then builds and runs every test project. TRX results land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")/.."
infra/install.sh
rm -rf TestResults
dotnet build ClaudeGrains.sln -c Release --no-restore --verbosity quiet
dotnet test ClaudeGrains.sln -c Release --no-build --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
