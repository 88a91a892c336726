package dev.kaizen4j;

import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.validation.RuleIds;
import dev.kaizen4j.validation.ValidationResult;
import dev.kaizen4j.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Refuses proposals whose code or prompt text holds a secret, as the cycle's {@link Redactor} sees
 * it. The texts of a proposal are published verbatim, so they are checked rather than masked: a
 * masked text would not be the text that was validated. A violation names the kind of secret and
 * where it starts, never the secret itself.
 */
final class ProposalSecrets {

    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:([^\\]\\s]{1,64})]");

    private ProposalSecrets() {}

    /** Accepted when neither text of the proposal holds a secret or a redaction marker it would publish. */
    static ValidationResult check(Redactor redactor, Proposal proposal) {
        List<Violation> violations = new ArrayList<>();
        if (proposal instanceof CodeModification code) {
            check(redactor, "proposed code", code.proposedCode(), code.currentCode(), violations);
            check(redactor, "current code", code.currentCode(), null, violations);
        } else {
            PromptRefinement prompt = (PromptRefinement) proposal;
            check(redactor, "proposed prompt", prompt.proposed(), prompt.current(), violations);
            check(redactor, "current prompt", prompt.current(), null, violations);
        }
        return ValidationResult.of(violations, Set.of());
    }

    private static void check(Redactor redactor, String what, String text, @Nullable String current,
            List<Violation> violations) {
        String redacted = redactor.redact(text);
        if (!redacted.equals(text)) {
            int at = commonPrefix(text, redacted);
            Set<String> kinds = markers(redacted);
            kinds.removeAll(markers(text));
            String kind = kinds.isEmpty() ? "secret" : String.join(", ", kinds);
            violations.add(new Violation(RuleIds.SECRET, "the " + what + " contains a secret (" + kind + ")"
                    + (what.startsWith("current") ? "; a change to it cannot be reviewed without showing it"
                            : "; it is refused rather than published masked"),
                    line(text, at), column(text, at), "[REDACTED:" + kind + "]"));
        }
        if (current != null) {
            Matcher marker = MARKER.matcher(text);
            while (marker.find()) {
                if (!current.contains(marker.group())) {
                    violations.add(new Violation(RuleIds.SECRET, "the " + what + " holds a redaction marker: it was"
                            + " masked and would not be published as written", line(text, marker.start()),
                            column(text, marker.start()), marker.group()));
                    break;
                }
            }
        }
    }

    private static Set<String> markers(String text) {
        Set<String> kinds = new LinkedHashSet<>();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            kinds.add(marker.group(1));
        }
        return kinds;
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        int max = Math.min(a.length(), b.length());
        while (i < max && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String text, int index) {
        return index - text.lastIndexOf('\n', index - 1);
    }
}
