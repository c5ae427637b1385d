#!/usr/bin/env bash
# Benchmarks: ours (cadl) against PyTorch in Python, PyTorch through DJL, DL4J and raw ND4J on the four bench
# workloads, at 1 thread and at all cores, each row in its own process; writes this CPU's section of
# bench/RESULTS.md (see bench/README.md for what is measured and how the agreement gate works).
#   bench/run.sh                 full run (warm-up 100 steps, 5 windows of >= 2 s): 14 min on 2 cores at load 6-10
#   bench/run.sh --quick         smoke run (warm-up 5, 2 windows of 0.3 s), section only in bench/target/
# Options: --threads "1 2" (default "1 $(nproc)"; sets OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS,
#          DJL's and torch's intra-op threads), --frameworks "torch ours djl dl4j nd4j", --workloads "mlp conv
#          paint ae", --no-build, --profile (also prints where ours spends a step and each op's CPU cost in
#          ours and PyTorch, see bench/README.md).
# What it does, in order:
#   1. installs Debian's python3-torch, libopenblas0-openmp (without it torch uses the reference BLAS, 7-14x
#      slower) and python3-threadpoolctl with apt-get when they are missing (as root, or through sudo);
#   2. builds bench/ through the reactor (mvn -Pbench -pl bench -am package; Maven Central only);
#   3. exports each workload's data and initial weights to an .npz for the Python row;
#   4. calibrates the agreement gate (bench/torch_gate.py), then for each thread count runs every
#      framework x workload, and times single GEMMs in ND4J's OpenBLAS and in torch;
#   5. writes the section (machine, tables, GFLOPS, gate) and exits 1 if any losses disagree.
# OPENBLAS_CORETYPE: the Java rows run the kernel the course's launchers choose for ND4J's OpenBLAS 0.3.19
# (kernel/write_kernelspec.py --blas-env: SkylakeX on AVX-512 CPUs, Haswell on AVX2 ones, CADL_OPENBLAS_CORETYPE
# overrides), replacing the environment's; OPENBLAS_L2_SIZE stays as inherited. The Python row runs with both
# unset, as on a learner's machine. The section records which kernel each BLAS ran, and why.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
started=$(date +%s)
quick=0; threads="1 $(nproc)"; build=1; profile=0
frameworks="torch ours djl dl4j nd4j"; workloads="mlp conv paint ae"
command="bench/run.sh${*:+ $*}"
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
threads="$(echo $threads | tr ' ' '\n' | awk '!seen[$0]++' | tr '\n' ' ')"
py=/usr/bin/python3   # Debian's python: python3-torch is installed for it, not for a pyenv python3 on PATH

# 1. PyTorch in Python with OpenBLAS
if [[ " $frameworks " == *" torch "* ]]; then
  missing=""
  dpkg -s python3-torch >/dev/null 2>&1 || missing="$missing python3-torch"
  dpkg -s libopenblas0-openmp >/dev/null 2>&1 || missing="$missing libopenblas0-openmp"
  dpkg -s python3-threadpoolctl >/dev/null 2>&1 || missing="$missing python3-threadpoolctl"
  if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo ">> installing Debian packages for the PyTorch-in-Python row:$missing (apt-get, about 1-2 minutes)" >&2
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing >&2
  fi
  blas="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $py -c 'import torch; from threadpoolctl import threadpool_info as t; print(" ".join(i["internal_api"] for i in t() if i["user_api"] == "blas"))')"
  if [ "$blas" != "openblas" ]; then
    echo "PyTorch in Python calls '$blas', not OpenBLAS: install libopenblas0-openmp (the reference BLAS would flatter us)" >&2
    exit 1
  fi
fi

# 2. build
if [ "$build" = 1 ]; then
  (cd "$root" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
out="$here/target/results-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out/data" "$here/target/djl-cache"
blas_env="$("$py" "$root/kernel/write_kernelspec.py" --blas-env 2>"$out/openblas.txt")" || { cat "$out/openblas.txt" >&2; exit 1; }
eval "$blas_env"
echo ">> $(cat "$out/openblas.txt")" >&2
export DJL_CACHE_DIR="$here/target/djl-cache" ENGINE_CACHE_DIR="$here/target/djl-cache"
# the heap settings of the course kernel (kernel/write_kernelspec.py JVM_FLAGS), plus DJL offline
jvm=(-Xmx4g -XX:G1HeapRegionSize=32m -Djava.awt.headless=true -Dai.djl.offline=true -DPYTORCH_FLAVOR=cpu
     -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JVM_OPTS:-})
