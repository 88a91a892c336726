package dev.kaizen4j.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MemberReparserTest {

    private static final ParserConfiguration CONFIGURATION = new ParserConfiguration()
            .setLanguageLevel(null)
            .setAttributeComments(false)
            .setDetectOriginalLineSeparator(false);
    private static final List<String> SNIPPETS = List.of("x", "}", "{", ";", "/*", "*/", "//", "\"", "\"\"\"", "'",
            "\n", " int extra = 1;", "@Tool(\"t\") ", "} void extra() {", "} class Extra {", "\n}\n",
            " Runtime.getRuntime().exec(\"ls\"); ", "/* } */", "// }\n", ">>", "<", "\r\n", "\t");

    private static final String KINDS = """
            package com.example;

            import java.util.List;

            public interface Tools<T extends Comparable<T>> {
                String PROMPT = \"""
                        Answer briefly; cite sources.
                        \""";

                default List<List<T>> nested(T value) { return List.of(List.of(value)); }

                enum Mode implements Runnable {
                    FAST("f") { @Override public void run() { } }, SLOW("s");
                    private final String code;
                    Mode(String code) { this.code = code; }
                    public void run() { System.out.println(code >> 1); }
                }

                record Hit(String title, int rank) {
                    Hit { if (rank < 0) throw new IllegalArgumentException("rank"); }
                }

                @interface Marker { String value() default "m"; }

                class Impl implements Tools<String> {
                    static { int a = 1 >>> 2; }
                    { int b = 'x'; }
                    int count; // a comment }
                    /* block { */ void act() { new Thread(() -> { }).start(); }
                }
            }
            """;

    static Stream<String> sources() throws IOException {
        return Stream.of(load(), KINDS);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void givenEditsAnywhere_whenReparsed_thenTreeAndPositionsMatchAFullParse(String source) {
        // given
        CompilationUnit parsed = fullParse(source).orElseThrow();
        int reparsed = 0;
        int offsets = 0;
        for (int offset = 0; offset < source.length(); offset += 9) {
            offsets++;
            List<String> edits = new ArrayList<>();
            for (String snippet : SNIPPETS) {
                edits.add(source.substring(0, offset) + snippet + source.substring(offset));
            }
            edits.add(source.substring(0, offset) + source.substring(Math.min(source.length(), offset + 1)));
            edits.add(source.substring(0, offset) + source.substring(Math.min(source.length(), offset + 4)));
            for (String proposed : edits) {
                // when
                Optional<CompilationUnit> result = MemberReparser.reparse(source, parsed, proposed, CONFIGURATION);
                // then
                if (result.isPresent()) {
                    reparsed++;
                    assertSameAsFullParse(result.get(), proposed);
                    Optional<CompilationUnit> back = MemberReparser.reparse(proposed, result.get(), source, CONFIGURATION);
                    back.ifPresent(unit -> assertSameAsFullParse(unit, source));
                }
            }
        }
        assertThat(reparsed).isGreaterThan(offsets);
    }

    @Test
    void givenUnicodeEscape_whenReparsed_thenLeftToAFullParse() throws IOException {
        // given
        String source = load();
        CompilationUnit parsed = fullParse(source).orElseThrow();
        String proposed = source.replace("MAX_SEARCH_RETRIES = 0;", "MAX_SEARCH_RETRIES = \\u0030;");
        // when
        Optional<CompilationUnit> result = MemberReparser.reparse(source, parsed, proposed, CONFIGURATION);
        // then
        assertThat(proposed).isNotEqualTo(source);
        assertThat(result).isEmpty();
    }

    private static void assertSameAsFullParse(CompilationUnit unit, String source) {
        Optional<CompilationUnit> full = fullParse(source);
        assertThat(full).as("a reparsed source must parse").isPresent();
        assertThat(unit).isEqualTo(full.get());
        assertThat(shape(unit)).isEqualTo(shape(full.get()));
    }

    private static List<String> shape(CompilationUnit unit) {
        List<String> shape = new ArrayList<>();
        unit.walk(node -> shape.add(node.getClass().getSimpleName() + " " + node.getRange().orElse(null)));
        return shape;
    }

    private static Optional<CompilationUnit> fullParse(String source) {
        ParseResult<CompilationUnit> result = new JavaParser(CONFIGURATION).parse(source);
        return result.isSuccessful() ? result.getResult() : Optional.empty();
    }

    private static String load() throws IOException {
        try (InputStream in = MemberReparserTest.class.getResourceAsStream("/validation/MarketResearcher.java.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
