/**
 * Throughput and memory of the analysis on a large generated log, next to a bare Jackson parse and DuckDB:
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.AnalysisBenchmark /tmp/kaizen4j-1g.jsonl 1024}.
 * {@link dev.kaizen4j.benchmarks.analysis.ParallelismCheck} and {@link dev.kaizen4j.benchmarks.analysis.CompareBuilds}
 * time settings or builds alternately in one JVM, {@link dev.kaizen4j.benchmarks.analysis.ReportCheck} prints the
 * report's digest and {@link dev.kaizen4j.benchmarks.analysis.ProfileSummary} summarizes a flight recording.
 */
package dev.kaizen4j.benchmarks.analysis;
