#!/usr/bin/env bash
# The README walkthrough, run for real: `pnpm start` (embedded PGlite, the local Redis), upload the
# sample plan, poll until completed, read the analysis, ask an agent, stop cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATA_DIR="$(mktemp -d /tmp/saeq-smoke.XXXXXX)"
export PORT="${SMOKE_PORT:-3917}"
export HOST=127.0.0.1
export QUEUE_PREFIX="smoke$$"
export BOOTSTRAP_API_KEY="saeq_smoke_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LOG_LEVEL=warn
# pnpm start's metrics ports: the gateway's 9100 (never its API port), the workers' 9101-9103.
unset DATABASE_URL ANTHROPIC_API_KEY METRICS_PORT
metrics="http://127.0.0.1:9100/metrics"
base="http://127.0.0.1:${PORT}"
auth=(-H "Authorization: Bearer ${BOOTSTRAP_API_KEY}")
sample=fixtures/plans/sample-plan.pdf
[ -f "$sample" ] || pnpm -s plans:generate >/dev/null

log="$DATA_DIR/start.log"
# What `pnpm start` runs: the build (turbo-cached), then the compiled start script, started
# directly so that signals reach it (pnpm does not forward SIGINT to its child when there is no
# terminal). Every service runs its dist/main.js: no tsx.
pnpm -s build >/dev/null
node --conditions=@saeq/compiled scripts/dist/start.js >"$log" 2>&1 &
start_pid=$!
cleanup() {
  kill -INT "$start_pid" 2>/dev/null || true
  for _ in $(seq 1 450); do kill -0 "$start_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$start_pid" 2>/dev/null || true
  pkill -KILL -f "$DATA_DIR" 2>/dev/null || true
  wait "$start_pid" 2>/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "${QUEUE_PREFIX}:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT
fail() { echo "[smoke] FAIL: $*"; echo "--- pnpm start output"; tail -n 80 "$log"; exit 1; }

# 60 s: on a loaded 2-core machine, the start-up of four services alone can take ~30 s.
for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf "$base/health/ready" >/dev/null || fail "gateway not ready"
echo "[smoke] gateway ready at $base"

created=$(curl -sf "${auth[@]}" -F "file=@${sample}" -F name="Maison témoin" "$base/v1/plans") || fail "upload"
plan_id=$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$created")
echo "[smoke] uploaded plan $plan_id"

status=""
for _ in $(seq 1 100); do
  plan=$(curl -sf "${auth[@]}" "$base/v1/plans/$plan_id") || fail "poll"
  status=$(node -e 'console.log(JSON.parse(process.argv[1]).status)' "$plan")
  [ "$status" = completed ] || [ "$status" = failed ] && break
  sleep 0.2
done
[ "$status" = completed ] || fail "plan status is '$status': $plan"
echo "[smoke] plan completed"

analysis=$(curl -sf "${auth[@]}" "$base/v1/plans/$plan_id/analysis") || fail "analysis"
node -e '
  const a = JSON.parse(process.argv[1]);
  if (!Array.isArray(a.pages) || a.pages.length < 1) throw new Error("no pages");
  if (!(a.pages[0].widthPt > 0)) throw new Error("no page size");
  if (!a.pages[0].text || a.pages[0].text.length < 10) throw new Error("no text");
  console.log(`[smoke] analysis: ${a.pages.length} page(s), ${a.pages[0].widthPt}x${a.pages[0].heightPt} pt`);
' "$analysis" || fail "analysis content"
curl -sf "${auth[@]}" "$base/v1/plans/$plan_id/compliance" >/dev/null || fail "compliance"
curl -sf "${auth[@]}" "$base/v1/plans/$plan_id/bom" >/dev/null || fail "bom"

run=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"message\":\"Quelle est la charge calculée d'une maison de 150 m²?\",\"planId\":\"$plan_id\"}" \
  "$base/v1/agents/electrical-calculator/runs") || fail "agent run"
run_id=$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$run")
for _ in $(seq 1 100); do
  r=$(curl -sf "${auth[@]}" "$base/v1/agent-runs/$run_id") || fail "poll run"
  rs=$(node -e 'console.log(JSON.parse(process.argv[1]).status)' "$r")
  [ "$rs" = completed ] || [ "$rs" = failed ] && break
  sleep 0.2
done
[ "$rs" = completed ] || fail "agent run status '$rs': $r"
node -e 'const r = JSON.parse(process.argv[1]); if (r.mode !== "offline" || !r.answer) throw new Error("bad run"); console.log("[smoke] agent answered (" + r.mode + ")")' "$r" || fail "agent answer"

code=$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/plans") ; [ "$code" = 401 ] || fail "no key should be 401, got $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics"); [ "$code" = 404 ] || fail "/metrics on the API port should be 404, got $code"
# The body is captured before grep: piping curl into `grep -q` under pipefail lets grep
# exit at the first match and curl die of SIGPIPE, failing the check although the metric is there.
metrics_body=$(curl -sf "$metrics") || fail "metrics on the gateway's METRICS_PORT"
grep -q saeq_plans_processed_total <<<"$metrics_body" || fail "metrics on the gateway's METRICS_PORT lack saeq_plans_processed_total"

kill -INT "$start_pid"
rc=0
for _ in $(seq 1 450); do kill -0 "$start_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$start_pid" 2>/dev/null && fail "pnpm start did not stop within 45 s of SIGINT"
wait "$start_pid" || rc=$?
[ "$rc" = 0 ] || fail "pnpm start exited with $rc"
trap - EXIT
rm -rf "$DATA_DIR"
redis-cli -h 127.0.0.1 --scan --pattern "${QUEUE_PREFIX}:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
echo "[smoke] ok"
