package dev.kaizen4j.analysis.internal;

import dev.kaizen4j.model.ConversationEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Agent names as one agent: loggers annotate a speaker with what it is doing, as in
 * {@code Orchestrator (thought)} or {@code Orchestrator (-> WebSurfer)}, and these are all {@code Orchestrator}.
 */
public final class AgentNames {

    private AgentNames() {}

    /**
     * The name without trailing annotations, each a space and a parenthesised note; the name itself when it
     * has none or is only one.
     */
    public static String base(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        while (end > 0 && name.charAt(end - 1) == ')') {
            int open = name.lastIndexOf('(', end - 1);
            if (open <= 0) {
                break;
            }
            int cut = open;
            while (cut > 0 && name.charAt(cut - 1) == ' ') {
                cut--;
            }
            if (cut == 0 || cut == open) {
                break; // only an annotation, or part of the name itself as in "f(x)"
            }
            end = cut;
        }
        return end == name.length() ? name : name.substring(0, end);
    }

    /**
     * The events with annotated speaker and addressee names reduced to their base names; an annotation
     * {@code (-> Other)} becomes the addressee when the event names none. The same list when no name is annotated.
     */
    static List<ConversationEvent> normalize(List<ConversationEvent> events) {
        List<ConversationEvent> normalized = null;
        for (int i = 0; i < events.size(); i++) {
            ConversationEvent event = events.get(i);
            String agent = event.agentName();
            String to = event.toAgent();
            boolean annotated = endsWithParenthesis(agent) || (to != null && endsWithParenthesis(to));
            if (!annotated && normalized == null) {
                continue;
            }
            if (normalized == null) {
                normalized = new ArrayList<>(events.subList(0, i));
            }
            if (!annotated) {
                normalized.add(event);
                continue;
            }
            String base = base(agent);
            String addressee = to != null ? base(to) : addresseeIn(agent.substring(base.length()));
            normalized.add(new ConversationEvent(event.timestamp(), event.teamName(), event.taskId(), base,
                    event.message(), event.type(), addressee, event.metadata()));
        }
        return normalized == null ? events : normalized;
    }

    private static boolean endsWithParenthesis(String name) {
        int length = name.length();
        return length > 0 && name.charAt(length - 1) == ')';
    }

    /** {@code Other} from an annotation such as {@code " (-> Other)"} or {@code " (to Other)"}; null otherwise. */
    private static @Nullable String addresseeIn(String annotation) {
        String inner = annotation.strip();
        if (!inner.startsWith("(") || !inner.endsWith(")")) {
            return null;
        }
        inner = inner.substring(1, inner.length() - 1).strip();
        for (String arrow : new String[] {"->", "→", "to "}) {
            if (inner.startsWith(arrow)) {
                String name = inner.substring(arrow.length()).strip();
                return name.isEmpty() || name.contains(" ") ? null : name;
            }
        }
        return null;
    }
}
