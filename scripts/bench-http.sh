#!/usr/bin/env bash
# scripts/bench-http.sh [COUNT] [DURATION]: getTaskStatus on stored (finished) tasks over real
# HTTP, measured with wrk (2 threads, 32 keep-alive connections, on this machine), beside a
# baseline measured in the same run: the node's own Jetty set-up answering every POST with the
# same bytes and no parsing or lookup (cnode.bench.BareJetty). Then the node's heap after a
# full GC with COUNT stored tasks and 10 000 requests served.
#
#   COUNT     finished tasks loaded through the engine (default 100000); the loaded data
#             folder is kept in target/bench-data-COUNT and reused by later runs
#   DURATION  of each measured wrk run, in wrk's format (default 20s)
#
# Environment: BENCH_WARMUP (wrk warm-up before each measured run, default 5s), BENCH_PROFILE=1
# (record the node with JFR during its measured run and print where its CPU went),
# NODE_JAVA_OPTS (extra JVM flags for the node and the baseline, e.g. -Xmx256m).
# NODE_FLAGS (extra node flags, e.g. "--task-cache-max 0" to read every task from SQLite).
# Everything it starts is stopped on exit; each step is bounded in time. Logs and results go to
# target/bench-run-<time>/. Exit status: 0 when every step worked (the targets are reported,
# not enforced, since shared machines disturb the figures), 1 when a step failed or wrk counted
# errors.
set -euo pipefail

count=${1:-100000}
duration=${2:-20s}
warmup=${BENCH_WARMUP:-5s}
heap_requests=10000
if ! [[ "$count" =~ ^[1-9][0-9]{0,8}$ ]] || ! [[ "$duration" =~ ^[1-9][0-9]*[smh]?$ ]] \
  || ! [[ "$warmup" =~ ^[1-9][0-9]*[smh]?$ ]]; then
  echo "usage: scripts/bench-http.sh [COUNT] [DURATION]   e.g. 100000 20s" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
java=$JAVA_HOME/bin/java
jcmd=$JAVA_HOME/bin/jcmd
jfr=$JAVA_HOME/bin/jfr
template=$root/scripts/bench/get-task-status.xml
lua=$root/scripts/bench/get-task-status.lua
data=$root/target/bench-data-$count
ids=$data/ids.txt
run=$root/target/bench-run-$(date +%Y%m%d-%H%M%S)
read -r -a java_opts <<< "${NODE_JAVA_OPTS:-}"
read -r -a node_flags <<< "${NODE_FLAGS:-}"

for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-http: needs $tool (apt-get install -y $tool)" >&2
    exit 1
  fi
done

# Processes this script started, stopped on any exit.
pids=()
app=
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${pids[@]}"; do
    stop_pid "$pid"
  done
  [ -z "$app" ] || rm -rf "$app"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '\n== %s\n' "$*"; }

build_if_needed() {
  cd "$root"
  if [ ! -f target/cnode.jar ] \
    || [ -n "$(find src/main pom.xml -newer target/cnode.jar -print -quit)" ]; then
    say "building target/cnode.jar"
    mvn -q -B -o package -Dmaven.test.skip=true
  fi
  local loader=target/test-classes/cnode/bench/TaskLoader.class
  if [ ! -f "$loader" ] \
    || [ -n "$(find src/test/java/cnode/bench -newer "$loader" -print -quit)" ]; then
    say "compiling the benchmark classes"
    mvn -q -B -o test-compile
  fi
}

# Other builds share target/ and may rebuild it under a running JVM, so every JVM here runs
# from a copy taken once: the node's jar, its libraries, and the benchmark classes.
snapshot() {
  app=$run/app
  mkdir -p "$app/bench/cnode"
  cp -r "$root/target/cnode.jar" "$root/target/lib" "$app/"
  cp -r "$root/target/test-classes/cnode/bench" "$app/bench/cnode/"
  bench_cp="$app/bench:$app/cnode.jar"
}

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}

# Starts a JVM in the background, records its pid in $started and waits for the port to answer.
started=
start_jvm() {
  local name=$1 port=$2
  shift 2
  "$java" "${java_opts[@]}" "$@" >"$run/$name.log" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 1 600); do
    if ! kill -0 "$started" 2>/dev/null; then
      echo "bench-http: $name exited at start; see $run/$name.log" >&2
      tail -20 "$run/$name.log" >&2
      exit 1
    fi
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"; then
      return 0
    fi
    sleep 0.2
  done
  echo "bench-http: $name did not answer on port $port within 120 s" >&2
  exit 1
}

start_node() {
  start_jvm "$1" "$2" --enable-native-access=ALL-UNNAMED -jar "$app/cnode.jar" node \
    --soap-port "$2" --data "$data" --task-ttl 3650d "${node_flags[@]}"
}

