#!/usr/bin/env bash
# Benchmarks: builds bench/ once, then runs every framework x workload in its own JVM and writes the table.
#   bench/run.sh                 full run (warm-up 100 steps, 5 windows of >= 2 s), writes bench/RESULTS.md
#   bench/run.sh --quick         smoke run (warm-up 5, 2 windows of 0.3 s), table only in bench/target/
# Options: --threads N (default 2; OMP_NUM_THREADS and PyTorch intra-op threads), --frameworks "pytorch ours dl4j",
#          --workloads "mlp conv paint ae", --no-build, --profile (also prints where ours spends a step and
#          the cost of single small ops in ND4J, ours and PyTorch). Exit 1 when losses disagree with PyTorch's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=0; threads=2; build=1; profile=0
frameworks="pytorch ours dl4j nd4j"; workloads="mlp conv paint ae"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --threads) threads="$2"; shift ;;
    --frameworks) frameworks="$2"; shift ;;
    --workloads) workloads="$2"; shift ;;
    --no-build) build=0 ;;
    --profile) profile=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" = 1 ]; then
  (cd "$root" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
out="$here/target/results-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out" "$here/target/djl-cache"
export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"
export DJL_CACHE_DIR="$here/target/djl-cache" ENGINE_CACHE_DIR="$here/target/djl-cache"
jvm=(-Xmx4g -Djava.awt.headless=true -Dai.djl.offline=true -DPYTORCH_FLAVOR=cpu
     -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1
     -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JVM_OPTS:-})
if [ "$quick" = 1 ]; then args=(--warmup 5 --windows 2 --window-seconds 0.3); else args=(--warmup 100 --windows 5 --window-seconds 2); fi
for w in $workloads; do
  for f in $frameworks; do
    echo ">> $f $w (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    if ! java "${jvm[@]}" -cp "$cp" cadl.bench.Main --framework "$f" --workload "$w" "${args[@]}" \
        --out "$out/$f-$w.row" > "$out/$f-$w.log" 2>&1; then
      echo "   FAILED: see $out/$f-$w.log" >&2; tail -5 "$out/$f-$w.log" >&2
      echo "ROW framework=$f workload=$w status=failed why=see_$f-$w.log load=$(cut -d' ' -f1 /proc/loadavg)" > "$out/$f-$w.row"
    fi
  done
done
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
jdk="$(java -version 2>&1 | head -1)"
mode=$([ "$quick" = 1 ] && echo "quick smoke run (not a measurement)" || echo "full run")
header="Run $(date -u '+%Y-%m-%d %H:%M UTC'), $mode. Machine: $(nproc --all) cores, $cpu, $(free -g | awk '/Mem:/{print $2}') GB; $jdk.
Threads: OMP_NUM_THREADS=$threads (ND4J/OpenBLAS/oneDNN for ours, DL4J, raw ND4J), PyTorch intra-op threads $threads, inter-op 1.
Load average (1/5/15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg). Warm-up and windows: ${args[*]}."
if [ "$profile" = 1 ]; then
  for w in $workloads; do java "${jvm[@]}" -cp "$cp" cadl.bench.Profile ours "$w" 2>&1 | grep PROFILE; done
  for e in nd4j heap djl; do java "${jvm[@]}" -cp "$cp" cadl.bench.Profile ops "$e" 2>&1 | grep OPS; done
fi
status=0
java "${jvm[@]}" -cp "$cp" cadl.bench.Main --report "$out" --title "$header" || status=$?
if [ "$quick" = 0 ]; then
  { echo "# Benchmark results"; echo; echo "Written by \`bench/run.sh\` (see bench/README.md). Rows taken while other"
    echo "processes ran on the same 2 cores are noisy: compare each row's load column."; echo
    cat "$out/table.md"; } > "$here/RESULTS.md"
  echo "wrote $here/RESULTS.md" >&2
fi
exit $status
