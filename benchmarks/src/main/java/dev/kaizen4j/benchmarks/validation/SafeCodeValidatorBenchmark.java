package dev.kaizen4j.benchmarks.validation;

import dev.kaizen4j.validation.JavaParserSafeCodeValidator;
import dev.kaizen4j.validation.SafeCodeValidator;
import dev.kaizen4j.validation.ValidationResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to validate a proposed change to a 500-line agent source: parsing, the danger scan, the
 * interface check and the classification. Sample mode, so JMH reports the median (p0.50).
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SafeCodeValidatorBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SafeCodeValidatorBenchmark {

    /** Whether the proposed side is parsed member by member into the current tree (the default), or in full. */
    @Param({"false", "true"})
    public boolean incrementalParsing;

    private SafeCodeValidator validator;
    private String current;
    private String parameterChange;
    private String hostileChange;

    @Setup
    public void setUp() {
        validator = JavaParserSafeCodeValidator.builder().incrementalParsing(incrementalParsing).build();
        current = AgentSourceGenerator.agentSource(500);
        parameterChange = current.replace("MAX_SEARCH_RETRIES = 0;", "MAX_SEARCH_RETRIES = 2;");
        hostileChange = current.replace("            try {\n", "            try {\n"
                + "                Runtime.getRuntime().exec(query);\n");
        if (!validator.validate(current, parameterChange).isAccepted()
                || validator.validate(current, hostileChange).isAccepted()) {
            throw new IllegalStateException("benchmark inputs are not what they should be");
        }
    }

    /**
     * A small, safe change: the common case. The validator keeps the analysis of recent current files,
     * as an improvement cycle validates several proposals against one file, so this measures the
     * proposed side only.
     */
    @Benchmark
    public ValidationResult acceptedParameterChange() {
        return validator.validate(current, parameterChange);
    }

    /** The same change with a new validator each time: both files are parsed and analysed. */
    @Benchmark
    public ValidationResult acceptedParameterChangeCold() {
        return JavaParserSafeCodeValidator.builder().incrementalParsing(incrementalParsing).build()
                .validate(current, parameterChange);
    }

    /** A change with a dangerous call in every tool: many violations to report. */
    @Benchmark
    public ValidationResult rejectedHostileChange() {
        return validator.validate(current, hostileChange);
    }

    /** The number of lines of the benchmarked source, for the record. */
    public int lines() {
        return (int) current.lines().count();
    }
}
