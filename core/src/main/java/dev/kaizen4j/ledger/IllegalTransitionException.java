package dev.kaizen4j.ledger;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.RequestStatus;
import org.jspecify.annotations.Nullable;

/**
 * A ledger refused an entry because the request may not enter its status from where it is (see
 * {@link LedgerTransitions}): deciding twice, publishing twice, anything after a final status. When
 * two runtimes race for the same step, the loser gets this exception and the step happened once.
 */
public final class IllegalTransitionException extends KaizenException {

    private static final long serialVersionUID = 1L;

    private final String requestId;
    private final @Nullable RequestStatus from;
    private final RequestStatus to;

    public IllegalTransitionException(String requestId, @Nullable RequestStatus from, RequestStatus to, String reason) {
        super(Kind.INVALID_INPUT, "request " + requestId + " cannot go from " + (from == null ? "nothing" : from)
                + " to " + to + ": " + reason);
        this.requestId = requestId;
        this.from = from;
        this.to = to;
    }

    public String requestId() {
        return requestId;
    }

    /** The request's status when the entry was refused; null when the ledger did not know it. */
    public @Nullable RequestStatus from() {
        return from;
    }

    /** The status the refused entry carried. */
    public RequestStatus to() {
        return to;
    }
}
