package dev.kaizen4j.validation;

import static dev.kaizen4j.validation.AgentSources.RESEARCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutation tests: whatever the input, the validators return a verdict and never throw.
 * The seeds are fixed so a failure is reproducible; the iteration counts keep the test under seconds.
 */
class ValidatorRobustnessTest {

    private static final List<String> FRAGMENTS = List.of("{", "}", "(", ")", ";", "\"", "\"\"\"", "'", "\\u000a",
            "\\u0022", "/*", "*/", "//", "@Tool(", "class X extends ClassLoader {", "Runtime.getRuntime().exec(q);",
            "var x = ", "new ", "->", "::", "<T extends Comparable<T>>", "record R(int a) {}", "switch (x) { case 1 -> 2; }",
            "import static java.lang.System.*;", "\u202E", "\u200B", "\uD83D\uDE00", "\0", "\r\n", "sealed ",
            "permits ", "yield ", "instanceof String s && ", "try (var r = open()) {", "catch (Exception e) {",
            "static {", "native ", "Class.forName(", "java.lang.", "enum E { A { void f() {} } }", "@interface A {}");

    private final SafeCodeValidator codeValidator = new JavaParserSafeCodeValidator();
    private final PromptValidator promptValidator = new DefaultPromptValidator();

    @Test
    void givenRandomMutationsOfARealSource_whenValidated_thenAlwaysAVerdict() {
        Random random = new Random(20250616L);
        for (int i = 0; i < 400; i++) {
            String proposed = mutate(RESEARCHER, random, 1 + random.nextInt(4));
            String current = random.nextInt(5) == 0 ? mutate(RESEARCHER, random, 1) : RESEARCHER;

            assertThatCode(() -> assertThat(codeValidator.validate(current, proposed).ruleIds())
                    .as("an internal failure would show as " + RuleIds.UNANALYZABLE).doesNotContain(RuleIds.UNANALYZABLE))
                    .as("seed 20250616, iteration %d", i).doesNotThrowAnyException();
        }
    }

    @Test
    void givenArbitraryText_whenValidatedAsCodeAndPrompt_thenAlwaysAVerdict() {
        Random random = new Random(7L);
        for (int i = 0; i < 300; i++) {
            String text = randomText(random, random.nextInt(400));
            String other = randomText(random, random.nextInt(100));

            assertThatCode(() -> {
                assertThat(codeValidator.validate(other, text).isRejected()).isTrue();
                assertThat(promptValidator.validate(other, text)).isNotNull();
            }).as("seed 7, iteration %d", i).doesNotThrowAnyException();
        }
    }

    @Test
    void givenDeeplyNestedCode_whenValidated_thenRejectedOrAcceptedButNoStackOverflow() {
        String deep = "class A { int f() { return " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + "; } }";

        ValidationResult result = codeValidator.validate("class A { int f() { return 1; } }", deep);

        assertThat(result).isNotNull();
    }

    @Test
    void givenEmptyAndBlankInputs_whenValidated_thenRejected() {
        assertThat(codeValidator.validate("", "").isRejected()).isTrue();
        assertThat(codeValidator.validate(RESEARCHER, "   \n").isRejected()).isTrue();
        assertThat(promptValidator.validate("", "").ruleIds()).containsExactly(RuleIds.PROMPT_EMPTY);
    }

    private static String mutate(String source, Random random, int mutations) {
        StringBuilder text = new StringBuilder(source);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(40)));
                case 2 -> {
                    int from = random.nextInt(text.length());
                    int to = Math.min(text.length(), from + random.nextInt(200));
                    text.insert(at > text.length() ? text.length() : at, text.substring(from, to));
                }
                case 3 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                default -> text.insert(at, randomText(random, random.nextInt(20)));
            }
        }
        return text.toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (32 + random.nextInt(95)));
            } else if (kind < 8) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            } else if (kind < 9) {
                text.append('\n');
            } else {
                text.appendCodePoint(random.nextInt(0x2FFFF));
            }
        }
        return text.toString();
    }
}
