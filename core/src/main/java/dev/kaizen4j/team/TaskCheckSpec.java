package dev.kaizen4j.team;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A declarative, host-defined check on tasks, as written in a team spec's {@code checks} list.
 *
 * <p>The check applies to tasks whose {@code metadata.task_type} equals {@link #taskType()} (every
 * task when it is null) and passes when the value of {@code metadata.<deliverableMentions>} found in
 * the task appears, ignoring case, in at least one message written by {@link #agent()}.
 *
 * @param name a short identifier, for example {@code seo-keywords}
 * @param description what the check requires, in words ("content tasks mention the target keyword")
 * @param agent the agent responsible for passing the check
 * @param taskType the {@code metadata.task_type} the check applies to, or null for every task
 * @param deliverableMentions the metadata key whose value the agent's messages must mention
 */
public record TaskCheckSpec(
        String name, String description, String agent, @Nullable String taskType, String deliverableMentions) {

    public TaskCheckSpec {
        requireNonNull(name, "name");
        description = description == null || description.isBlank() ? name : description;
        requireNonNull(agent, "agent");
        requireNonNull(deliverableMentions, "deliverableMentions");
    }
}
