# Reads `jfr print --stack-depth 64 --events jdk.CPUTimeSample` and prints where the CPU went:
# each sample is charged to the first frame from the top that belongs to a known component of
# the request path (so a JDK frame called by the SOAP reader counts as SOAP decode), then the
# hottest top frames. Used by scripts/bench-http.sh with BENCH_PROFILE=1.

function component(frame) {
  if (frame ~ /^org\.sqlite\./) return "SQLite (JDBC and native code)"
  if (frame ~ /^cnode\.store\./) return "task store (reader pool, row mapping)"
  if (frame ~ /^(com\.ctc\.wstx|org\.codehaus\.stax2|javax\.xml)\./) return "Woodstox (XML parser)"
  if (frame ~ /^cnode\.soap\.(SoapWriter|XmlBuffer|SoapStruct|SoapFault)/) return "SOAP write"
  if (frame ~ /^cnode\.soap\./) return "SOAP decode"
  if (frame ~ /^cnode\.task\./) return "task engine"
  if (frame ~ /^cnode\.api\./) return "operations and endpoint"
  if (frame ~ /^cnode\.http\./) return "node HTTP handler (body read)"
  if (frame ~ /^org\.eclipse\.jetty\./) return "Jetty (HTTP, sockets, threads)"
  return ""
}

/^jdk\.CPUTimeSample/ { in_stack = 0; charged = ""; top = ""; next }
/stackTrace = \[/ { in_stack = 1; next }
in_stack && /^[ \t]*\]/ {
  in_stack = 0
  total++
  by[charged == "" ? "other (GC, JIT, JFR, idle JDK code)" : charged]++
  if (top != "") tops[top]++
  next
}
in_stack {
  frame = $0
  sub(/^[ \t]+/, "", frame)
  sub(/[ \t]+line:.*$/, "", frame)
  if (frame == "...") next
  if (top == "") top = frame
  if (charged == "") charged = component(frame)
}
END {
  if (total == 0) { print "no CPU samples"; exit }
  printf "%d CPU samples\n", total
  for (c in by) printf "%6.1f%%  %s\n", by[c] * 100 / total, c | "sort -rn"
  close("sort -rn")
  print "hottest top frames:"
  for (f in tops) printf "%6.1f%%  %s\n", tops[f] * 100 / total, f | "sort -rn | head -20"
  close("sort -rn | head -20")
}
