package dev.kaizen4j.llm;

import java.util.List;

/** Thrown by an answer reader when a schema-valid answer still breaks the contract (an edit that does not apply, say). */
final class InvalidAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidAnswer(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
