#!/usr/bin/env bash
# Runs the whole test suite (turbo's build + test of every package) on each Node.js major given,
# 20, 22 and 24 by default:  scripts/test-node-versions.sh [major ...] [turbo option ...]
# (pnpm test:compat). Turbo options narrow the run, e.g. --filter=@iamkit/credentials...
#
# Other Node versions come from the `node` npm package, which ships the binary through the npm
# registry: `npm exec --package=node@22 -- …` puts that node first on PATH for everything started
# inside, pnpm, turbo and vitest included. The current node is used when it already is the major
# asked for. Turbo's cache key does not include the Node version, hence --force. Each run's full
# log is kept in .tmp/compat/node-<major>.log; the run fails if any version fails.
set -uo pipefail
cd "$(dirname "$0")/.."

export TURBO_TELEMETRY_DISABLED=1
export TURBO_NO_UPDATE_NOTIFIER=1

majors=()
turbo_args=()
for arg in "$@"; do
  case "$arg" in
    [0-9]*) majors+=("$arg") ;;
    --*) turbo_args+=("$arg") ;;
    *) echo "usage: $0 [major ...] [turbo option ...]" >&2; exit 2 ;;
  esac
done
[ "${#majors[@]}" -gt 0 ] || majors=(20 22 24)
current=$(node -p 'process.versions.node.split(".")[0]')
mkdir -p .tmp/compat
summary=()
failed=0
started=$SECONDS

for major in "${majors[@]}"; do
  log=".tmp/compat/node-$major.log"
  if [ "$major" = "$current" ]; then runner=(); else runner=(npm exec --yes --package="node@$major" --); fi
  echo "== Node $major: ${runner[*]:-current node} pnpm turbo run test --force ${turbo_args[*]:-}"
  begin=$SECONDS
  # The inner shell proves which node actually runs before running anything on it.
  "${runner[@]}" bash -c '
    set -euo pipefail
    want=$1
    shift
    actual=$(node -p process.versions.node)
    echo "node -v inside: v$actual ($(command -v node))"
    if [ "${actual%%.*}" != "$want" ]; then echo "expected Node $want, got $actual" >&2; exit 1; fi
    pnpm turbo run test --force --output-logs=full --log-order=grouped "$@"
  ' _ "$major" "${turbo_args[@]}" >"$log" 2>&1
  status=$?
  seconds=$((SECONDS - begin))
  grep -m1 '^node -v inside' "$log" || true
  # vitest's per-package totals, e.g. "@iamkit/sigv4:test:       Tests  318 passed (318)".
  totals=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^[^ ]+:test: +Tests +[0-9]+' | sed -E 's/:test: +Tests +/: /' || true)
  [ -z "$totals" ] || printf '%s\n' "$totals" | sed 's/^/  /'
  tests=$(printf '%s\n' "$totals" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "passed") sum += $i } END { print sum + 0 }')
  if [ "$status" -eq 0 ]; then
    summary+=("Node $major: passed in ${seconds}s (${tests:-0} tests)")
  else
    failed=1
    summary+=("Node $major: FAILED in ${seconds}s (exit $status, log: $log)")
    echo "-- last lines of $log:"
    tail -n 40 "$log"
  fi
done

echo "== test-node-versions: $((SECONDS - started))s in all"
printf '  %s\n' "${summary[@]}"
exit "$failed"
