package dev.kaizen4j.source;

import static java.util.Objects.requireNonNull;

/**
 * Input a source could not use, such as a malformed log line. Reading goes on past it.
 *
 * @param location where: a file name or another description of the input
 * @param line the 1-based line number, or 0 when the problem concerns no single line
 * @param message what was wrong
 */
public record SourceProblem(String location, long line, String message) {

    public SourceProblem {
        requireNonNull(location, "location");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line > 0 ? location + ":" + line + ": " + message : location + ": " + message;
    }
}
