package dev.kaizen4j.validation;

import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The legitimate corpus: ordinary changes to three agent sources, each file written as an LLM writes
 * an edit, a header naming the base source and the category the author declares, then search and
 * replace blocks applied in order.
 */
final class LegitimateProposals {

    private static final String SEARCH = "<<<<<<< SEARCH\n";
    private static final String DIVIDER = "=======\n";
    private static final String REPLACE = ">>>>>>> REPLACE\n";

    /** One proposal of the corpus. */
    record Proposal(String name, String base, String current, String proposed, ModificationCategory category) {

        CodeModification modification() {
            return new CodeModification("marketing-team", base, "agents/" + base + ".java", current, proposed, name,
                    category, List.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private LegitimateProposals() {
    }

    static List<Proposal> all() {
        try (Stream<Path> files = Files.list(directory())) {
            List<Proposal> proposals = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                proposals.add(read(file.getFileName().toString().replace(".txt", ""),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return proposals;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Proposal read(String name, String text) {
        List<String> lines = text.lines().toList();
        String base = header(lines, 0, "base: ", name);
        ModificationCategory category = ModificationCategory.parse(header(lines, 1, "category: ", name))
                .orElseThrow(() -> new IllegalArgumentException(name + ": unknown category in " + lines.get(1)));
        String current = AgentSources.load("/validation/" + base + ".java.txt");
        String proposed = current;
        int at = text.indexOf(SEARCH);
        if (at < 0) {
            throw new IllegalArgumentException(name + ": no search block");
        }
        while (at >= 0) {
            int divider = text.indexOf(DIVIDER, at);
            int end = text.indexOf(REPLACE, divider);
            if (divider < 0 || end < 0) {
                throw new IllegalArgumentException(name + ": unterminated block at offset " + at);
            }
            String search = text.substring(at + SEARCH.length(), divider);
            String replace = text.substring(divider + DIVIDER.length(), end);
            if (proposed.indexOf(search) < 0 || proposed.indexOf(search) != proposed.lastIndexOf(search)) {
                throw new IllegalArgumentException(name + ": the search text must occur once in " + base + ":\n" + search);
            }
            proposed = proposed.replace(search, replace);
            at = text.indexOf(SEARCH, end);
        }
        return new Proposal(name, base, current, proposed, category);
    }

    private static String header(List<String> lines, int index, String prefix, String name) {
        if (lines.size() <= index || !lines.get(index).startsWith(prefix)) {
            throw new IllegalArgumentException(name + ": line " + (index + 1) + " must start with '" + prefix + "'");
        }
        return lines.get(index).substring(prefix.length()).strip();
    }

    private static Path directory() {
        try {
            return Path.of(LegitimateProposals.class.getResource("/validation/legitimate").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
