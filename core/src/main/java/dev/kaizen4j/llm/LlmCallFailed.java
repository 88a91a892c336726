package dev.kaizen4j.llm;

/** A call whose answer could not be used; the stage records the message as a cycle error. */
final class LlmCallFailed extends Exception {

    private static final long serialVersionUID = 1L;

    LlmCallFailed(String message) {
        super(message);
    }
}
