package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What one read of decisions from a back-channel found ({@link BackChannel#readDecisions}).
 *
 * @param decisions the decisions made, by request id, in the order read; undecided requests are absent
 * @param unread why the decision on a request could not be read, by request id: the channel failed
 *     (network, authentication, a missing table) or what a reviewer left is not a decision the channel
 *     understands; asked again on the next read. Never holds a secret.
 */
public record DecisionRead(Map<String, ReviewDecision> decisions, Map<String, String> unread) {

    public DecisionRead {
        // In the order read, so that decisions are recorded and reported in the order the channel gave them.
        decisions = ordered(decisions, "decisions");
        unread = ordered(unread, "unread");
    }

    private static <V> Map<String, V> ordered(Map<String, V> entries, String name) {
        requireNonNull(entries, name);
        entries.forEach((requestId, value) -> {
            requireNonNull(requestId, name + " key");
            requireNonNull(value, name + " of " + requestId);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A read that found these decisions and failed on nothing. */
    public static DecisionRead of(Map<String, ReviewDecision> decisions) {
        return new DecisionRead(decisions, Map.of());
    }

    /** A read that failed on every one of {@code submissions} for {@code reason}. */
    public static DecisionRead failed(Collection<Submission> submissions, String reason) {
        requireNonNull(reason, "reason");
        Map<String, String> unread = new LinkedHashMap<>();
        submissions.forEach(submission -> unread.put(submission.requestId(), reason));
        return new DecisionRead(Map.of(), unread);
    }

    /**
     * Reads each submission's decision with {@code reader}; a submission whose read throws is unread, the
     * exception's message saying why (it must not hold a secret).
     */
    public static DecisionRead each(Collection<Submission> submissions, Reader reader) {
        requireNonNull(reader, "reader");
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (Submission submission : submissions) {
            try {
                reader.read(submission).ifPresent(decision -> decisions.put(submission.requestId(), decision));
            } catch (Exception failed) {
                unread.put(submission.requestId(), failed.getMessage() != null ? failed.getMessage() : failed.toString());
            }
        }
        return new DecisionRead(decisions, unread);
    }

    /** Reads the decision on one submission: empty while nobody decided, an exception when it cannot tell. */
    @FunctionalInterface
    public interface Reader {
        Optional<ReviewDecision> read(Submission submission) throws Exception;
    }

    /**
     * The decisions, after logging each unread request on {@code log}: what a channel's
     * {@link BackChannel#decisionsFor}, which has no room for failures, returns from its {@link BackChannel#readDecisions}.
     */
    public Map<String, ReviewDecision> decisionsLoggingUnread(Logger log) {
        unread.forEach((requestId, reason) -> log.warn("Decision on {} not read: {}", requestId, reason));
        return decisions;
    }

    /** Whether every decision asked for could be read (made or not). */
    public boolean complete() {
        return unread.isEmpty();
    }
}
