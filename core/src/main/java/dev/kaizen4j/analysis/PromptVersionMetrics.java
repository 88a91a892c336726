package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

/**
 * The team metrics of the tasks in which an agent ran one version of its prompts, as logged in
 * {@code metadata.prompt_version}: how each version of an agent's prompts did.
 *
 * @param agent the agent
 * @param version the prompt version
 * @param metrics the metrics of the tasks in which the agent spoke with that version, defined as in
 *     {@link TeamMetrics}
 */
public record PromptVersionMetrics(String agent, String version, TeamMetrics metrics) {

    public PromptVersionMetrics {
        requireNonNull(agent, "agent");
        requireNonNull(version, "version");
        requireNonNull(metrics, "metrics");
    }
}
