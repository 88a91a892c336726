package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

/**
 * How one agent worked over a window.
 *
 * @param agent the agent's name
 * @param messages events it wrote, tool calls included
 * @param toolCalls {@code tool_call} events it wrote
 * @param toolErrors failed results of its tool calls
 * @param errors events it wrote that report an error
 * @param tasksInvolved tasks in which it wrote at least one event
 * @param taskSuccessRate share of those tasks that succeeded
 * @param failuresAttributed failed tasks attributed to it
 * @param blameShare its share of all attributed failures
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
