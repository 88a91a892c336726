package dev.kaizen4j.publish.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of one file as {@code git diff} writes it, so that {@code git apply} takes it: a
 * {@code diff --git} header, exact lines (a carriage return stays part of its line) and the
 * "No newline at end of file" marker where a file does not end with a line break.
 */
public final class GitDiff {

    private static final int CONTEXT_LINES = 3;
    private static final String NO_NEWLINE = "\n\\ No newline at end of file";

    private GitDiff() {}

    /** The diff turning {@code before} into {@code after} at {@code path}; empty when equal. */
    public static String unified(String path, String before, String after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, original, patch,
                CONTEXT_LINES);
        return "diff --git a/" + path + " b/" + path + "\n" + String.join("\n", diff) + "\n";
    }

    /** The lines of {@code text} without their {@code \n}; a last line without one carries the marker. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                lines.add(text.substring(start) + NO_NEWLINE);
                break;
            }
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }
}
