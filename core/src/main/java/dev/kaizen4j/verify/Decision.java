package dev.kaizen4j.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.kaizen4j.review.RequestStatus;
import java.util.Locale;

/** What the verifier concluded about a change. */
public enum Decision {
    /** The primary metric is significantly better and no guardrail is significantly worse. */
    EFFECTIVE,
    /** The primary metric or a guardrail is significantly worse. */
    HARMFUL,
    /** Neither: the data cannot tell yet; the result says how many tasks per arm would. */
    INCONCLUSIVE,
    /** The data cannot be trusted: a sample-ratio mismatch, or an arm without tasks. */
    INVALID;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a verified request enters with this decision. */
    public RequestStatus requestStatus() {
        return switch (this) {
            case EFFECTIVE -> RequestStatus.VERIFIED_EFFECTIVE;
            case HARMFUL -> RequestStatus.VERIFIED_HARMFUL;
            case INCONCLUSIVE -> RequestStatus.VERIFIED_INCONCLUSIVE;
            case INVALID -> RequestStatus.VERIFICATION_INVALID;
        };
    }

    @JsonCreator
    public static Decision parse(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
