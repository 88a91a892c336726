package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.team.TaskCheckSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A host-defined check on tasks, such as "content tasks mention the target keyword". The report
 * turns each check's failure rate into a finding naming the responsible agent.
 *
 * <p>The analyzer may examine several tasks at once: implementations must be stateless or thread-safe.
 */
public interface TaskCheck {

    /** A short identifier, for example {@code seo-keywords}. */
    String name();

    /** What the check requires, in words. */
    String description();

    /** The agent responsible for passing the check. */
    String agent();

    /** Whether the check applies to the task at all. */
    boolean appliesTo(Conversation task);

    /** Whether the task passes; called only for tasks the check applies to. */
    boolean passes(Conversation task);

    /**
     * The step where a failing task shows the problem; by default the last event of the
     * responsible agent, else the last event.
     */
    default OptionalInt failureStep(Conversation task) {
        for (int i = task.events().size() - 1; i >= 0; i--) {
            if (task.events().get(i).agentName().equals(agent())) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The check a team spec declares: the agent's messages mention a metadata value of the task. */
    static TaskCheck from(TaskCheckSpec spec) {
        return new MentionsCheck(requireNonNull(spec, "spec"));
    }

    /** See {@link TaskCheckSpec} for the semantics. */
    record MentionsCheck(TaskCheckSpec spec) implements TaskCheck {

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public String description() {
            return spec.description();
        }

        @Override
        public String agent() {
            return spec.agent();
        }

        @Override
        public boolean appliesTo(Conversation task) {
            boolean typeMatches = spec.taskType() == null
                    || task.metadataString("task_type").filter(spec.taskType()::equalsIgnoreCase).isPresent();
            return typeMatches && task.metadataString(spec.deliverableMentions()).isPresent();
        }

        @Override
        public boolean passes(Conversation task) {
            Optional<String> expected = task.metadataString(spec.deliverableMentions());
            if (expected.isEmpty()) {
                return true;
            }
            String needle = expected.get().toLowerCase(Locale.ROOT);
            for (ConversationEvent event : task.events()) {
                if (event.agentName().equals(spec.agent())
                        && event.message().toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        }
    }
}
