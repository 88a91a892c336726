package dev.kaizen4j.proposal;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A change to an agent's source file.
 *
 * @param team the team
 * @param agent the agent
 * @param file the source file, relative to the team spec's directory
 * @param currentCode the file's current content
 * @param proposedCode the proposed content
 * @param rationale why, tied to evidence
 * @param category the kind of change; changes outside the allowed categories are rejected
 * @param evidence finding ids, task ids and rates behind the rationale
 */
public record CodeModification(
        String team, String agent, String file, String currentCode, String proposedCode, String rationale,
        ModificationCategory category, List<String> evidence) implements Proposal {

    public CodeModification {
        requireNonNull(team, "team");
        requireNonNull(agent, "agent");
        requireNonNull(file, "file");
        requireNonNull(currentCode, "currentCode");
        requireNonNull(proposedCode, "proposedCode");
        requireNonNull(rationale, "rationale");
        requireNonNull(category, "category");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    @Override
    public String target() {
        return file;
    }

    @Override
    public String before() {
        return currentCode;
    }

    @Override
    public String after() {
        return proposedCode;
    }

    @Override
    public String summary() {
        return category.key().replace('_', ' ') + " in " + agent + " (" + file + ")";
    }
}
