/**
 * Benchmarks of Kaizen4j, run on demand with
 * {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.kaizen4j.benchmarks;