if [ "$quick" = 1 ]; then args=(--warmup 5 --windows 2 --window-seconds 0.3); else args=(--warmup 100 --windows 5 --window-seconds 2); fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
nolocal_blas=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)

# 3. data for the Python row, 4a. gate calibration
for w in $workloads; do
  java "${jvm[@]}" -cp "$cp" cadl.bench.Main --export "$out/data/$w.npz" --workload "$w"
  if [[ " $frameworks " == *" torch "* ]]; then
    echo ">> calibrating the agreement gate on $w" >&2
    (cd "$here" && OMP_NUM_THREADS=1 "${nolocal_blas[@]}" $py torch_gate.py --workload "$w" --data "$out/data/$w.npz") > "$out/gate-$w.txt"
  fi
done

# 4b. rows and single GEMMs, per thread count
loads=""
for n in $threads; do
  export OMP_NUM_THREADS="$n" MKL_NUM_THREADS="$n" OPENBLAS_NUM_THREADS="$n" CADL_THREADS="$n"
  loads="$loads $n threads: $(load) at the start"
  for w in $workloads; do
    for f in $frameworks; do
      echo ">> $f $w, $n threads (load $(load))" >&2
      row="$out/$f-$w-t$n.row"
      if [ "$f" = torch ]; then
        run=(env "${nolocal_blas[@]:1}" $py "$here/torch_bench.py" --workload "$w" --data "$out/data/$w.npz" --threads "$n"
             "${args[@]}" --out "$row")
      else
        run=(java "${jvm[@]}" -Dai.djl.pytorch.num_threads="$n" -cp "$cp" cadl.bench.Main --framework "$f" --workload "$w"
             "${args[@]}" --out "$row")
      fi
      if ! "${run[@]}" > "$out/$f-$w-t$n.log" 2>&1; then
        echo "   FAILED: see $out/$f-$w-t$n.log" >&2; tail -5 "$out/$f-$w-t$n.log" >&2
        echo "ROW framework=$f workload=$w status=failed why=see_$f-$w-t$n.log load=$(cut -d' ' -f1 /proc/loadavg) threads=$n" > "$row"
      fi
    done
  done
  echo ">> single GEMMs, $n threads" >&2
  OPENBLAS_VERBOSE=2 java "${jvm[@]}" -cp "$cp" cadl.bench.Gemm > "$out/gemm-java-t$n.log" 2>&1 || true
  grep '^GEMM' "$out/gemm-java-t$n.log" | grep -v 'GEMM blas' > "$out/gemm-java-t$n.txt" || true
  if [[ " $frameworks " == *" torch "* ]]; then
    "${nolocal_blas[@]}" $py "$here/torch_bench.py" --gemm --threads "$n" > "$out/gemm-torch-t$n.txt" 2>&1 || true
  fi
  loads="$loads, $(load) at the end;"
done

# 5. machine and the section
cpuinfo() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'; }
flags=" $(cpuinfo flags) "
has() { [[ "$flags" == *" $1 "* ]] && echo yes || echo no; }
avx512="$(has avx512f)"
[ "$avx512" = yes ] && avx512="yes ($(for f in $flags; do [[ $f == avx512* ]] && printf '%s ' "$f"; done | sed 's/ $//'))"
amx="$(has amx_tile)"; [ "$amx" = yes ] && amx="yes ($(for f in $flags; do [[ $f == amx* ]] && printf '%s ' "$f"; done | sed 's/ $//'))"
cpu="$(cpuinfo 'model name')"
java_kernel="$(grep -m1 '^Core:' "$out/gemm-java-t1.log" 2>/dev/null | cut -d' ' -f2 || true)"
[ -n "$java_kernel" ] || java_kernel="$(grep -h -m1 '^Core:' "$out"/gemm-java-t*.log 2>/dev/null | head -1 | cut -d' ' -f2 || true)"
torch_desc="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $py -c '
import sys, torch
from threadpoolctl import threadpool_info
b = [i for i in threadpool_info() if i["user_api"] == "blas"]
cap = [l.split(":", 1)[1].strip() for l in torch.__config__.show().splitlines() if "CPU capability usage" in l]
print("PyTorch %s for Python %s (Debian python3-torch), ATen kernels %s, BLAS %s" % (torch.__version__, sys.version.split()[0],
      cap[0] if cap else "?", ", ".join("%s %s (%s kernel, %s)" % (i["internal_api"], i["version"], i.get("architecture"), i["filepath"]) for i in b)))
