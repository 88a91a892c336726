package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

/**
 * How one agent worked over a window.
 *
 * @param agent the agent's name
 * @param messages events it wrote, tool calls included
 * @param toolCalls {@code tool_call} events it wrote
 * @param toolErrors failed tool results answering its tool calls (or the code it wrote)
 * @param errors events it wrote that report an error ({@code error} type or {@code metadata.error})
 * @param tasksInvolved tasks in which it wrote at least one event
 * @param taskSuccessRate share of those tasks that succeeded
 * @param failuresAttributed failed tasks attributed to it
 * @param blameShare {@code failuresAttributed} divided by all attributed failures
 */
public record AgentMetrics(
        String agent,
        int messages,
        int toolCalls,
        int toolErrors,
        int errors,
        int tasksInvolved,
        double taskSuccessRate,
        int failuresAttributed,
        double blameShare) {

    public AgentMetrics {
        requireNonNull(agent, "agent");
    }
}