stop_started() {
  stop_pid "$1"
  local kept=()
  for pid in "${pids[@]}"; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  pids=("${kept[@]}")
}

soap_post() {
  local port=$1 id=$2 out=$3
  sed "s/TASKID/$id/" "$template" > "$run/request.xml"
  curl -sS --max-time 10 -o "$out" -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction: ""' --data-binary @"$run/request.xml" "http://127.0.0.1:$port/"
}

finished_reply() {
  grep -Eq '<requestStatus[^>]*>SUCCESS</requestStatus>' "$1" \
    && grep -Eq '<status[^>]*>FINISHED_[A-Z_]+</status>' "$1"
}

# Warms up, then measures the server PID on a port with wrk: the result line goes to $wrk_line
# and the server's CPU time per request to $cpu_us. The node is recorded with JFR during the
# measured run when BENCH_PROFILE=1.
wrk_line=
cpu_us=
measure() {
  local name=$1 port=$2 pid=$3
  say "$name: warm-up $warmup, then wrk -t2 -c32 -d$duration --latency"
  wrk -t2 -c32 -d"$warmup" -s "$lua" "http://127.0.0.1:$port/" -- "$ids" "$template" \
    > "$run/$name-warmup.wrk"
  [ "$name" != node ] || profile_start "$pid"
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks "$pid")
  wrk -t2 -c32 -d"$duration" --latency -s "$lua" "http://127.0.0.1:$port/" -- "$ids" \
    "$template" > "$run/$name.wrk"
  ticks_after=$(cpu_ticks "$pid")
  cat "$run/$name.wrk"
  wrk_line=$(grep '^WRK ' "$run/$name.wrk")
  cpu_us=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
    -v n="$(field requests "$wrk_line")" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  echo "$name: $cpu_us us of server CPU per request"
  [ "$name" != node ] || profile_report "$pid"
}

# User and system CPU ticks a process has used so far.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

field() {
  sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< "$2"
}

errors_in() {
  local sum=0 name
  for name in errors_connect errors_read errors_write errors_timeout errors_status; do
    sum=$((sum + $(field "$name" "$1")))
  done
  echo "$sum"
}

load_tasks() {
  if [ -f "$data/complete" ] && [ -s "$ids" ]; then
    say "reusing $count loaded tasks in $data"
    loader_rate="(cached: loaded by an earlier run)"
    return 0
  fi
  say "loading $count finished tasks into $data"
  rm -rf "$data"
  mkdir -p "$data"
  "$java" --enable-native-access=ALL-UNNAMED -cp "$bench_cp" cnode.bench.TaskLoader "$data" \
    "$count" "$ids" | tee "$run/loader.log"
  loader_rate="$(field rate "$(grep '^LOADER ' "$run/loader.log")") tasks/s"
  touch "$data/complete"
}

check_node() {
  local port=$1
  say "checking the node's answers"
  soap_post "$port" "$(head -1 "$ids")" "$run/response.xml"
  if ! finished_reply "$run/response.xml"; then
    echo "bench-http: the node did not answer SUCCESS with a FINISHED_ task:" >&2
    cat "$run/response.xml" >&2
    exit 1
  fi
  local id
  for id in $(shuf -n 20 "$ids"); do
    soap_post "$port" "$id" "$run/check.xml"
    finished_reply "$run/check.xml" || { echo "bench-http: bad answer for $id" >&2; exit 1; }
  done
  echo "captured $(wc -c < "$run/response.xml") response bytes; 20 more sampled ids answer"
}

# JFR's CPU-time sampler (JDK 25, Linux) sees native code too, which matters here: SQLite runs
# in native code below JDBC.
profile_start() {
  [ "${BENCH_PROFILE:-0}" = 1 ] || return 0
  "$jfr" configure --input profile jdk.CPUTimeSample#enabled=true \
    jdk.CPUTimeSample#throttle=1ms jdk.ThreadPark#threshold=1ms --output "$run/cpu.jfc" >/dev/null
  "$jcmd" "$1" JFR.start name=bench settings="$run/cpu.jfc" filename="$run/node.jfr" >/dev/null
}

profile_report() {
  [ "${BENCH_PROFILE:-0}" = 1 ] || return 0
  "$jcmd" "$1" JFR.stop name=bench >/dev/null
  "$jfr" print --stack-depth 64 --events jdk.CPUTimeSample "$run/node.jfr" > "$run/cpu.txt"
  awk -f "$root/scripts/bench/jfr-cpu.awk" "$run/cpu.txt" > "$run/profile.txt"
  say "node profile: where its CPU went (JFR, $run/node.jfr)"
  cat "$run/profile.txt"
}

