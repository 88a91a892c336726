package dev.kaizen4j.verify.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Carries a refinement of one prompt over to another agent's prompt: where the other prompt holds the
 * refined passage verbatim it is edited in place; lines the refinement added are inserted after the
 * same anchor line when the other prompt has it, else appended. The other prompt's own text, and so its
 * placeholders, stay; lines are removed only where the refinement removed the very same lines.
 */
public final class PromptAdaptation {

    private PromptAdaptation() {}

    /**
     * The adapted prompt, or empty when nothing of the refinement applies (it is there already).
     *
     * @param renames words of the origin (agent and team names) and what to call them in the target
     */
    public static Optional<String> adapt(String originCurrent, String originProposed, String target,
            List<String[]> renames) {
        if (!originCurrent.isBlank() && target.contains(originCurrent)) {
            String adapted = target.replace(originCurrent, rename(originProposed, renames));
            return adapted.equals(target) ? Optional.empty() : Optional.of(adapted);
        }
        List<String> from = originCurrent.lines().toList();
        List<String> to = originProposed.lines().toList();
        List<String> lines = new ArrayList<>(target.lines().toList());
        List<String> appended = new ArrayList<>();
        List<AbstractDelta<String>> deltas = new ArrayList<>(DiffUtils.diff(from, to).getDeltas());
        Collections.reverse(deltas); // later deltas first, so earlier positions stay valid
        for (AbstractDelta<String> delta : deltas) {
            List<String> removed = delta.getSource().getLines();
            List<String> added = delta.getTarget().getLines().stream().map(l -> rename(l, renames)).toList();
            int at = removed.isEmpty() ? -1 : Collections.indexOfSubList(lines, removed);
            if (at >= 0) {
                for (int i = 0; i < removed.size(); i++) {
                    lines.remove(at);
                }
                lines.addAll(at, added);
                continue;
            }
            if (delta.getType() == DeltaType.DELETE || added.isEmpty() || Collections.indexOfSubList(lines, added) >= 0) {
                continue;
            }
            int anchor = delta.getSource().getPosition() - 1;
            int anchorAt = anchor >= 0 && anchor < from.size() ? lines.lastIndexOf(from.get(anchor)) : -1;
            if (anchorAt >= 0 && !from.get(anchor).isBlank()) {
                lines.addAll(anchorAt + 1, added);
            } else {
                appended.addAll(0, added);
            }
        }
        if (!appended.isEmpty()) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank() && !appended.get(0).isBlank()) {
                lines.add("");
            }
            lines.addAll(appended);
        }
        String adapted = String.join("\n", lines) + (target.endsWith("\n") || target.isEmpty() ? "\n" : "");
        return adapted.strip().equals(target.strip()) ? Optional.empty() : Optional.of(adapted);
    }

    private static String rename(String text, List<String[]> renames) {
        String renamed = text;
        for (String[] rename : renames) {
            if (!rename[0].isBlank()) {
                renamed = renamed.replace(rename[0], rename[1]);
            }
        }
        return renamed;
    }
}
