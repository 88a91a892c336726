package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans each request out to several back-channels, made with {@link BackChannel#composite}.
 *
 * <ul>
 *   <li><b>Submission.</b> The composite submission records each channel's own submission as a
 *       {@linkplain Submission#parts() part}. It succeeds when at least one channel took the request;
 *       then it is {@linkplain Submission#isPartial() partial} while others failed, and a
 *       {@link #retry retry} submits only to the channels that failed. Its external id lists each
 *       channel's id ({@code file=...;github:acme/agents=12}).</li>
 *   <li><b>Decisions.</b> Only the channels that hold the request are asked. When they disagree, the
 *       first decision in time wins, except that a rejection made within {@value #CONCURRENT_MINUTES}
 *       minutes of an earlier approval is concurrent with it and beats it. The chosen decision's notes
 *       name the overruled ones; the cycle then shows the outcome on every channel
 *       ({@link #statusChanged}).</li>
 *   <li><b>Names.</b> The composite's name joins its channels' names with {@code +}; two channels with
 *       the same name are refused, since their submissions could not be told apart.</li>
 *   <li><b>Lifecycle.</b> {@link #close()} closes every channel, each even when another fails.</li>
 * </ul>
 */
final class CompositeBackChannel implements BackChannel {

    /** How close in time a rejection must follow an approval to count as concurrent with it. */
    static final int CONCURRENT_MINUTES = 15;

    private static final Duration CONCURRENT = Duration.ofMinutes(CONCURRENT_MINUTES);
    private static final Logger log = LoggerFactory.getLogger(CompositeBackChannel.class);

    private final List<BackChannel> channels;
    private final String name;

    CompositeBackChannel(List<BackChannel> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a composite back-channel needs at least one channel");
        }
        Set<String> names = new HashSet<>();
        for (BackChannel channel : channels) {
            requireNonNull(channel, "channel");
            if (!names.add(channel.name())) {
                throw new IllegalArgumentException("two back-channels are named '" + channel.name()
                        + "'; give each a distinct name (a GitHub channel is named after its repository)");
            }
        }
        this.channels = List.copyOf(channels);
        this.name = String.join("+", channels.stream().map(BackChannel::name).toList());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        return submitTo(request, Map.of());
    }

    @Override
    public Submission retry(ImprovementRequest request, Submission previous) {
        Map<String, Submission> kept = new LinkedHashMap<>();
        for (Submission part : previous.parts()) {
            if (part.isSubmitted()) {
                kept.put(part.channel(), part);
            }
        }
        return submitTo(request, kept);
    }

    private Submission submitTo(ImprovementRequest request, Map<String, Submission> alreadySubmitted) {
        List<Submission> parts = new ArrayList<>();
        for (BackChannel channel : channels) {
            Submission kept = alreadySubmitted.get(channel.name());
            parts.add(kept != null ? kept : submitSafely(channel, request));
        }
        List<Submission> submitted = parts.stream().filter(Submission::isSubmitted).toList();
        if (submitted.isEmpty()) {
            String errors = String.join("; ", parts.stream().map(p -> p.channel() + ": " + p.error()).toList());
            boolean retriable = parts.stream().anyMatch(Submission::retriable);
            return new Submission(name, request.id(), null, null, errors, retriable, parts);
        }
        String ids = String.join(";", submitted.stream().map(p -> p.channel() + "=" + p.externalId()).toList());
        String link = submitted.stream().map(Submission::link).filter(l -> l != null).findFirst().orElse(null);
        return new Submission(name, request.id(), ids, link, null, false, parts);
    }

    private static Submission submitSafely(BackChannel channel, ImprovementRequest request) {
        try {
            return channel.submit(request);
        } catch (RuntimeException failure) {
            log.warn("Back-channel {} threw while submitting {}", channel.name(), request.id(), failure);
            return Submission.failed(channel.name(), request.id(), failure.toString(), true);
        }
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        return Optional.ofNullable(decisionsFor(List.of(submission)).get(submission.requestId()));
    }

    @Override
    public Map<String, ReviewDecision> decisionsFor(Collection<Submission> submissions) {
        return readDecisions(submissions).decisionsLoggingUnread(log);
    }

    /**
     * Asks each channel that holds some of the requests. A request decided on a channel that could be
     * read is decided by the rule above among the decisions that could be read; one without a decision
     * there and whose read failed on another channel is unread, the reasons naming the channels.
     */
    @Override
    public DecisionRead readDecisions(Collection<Submission> submissions) {
        Map<String, List<Found>> found = new LinkedHashMap<>();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (BackChannel channel : channels) {
            List<Submission> held = new ArrayList<>();
            for (Submission submission : submissions) {
                channel.addressed(submission).ifPresent(held::add);
            }
            if (held.isEmpty()) {
                continue;
            }
            DecisionRead read;
            try {
                read = channel.readDecisions(held);
            } catch (RuntimeException failure) {
                read = DecisionRead.failed(held, failure.toString());
            }
            read.decisions().forEach((requestId, decision) ->
                    found.computeIfAbsent(requestId, id -> new ArrayList<>()).add(new Found(channel.name(), decision)));
            read.unread().forEach((requestId, reason) ->
                    failures.computeIfAbsent(requestId, id -> new ArrayList<>()).add(channel.name() + ": " + reason));
        }
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        found.forEach((requestId, candidates) -> decisions.put(requestId, resolve(candidates)));
        Map<String, String> unread = new LinkedHashMap<>();
        failures.forEach((requestId, reasons) -> {
            if (!decisions.containsKey(requestId)) {
                unread.put(requestId, String.join("; ", reasons));
            }
        });
        return new DecisionRead(decisions, unread);
    }

    /** First in time wins; a rejection within {@link #CONCURRENT} of an earlier approval beats it. */
    static ReviewDecision resolve(List<Found> candidates) {
        List<Found> inTime = candidates.stream().sorted(Comparator.comparing(f -> f.decision().decidedAt())).toList();
        Found winner = inTime.get(0);
        if (winner.decision().verdict() == Verdict.APPROVED) {
            Instant approvedAt = winner.decision().decidedAt();
            for (Found other : inTime) {
                if (other.decision().verdict() == Verdict.REJECTED
                        && !other.decision().decidedAt().isAfter(approvedAt.plus(CONCURRENT))) {
                    winner = other;
                    break;
                }
            }
        }
        List<Found> overruled = new ArrayList<>();
        for (Found other : inTime) {
            if (other != winner && other.decision().verdict() != winner.decision().verdict()) {
                overruled.add(other);
            }
        }
        if (overruled.isEmpty()) {
            return winner.decision();
        }
        ReviewDecision chosen = winner.decision();
        String note = "decided on " + winner.channel() + "; overruled: " + String.join(", ", overruled.stream()
                .map(o -> o.decision().verdict().name().toLowerCase(Locale.ROOT) + " by "
                        + o.decision().reviewer() + " on " + o.channel() + " at " + o.decision().decidedAt())
                .toList());
        return new ReviewDecision(chosen.verdict(), chosen.reviewer(),
                chosen.notes().isBlank() ? note : chosen.notes() + " (" + note + ")", chosen.decidedAt());
    }

    @Override
    public Optional<Submission> addressed(Submission submission) {
        if (name.equals(submission.channel())) {
            return Optional.of(submission);
        }
        boolean anyHeld = channels.stream().anyMatch(channel -> channel.addressed(submission).isPresent());
        return anyHeld ? Optional.of(submission) : Optional.empty();
    }

    @Override
    public void statusChanged(Submission submission, RequestStatus status, String note) {
        for (BackChannel channel : channels) {
            channel.addressed(submission).ifPresent(part -> {
                try {
                    channel.statusChanged(part, status, note);
                } catch (RuntimeException failure) {
                    log.warn("Back-channel {} failed to show status {} of {}: {}", channel.name(), status,
                            submission.requestId(), failure.toString());
                }
            });
        }
    }

    @Override
    public void decisionsTo(DecisionListener listener) {
        channels.forEach(channel -> channel.decisionsTo(listener));
    }

    @Override
    public boolean deliversDecisions() {
        return channels.stream().anyMatch(BackChannel::deliversDecisions);
    }

    @Override
    public void close() {
        for (BackChannel channel : channels) {
            try {
                channel.close();
            } catch (RuntimeException failure) {
                log.warn("Back-channel {} failed to close: {}", channel.name(), failure.toString());
            }
        }
    }

    /** A decision and the channel it was read from. */
    record Found(String channel, ReviewDecision decision) {}
}
