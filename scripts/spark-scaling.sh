#!/usr/bin/env bash
# Scaling figures of seq2seq4j-spark: runs the shaded jar's bench through spark-submit in local[1]
# (one partition) and local[2] (two partitions), one GEMM thread per task, and prints the decode
# speed-up and both runs' training-step lines and estimates. Uses $SPARK_HOME/bin/spark-submit when
# SPARK_HOME is set, else Spark's jars from the module's Maven dependencies (SparkSubmit's Java
# entry point). Extra arguments go to the bench (e.g. --sentences 4000 --units 256).
# Run it on a quiet machine: both cores must be free for local[2] to mean anything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/seq2seq4j-spark"
JAR="$(ls "$MODULE"/target/seq2seq4j-spark-*-all.jar 2>/dev/null | head -1 || true)"
if [ -z "$JAR" ] || [ ! -f "$MODULE/target/spark-classpath.txt" ]; then
  echo "building the shaded jar..." >&2
  mvn -B -q -DskipTests -f "$ROOT/pom.xml" package -pl seq2seq4j-spark -am >&2
  JAR="$(ls "$MODULE"/target/seq2seq4j-spark-*-all.jar | head -1)"
fi
FLAGS="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$MODULE/pom.xml")"
if [ -n "${SPARK_HOME:-}" ]; then
  SUBMIT=("$SPARK_HOME/bin/spark-submit")
else
  # shellcheck disable=SC2206
  SUBMIT=(java $FLAGS -Xmx2g -cp "$(cat "$MODULE/target/spark-classpath.txt")" org.apache.spark.deploy.SparkSubmit)
fi
export SPARK_LOCAL_IP=127.0.0.1
run() {   # master partitions
  "${SUBMIT[@]}" --master "$1" --conf spark.ui.enabled=false --conf spark.log.level=WARN \
      --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
      --class org.seq2seq4j.spark.SparkMain "$JAR" bench --partitions "$2" --compute-threads 1 "${@:3}" 2>/dev/null
}
ONE="$(run 'local[1]' 1 "$@")"
TWO="$(run 'local[2]' 2 "$@")"
printf '== local[1], 1 partition\n%s\n== local[2], 2 partitions\n%s\n' "$ONE" "$TWO"
rate() { sed -n 's:.* = \([0-9.]*\) sentences/s.*:\1:p' <<<"$1"; }
awk -v a="$(rate "$ONE")" -v b="$(rate "$TWO")" \
    'BEGIN { printf "decode speed-up local[2] / local[1]: %.2fx (%.1f / %.1f sentences/s)\n", b / a, b, a }'
