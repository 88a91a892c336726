/** Benchmarks of the validators. */
package dev.kaizen4j.benchmarks.validation;