measure_node() {
  local port
  port=$(free_port 19391)
  say "node on port $port"
  start_node node "$port"
  local pid=$started
  check_node "$port"
  measure node "$port" "$pid"
  node_line=$wrk_line
  node_cpu_us=$cpu_us
  stop_started "$pid"
}

measure_baseline() {
  local port
  port=$(free_port 19392)
  say "baseline (bare Jetty, fixed answer) on port $port"
  start_jvm baseline "$port" -cp "$bench_cp" cnode.bench.BareJetty "$port" "$run/response.xml"
  local pid=$started
  measure baseline "$port" "$pid"
  base_line=$wrk_line
  base_cpu_us=$cpu_us
  stop_started "$pid"
}

measure_heap() {
  local port
  port=$(free_port 19391)
  say "heap: node with $count stored tasks, $heap_requests getTaskStatus requests, full GC"
  start_node heap "$port"
  local pid=$started
  if ! WRK_LIMIT=$heap_requests wrk -t1 -c4 -d120s -s "$lua" "http://127.0.0.1:$port/" -- \
    "$ids" "$template" > "$run/heap.wrk" || ! grep '^WRK_LIMIT ' "$run/heap.wrk"; then
    echo "bench-http: the heap step did not get $heap_requests good answers:" >&2
    cat "$run/heap.wrk" >&2
    exit 1
  fi
  "$jcmd" "$pid" GC.run > /dev/null
  sleep 1
  "$jcmd" "$pid" GC.heap_info > "$run/heap-info.txt"
  cat "$run/heap-info.txt"
  local used_k committed_k
  used_k=$(grep -m1 -o 'used [0-9]*K' "$run/heap-info.txt" | tr -dc '0-9')
  committed_k=$(grep -m1 -o 'committed [0-9]*K' "$run/heap-info.txt" | tr -dc '0-9')
  heap_mb=$((used_k / 1024))
  heap_committed_mb=$((committed_k / 1024))
  rss_mb=$(( $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
  stop_started "$pid"
}

verdict() {
  if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "NOT met"; fi
}

summary() {
  local n_rps n_p50 n_p99 b_rps b_p50 b_p99 ratio
  n_rps=$(field rps "$node_line"); n_p50=$(field p50_ms "$node_line")
  n_p99=$(field p99_ms "$node_line")
  b_rps=$(field rps "$base_line"); b_p50=$(field p50_ms "$base_line")
  b_p99=$(field p99_ms "$base_line")
  ratio=$(awk "BEGIN {printf \"%.2f\", $n_rps / $b_rps}")
  {
    printf '\ngetTaskStatus on %s stored tasks, wrk -t2 -c32 -d%s (warm-up %s)\n' \
      "$count" "$duration" "$warmup"
    printf '%-10s %10s %10s %10s %12s %8s\n' "" "req/s" "p50 ms" "p99 ms" "CPU us/req" \
      "errors"
    printf '%-10s %10s %10s %10s %12s %8s\n' node "$n_rps" "$n_p50" "$n_p99" "$node_cpu_us" \
      "$(errors_in "$node_line")"
    printf '%-10s %10s %10s %10s %12s %8s\n' baseline "$b_rps" "$b_p50" "$b_p99" \
      "$base_cpu_us" "$(errors_in "$base_line")"
    printf 'ratio node/baseline  %s   (target >= 0.8: %s)\n' "$ratio" \
      "$(verdict "$ratio >= 0.8")"
    printf 'node req/s           %s   (target >= 25000: %s)\n' "$n_rps" \
      "$(verdict "$n_rps >= 25000")"
    printf 'node p99             %s ms (target < 10 ms: %s)\n' "$n_p99" \
      "$(verdict "$n_p99 < 10")"
    printf 'heap after full GC   %s MB used, %s MB committed, RSS %s MB (target < 256 MB: %s)\n' \
      "$heap_mb" "$heap_committed_mb" "$rss_mb" "$(verdict "$heap_mb < 256")"
    printf 'loader               %s\n' "$loader_rate"
    printf 'machine              %s cores, %s\n' "$(nproc)" \
      "$(lscpu | sed -n 's/^Model name:[ ]*//p' | head -1)"
    printf 'load average         %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'jdk                  %s\n' "$("$java" -version 2>&1 | head -1)"
    printf 'date                 %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    printf 'results              %s\n' "$run"
  } | tee "$run/summary.txt"
}

main() {
  build_if_needed
  mkdir -p "$run"
  snapshot
  load_tasks
  measure_node
  measure_baseline
  measure_heap
  summary
  if [ "$(errors_in "$node_line")" != 0 ] || [ "$(errors_in "$base_line")" != 0 ]; then
    echo "bench-http: wrk counted errors; the figures above are not valid" >&2
    exit 1
  fi
}

main
