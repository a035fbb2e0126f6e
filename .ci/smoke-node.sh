#!/usr/bin/env bash
# Smoke test on the Node versions new users install (default 22 and 24): for each, the `node`
# package of the npm registry brings that Node's binary; a fresh copy of the project is installed
# with it (`npm ci`, which builds dist/), then test/smoke/smoke.mjs starts the console chat with
# one lead on stdin and an HTTP Slack bot that gets one signed slash command.
# Usage: .ci/smoke-node.sh [major ...]
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22 24)

work=$(mktemp -d "${TMPDIR:-/tmp}/smoke-node.XXXXXX")
trap 'rm -rf "$work"' EXIT

for major in "${versions[@]}"; do
  started=$(date +%s)
  echo "== smoke on Node $major"
  npm install --prefix "$work/node-$major" --no-audit --no-fund --no-save --prefer-offline --loglevel=error "node@$major" >/dev/null
  bin="$work/node-$major/node_modules/node/bin"
  "$bin/node" --version
  # The project as a clone has it: tracked files (and new ones not ignored), no node_modules or dist.
  app="$work/app-$major"
  mkdir -p "$app"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
  done | tar --null -T - -cf - | tar -xf - -C "$app"
  (
    cd "$app"
    export PATH="$bin:$PATH"   # npm's own `#!/usr/bin/env node` then runs on this Node too
    npm ci --prefer-offline --no-audit --no-fund --loglevel=error
    node test/smoke/smoke.mjs
  )
  rm -rf "$app"
  echo "Node $major: smoke passed in $(( $(date +%s) - started )) s"
done
