package dev.kaizen4j.proposal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** Unified diffs, made with java-diff-utils. */
public final class Diffs {

    private static final int CONTEXT_LINES = 3;

    private Diffs() {}

    /**
     * The unified diff turning {@code before} into {@code after}, with {@code a/} and {@code b/}
     * prefixed paths as {@code git diff} writes them; empty when the texts are equal.
     */
    public static String unified(String path, String before, String after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, original, patch, CONTEXT_LINES);
        return String.join("\n", diff) + "\n";
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("\r?\n", -1));
    }
}
