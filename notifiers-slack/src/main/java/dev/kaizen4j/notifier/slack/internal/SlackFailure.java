package dev.kaizen4j.notifier.slack.internal;

/** A Slack call that failed, with a message fit for humans and logs: never the token. */
public final class SlackFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public SlackFailure(String message, boolean retriable) {
        super(message, null, false, false);
        this.retriable = retriable;
    }

    /** Whether the same call may succeed later unchanged (or after an operator fixes the app's setup). */
    public boolean retriable() {
        return retriable;
    }
}
