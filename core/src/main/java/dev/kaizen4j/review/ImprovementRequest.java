package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.Proposal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A proposal on its way to humans, with everything a reviewer needs to decide.
 *
 * @param id a short id, unique per team: the team name and the start of the fingerprint
 * @param fingerprint the proposal's fingerprint; back-channels use it to stay idempotent
 * @param team the team
 * @param title one line, for example "[Self-Improvement] marketing-team: refine content_creator system_prompt"
 * @param proposal the change, with its diff and rationale
 * @param findings the findings behind it
 * @param metrics team metrics when it was proposed ({@code success_rate}, {@code error_rate}, ...)
 * @param discussion the discussion that led to it
 * @param createdAt when it was proposed
 * @param revises the id of the earlier request a reviewer sent back with "needs work" that this one
 *     revises, or null
 */
public record ImprovementRequest(
        String id,
        String fingerprint,
        String team,
        String title,
        Proposal proposal,
        List<Finding> findings,
        Map<String, Double> metrics,
        List<DiscussionTurn> discussion,
        Instant createdAt,
        @Nullable String revises) {

    public ImprovementRequest {
        requireNonNull(id, "id");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(team, "team");
        requireNonNull(title, "title");
        requireNonNull(proposal, "proposal");
        findings = findings == null ? List.of() : List.copyOf(findings);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        discussion = discussion == null ? List.of() : List.copyOf(discussion);
        requireNonNull(createdAt, "createdAt");
    }

    /** A request that revises no earlier one. */
    public ImprovementRequest(String id, String fingerprint, String team, String title, Proposal proposal,
            List<Finding> findings, Map<String, Double> metrics, List<DiscussionTurn> discussion, Instant createdAt) {
        this(id, fingerprint, team, title, proposal, findings, metrics, discussion, createdAt, null);
    }

    /** The request id for a proposal: {@code <team>-<first 8 hex digits of the fingerprint>}. */
    public static String idFor(Proposal proposal) {
        return proposal.team() + "-" + proposal.fingerprint().substring(0, 8);
    }

    /** The standard title: {@code [Self-Improvement] <team>: <summary>}. */
    public static String titleFor(Proposal proposal) {
        return "[Self-Improvement] " + proposal.team() + ": " + proposal.summary();
    }
}
