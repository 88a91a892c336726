package dev.kaizen4j.review;

import java.util.Locale;
import java.util.Optional;

/** A reviewer's decision on a request. */
public enum Verdict {
    APPROVED,
    REJECTED,
    NEEDS_WORK;

    /** The status a request takes on this verdict. */
    public RequestStatus status() {
        return switch (this) {
            case APPROVED -> RequestStatus.APPROVED;
            case REJECTED -> RequestStatus.REJECTED;
            case NEEDS_WORK -> RequestStatus.NEEDS_WORK;
        };
    }

    /** Parses {@code approved}, {@code approve}, {@code rejected}, {@code needs-work} and the like. */
    public static Optional<Verdict> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "approved", "approve" -> Optional.of(APPROVED);
            case "rejected", "reject" -> Optional.of(REJECTED);
            case "needs-work", "needs work", "changes-requested" -> Optional.of(NEEDS_WORK);
            default -> Optional.empty();
        };
    }
}
