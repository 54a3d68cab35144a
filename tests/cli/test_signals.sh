#!/usr/bin/env bash
# test_signals.sh - SIGINT and SIGTERM in the middle of `batch`: exit
# 128 + signal, every report left under --out-dir complete, no temporary file
# anywhere, and no summary (a partial one would pass for a whole corpus).
#
# The signal is sent once the first reports exist, so it falls inside the
# run however loaded the machine is; if the run still ends first, the test
# retries with a corpus four times larger, then skips with a message.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
T=$TONESCOPE
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

command -v jq >/dev/null || { echo "jq is needed for this test" >&2; exit 1; }

# alive PID: the process has not ended (a zombie counts as ended)
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    [ -r "/proc/$1/stat" ] || return 0
    local st
    st=$(cut -d')' -f2 "/proc/$1/stat" 2>/dev/null | cut -d' ' -f2) || return 1
    [ "$st" != Z ]
}

# run_interrupted SIG CORPUS RUN: starts batch on CORPUS into $tmp/RUN/out
# and $tmp/RUN/summary.tsv, sends SIG once a report exists.  Sets $rc to
# the exit status; returns 1 if the batch ended before the signal.
run_interrupted() {
    local sig=$1 corpus=$2 run=$tmp/$3
    mkdir -p "$run"
    "$T" batch -q -j 2 --out-dir "$run/out" --summary "$run/summary.tsv" "$corpus" \
        >"$run/stdout" 2>"$run/stderr" &
    pid=$!
    # wait (up to 60 s) for the first complete report to be renamed into place
    local i
    for ((i = 0; i < 600; i++)); do
        [ -n "$(find "$run/out" -name '*.tone.gz' -print -quit 2>/dev/null)" ] && break
        alive "$pid" || break
        sleep 0.1
    done
    sleep 0.3
    if ! alive "$pid"; then
        wait "$pid"
        rc=$?
        pid=
        return 1
    fi
    kill -s "$sig" "$pid"
    # it must stop promptly: finishing the documents in hand, not the corpus
    for ((i = 0; i < 300; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        fail "batch still running 30 s after SIG$sig"
        kill -KILL "$pid"
    fi
    wait "$pid"
    rc=$?
    pid=
    return 0
}

# check_after SIG WANT_RC RUN CORPUS
check_after() {
    local sig=$1 want=$2 run=$tmp/$3 corpus=$4
    [ "$rc" -eq "$want" ] && ok "SIG$sig: exit $rc" ||
        fail "SIG$sig: exit $rc, want $want; stderr: $(head -3 "$run/stderr")"
    local left
    left=$(find "$run" -name '*.tmp*' | head -5)
    [ -z "$left" ] && ok "SIG$sig: no temporary files" || fail "SIG$sig: temporary files left: $left"
    [ -e "$run/summary.tsv" ] && fail "SIG$sig: a summary was written for an interrupted run"
    local total done_n
    total=$(find "$corpus" -type f | wc -l)
    done_n=$(find "$run/out" -name '*.tone.gz' | wc -l)
    if [ "$done_n" -ge 1 ] && [ "$done_n" -lt "$total" ]; then
        ok "SIG$sig: stopped after $done_n of $total documents"
    else
        fail "SIG$sig: $done_n reports for $total documents (want some, not all)"
    fi
    # only reports: nothing else was created under --out-dir
    local other
    other=$(find "$run/out" -type f ! -name '*.tone.gz' | head -3)
    [ -z "$other" ] || fail "SIG$sig: stray files under --out-dir: $other"
    # every report is whole: gzip intact, header first, summary last
    local bad
    bad=$(find "$run/out" -name '*.tone.gz' -print0 | xargs -0 -r sh -c '
        for f; do
            gzip -t "$f" 2>/dev/null || { echo "$f"; continue; }
            gzip -dc "$f" | head -n 1 | grep -q "^{\"type\":\"document\"" || { echo "$f"; continue; }
            gzip -dc "$f" | tail -n 1 | grep -q "^{\"type\":\"summary\"" || echo "$f"
        done' sh | head -5)
    [ -z "$bad" ] && ok "SIG$sig: all $done_n reports are complete" || fail "SIG$sig: incomplete reports: $bad"
    # and the newest ones read back with show
    local f
    for f in $(find "$run/out" -name '*.tone.gz' -printf '%T@ %p\n' | sort -n | tail -3 | cut -d' ' -f2); do
        "$T" show "$f" >/dev/null 2>"$run/err" || fail "SIG$sig: show $f: $(cat "$run/err")"
    done
}

for sig_rc in INT:130 TERM:143; do
    sig=${sig_rc%%:*}
    want=${sig_rc##*:}
    tried=0
    for n in 4000 16000; do
        corpus=$tmp/corpus-$n
        [ -d "$corpus" ] || bench/gen-corpus "$n" "$corpus" 3 >/dev/null ||
            { fail "bench/gen-corpus $n failed"; break; }
        run=$sig-$n
        if run_interrupted "$sig" "$corpus" "$run"; then
            check_after "$sig" "$want" "$run" "$corpus"
            tried=1
            break
        fi
        echo "note: batch of $n documents ended (exit $rc) before SIG$sig; trying a larger corpus"
        [ "$rc" -eq 0 ] || fail "batch of $n documents exited $rc: $(head -3 "$tmp/$run/stderr")"
        rm -rf "${tmp:?}/$run"
    done
    [ $tried -eq 1 ] || echo "skip: SIG$sig (every batch ended before the signal)"
done

[ $fails -eq 0 ] && echo "all signal checks passed"
exit $((fails > 0))
