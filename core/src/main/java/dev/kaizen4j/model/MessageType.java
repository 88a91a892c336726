package dev.kaizen4j.model;

import java.util.Locale;

/** The kind of a logged event, as team conversation loggers write it in {@code message_type}. */
public enum MessageType {
    PROPOSAL,
    CHALLENGE,
    DECISION,
    CLARIFICATION,
    DELEGATION,
    UPDATE,
    QUESTION,
    ANSWER,
    AGREEMENT,
    DISAGREEMENT,
    TASK_ASSIGNMENT,
    TASK_COMPLETION,
    TOOL_CALL,
    TOOL_RESULT,
    ERROR,
    TASK_STARTED,
    TASK_FAILED,
    FEEDBACK;

    /**
     * Parses a logged {@code message_type}. Case and separators ({@code -}, space) are ignored;
     * unknown or missing types are kept as {@link #UPDATE}, as the log format prescribes.
     */
    public static MessageType parse(String text) {
        if (text == null || text.isBlank()) {
            return UPDATE;
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (MessageType type : values()) {
            if (type.name().equals(normalized)) {
                return type;
            }
        }
        return UPDATE;
    }

    /** The name as written in logs, for example {@code task_completion}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
