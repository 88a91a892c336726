/**
 * Throughput and memory of the analysis on a large generated log, next to a bare Jackson parse:
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.AnalysisBenchmark /tmp/kaizen4j-1g.jsonl 1024}.
 */
package dev.kaizen4j.benchmarks.analysis;
