package dev.kaizen4j.runtime;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The prompt texts an agent runs with, as one immutable version.
 *
 * @param agent the agent's name
 * @param systemPrompt its system prompt
 * @param role its role
 * @param goal its goal
 * @param backstory its backstory
 * @param version a short hash of the four texts: equal texts, equal version; any change, a new one
 * @param variant the experiment variant these texts belong to, or null for the team spec's own texts
 * @param experiment the key of the experiment that chose the variant, or null
 */
public record AgentPrompts(
        String agent, String systemPrompt, String role, String goal, String backstory, String version,
        @Nullable String variant, @Nullable String experiment) {

    /** Hex digits of the version: 48 bits, ample to tell an agent's versions apart. */
    static final int VERSION_LENGTH = 12;

    public AgentPrompts {
        requireNonNull(agent, "agent");
        requireNonNull(systemPrompt, "systemPrompt");
        requireNonNull(role, "role");
        requireNonNull(goal, "goal");
        requireNonNull(backstory, "backstory");
        requireNonNull(version, "version");
    }

    /** The spec's texts for {@code agent}, with their version. */
    public static AgentPrompts of(AgentSpec agent) {
        requireNonNull(agent, "agent");
        return new AgentPrompts(agent.name(), agent.systemPrompt(), agent.role(), agent.goal(), agent.backstory(),
                versionOf(agent.systemPrompt(), agent.role(), agent.goal(), agent.backstory()), null, null);
    }

    /** The text of one field. */
    public String prompt(PromptField field) {
        requireNonNull(field, "field");
        return switch (field) {
            case SYSTEM_PROMPT -> systemPrompt;
            case ROLE -> role;
            case GOAL -> goal;
            case BACKSTORY -> backstory;
        };
    }

    /**
     * These texts with {@code field} replaced, as the named experiment variant, with its own version;
     * for a rollout that serves another text to some tasks.
     */
    public AgentPrompts withVariant(String variantName, PromptField field, String text) {
        return withVariant(null, variantName, field, text);
    }

    /**
     * These texts with {@code field} replaced, as the variant {@code variantName} of the experiment
     * {@code experiment}, with their own version.
     */
    public AgentPrompts withVariant(@Nullable String experiment, String variantName, PromptField field, String text) {
        requireNonNull(variantName, "variantName");
        requireNonNull(field, "field");
        requireNonNull(text, "text");
        String system = field == PromptField.SYSTEM_PROMPT ? text : systemPrompt;
        String newRole = field == PromptField.ROLE ? text : role;
        String newGoal = field == PromptField.GOAL ? text : goal;
        String newBackstory = field == PromptField.BACKSTORY ? text : backstory;
        return new AgentPrompts(agent, system, newRole, newGoal, newBackstory,
                versionOf(system, newRole, newGoal, newBackstory), variantName, experiment);
    }

    /** The version of a set of prompt texts: the first hex digits of SHA-256 over them. */
    static String versionOf(String... texts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                sha256.update(text.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, VERSION_LENGTH);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }
}
