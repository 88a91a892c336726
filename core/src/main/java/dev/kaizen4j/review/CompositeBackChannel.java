package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fans each request out to several back-channels. The composite submission succeeds when at least
 * one channel took the request; its external id lists each channel's id ({@code slack=...;github=...}).
 * The first decision found, in channel order, is the decision.
 */
final class CompositeBackChannel implements BackChannel {

    private final List<BackChannel> channels;

    CompositeBackChannel(List<BackChannel> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a composite back-channel needs at least one channel");
        }
        channels.forEach(channel -> requireNonNull(channel, "channel"));
        this.channels = List.copyOf(channels);
    }

    @Override
    public String name() {
        return String.join("+", channels.stream().map(BackChannel::name).toList());
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        List<String> ids = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String link = null;
        boolean retriable = false;
        for (BackChannel channel : channels) {
            Submission submission = channel.submit(request);
            if (submission.isSubmitted()) {
                ids.add(channel.name() + "=" + submission.externalId());
                link = link == null ? submission.link() : link;
            } else {
                errors.add(channel.name() + ": " + submission.error());
                retriable |= submission.retriable();
            }
        }
        if (ids.isEmpty()) {
            return Submission.failed(name(), request.id(), String.join("; ", errors), retriable);
        }
        return Submission.submitted(name(), request.id(), String.join(";", ids), link);
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        Map<String, String> ids = parts(submission);
        for (BackChannel channel : channels) {
            String id = ids.get(channel.name());
            if (id != null) {
                Optional<ReviewDecision> decision =
                        channel.decisionFor(Submission.submitted(channel.name(), submission.requestId(), id, null));
                if (decision.isPresent()) {
                    return decision;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void statusChanged(Submission submission, RequestStatus status, String note) {
        Map<String, String> ids = parts(submission);
        for (BackChannel channel : channels) {
            String id = ids.get(channel.name());
            if (id != null) {
                channel.statusChanged(Submission.submitted(channel.name(), submission.requestId(), id, null), status, note);
            }
        }
    }

    private static Map<String, String> parts(Submission submission) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (submission.externalId() != null) {
            for (String part : submission.externalId().split(";")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    ids.put(part.substring(0, equals), part.substring(equals + 1));
                }
            }
        }
        return ids;
    }
}
