package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.model.TimeWindow;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which conversations to read: one team (or all) whose tasks started within a window.
 *
 * @param team the team name, or null for every team in the source
 * @param window tasks whose first event falls in this window are returned
 */
public record ConversationQuery(@Nullable String team, TimeWindow window) {

    public ConversationQuery {
        requireNonNull(window, "window");
    }

    /** Every conversation of every team. */
    public static ConversationQuery all() {
        return new ConversationQuery(null, TimeWindow.all());
    }

    /** Every conversation of one team. */
    public static ConversationQuery team(String team) {
        return new ConversationQuery(requireNonNull(team, "team"), TimeWindow.all());
    }

    public ConversationQuery within(TimeWindow window) {
        return new ConversationQuery(team, window);
    }

    public Optional<String> teamName() {
        return Optional.ofNullable(team);
    }

    /** Whether events of {@code teamName} belong to this query. */
    public boolean includesTeam(String teamName) {
        return team == null || team.equals(teamName);
    }
}