' 2>/dev/null || echo "not run")"
cat > "$out/machine.txt" <<EOF
cores=$(nproc)
cpu_key=$cpu (family $(cpuinfo 'cpu family'), model $(cpuinfo 'model'))
date=$(date -u '+%Y-%m-%d %H:%M UTC')
mode=$([ "$quick" = 1 ] && echo "quick smoke run (not a measurement)" || echo "full run")
command=$command
machine=$cpu, family $(cpuinfo 'cpu family') model $(cpuinfo 'model') stepping $(cpuinfo 'stepping'), $(nproc) cores$(grep -q hypervisor /proc/cpuinfo && echo ' (virtual machine)'), $(free -g | awk '/Mem:/{print $2}') GB
flags=AVX2 $(has avx2), FMA $(has fma), AVX-512 $avx512, AMX $amx
jdk=$(java -version 2>&1 | head -1); Maven build of bench/ with the library at $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')
python=$torch_desc
blas=ours, DL4J and raw ND4J: OpenBLAS 0.3.19 inside ND4J 1.0.0-M2.1 (JavaCPP), kernel ${java_kernel:-unknown} (OpenBLAS's start-up line; the launchers' rule: $(sed 's/^OpenBLAS kernel: //; s/; set CADL_OPENBLAS_CORETYPE to choose//' "$out/openblas.txt"); OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset} from the environment; PyTorch in Python ran with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset); convolutions of ours by im2col + that sgemm on its own threads, of DL4J and ND4J in oneDNN (ND4J classifier $(tr ':' '\n' < "$here/target/classpath.txt" | grep -o 'nd4j-native-1[^/]*-linux-[^/]*\.jar' | head -1 | sed 's/\.jar//')); PyTorch via DJL: DJL's own libtorch 2.7.1
windows=${args[*]}; each row in its own process; threads ${threads% }
load=1/5/15-minute load average:$loads other processes on the same cores make rows noisy: compare each row's load at start
EOF
if [ "$profile" = 1 ]; then
  # per-phase step time of ours, then each op's process-CPU cost at the workloads' shapes in ours and in
  # PyTorch (1 thread), then single small ops in ND4J, ours and DJL; also saved in $out/profile.txt
  {
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
    for w in $workloads; do java "${jvm[@]}" -cp "$cp" cadl.bench.Profile ours "$w" 2>&1 | grep PROFILE; done
    for w in $workloads; do
      java "${jvm[@]}" -cp "$cp" cadl.bench.OpCosts "$w" 2>&1 | grep OPCOST
      if [[ " $frameworks " == *" torch "* ]]; then
        (cd "$here" && "${nolocal_blas[@]}" $py torch_bench.py --ops --workload "$w" --window-seconds 0.5) 2>&1 | grep OPCOST
      fi
    done
    for e in nd4j heap djl; do java "${jvm[@]}" -cp "$cp" cadl.bench.Profile ops "$e" 2>&1 | grep OPS; done
  } | tee "$out/profile.txt"
fi
status=0
if [ "$quick" = 1 ]; then
  java "${jvm[@]}" -cp "$cp" cadl.bench.Main --report "$out" || status=$?
  echo "quick run: section in $out/section.md (RESULTS.md untouched)" >&2
else
  java "${jvm[@]}" -cp "$cp" cadl.bench.Main --report "$out" --results "$here/RESULTS.md" || status=$?
fi
echo "bench/run.sh took $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s; files in $out" >&2
exit $status
