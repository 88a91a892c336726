package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.verify.internal.PromptAdaptation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a change verified effective in one team into suggested proposals for other teams: for every
 * agent of another team with the same role as the changed agent, the same prompt refinement adapted to
 * that agent's prompt, tagged with the origin request and the evidence. The suggestions are ordinary
 * {@link PromptRefinement}s: they go through the same validation, de-duplication, rate limit and human
 * approval as any other proposal.
 *
 * <p>Only prompt refinements verified {@code effective} with a relative lift of the success rate at or
 * above the threshold (default 10%) are suggested. Thread-safe.
 */
public final class CrossTeamSuggester {

    /** The evidence tag naming the request a suggestion comes from. */
    public static final String ORIGIN_TAG = "origin:";

    private final double liftThreshold;
    private final VerificationArchive archive;
    private final Map<String, TeamSpec> teams;

    private CrossTeamSuggester(Builder builder) {
        this.liftThreshold = builder.liftThreshold;
        this.archive = requireNonNull(builder.archive, "archive is required");
        this.teams = Map.copyOf(builder.teams);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Suggestions for {@code target} from every other team's request verified effective in the ledger. */
    public List<PromptRefinement> suggestFor(TeamSpec target, ImprovementLedger ledger) {
        requireNonNull(target, "target");
        List<PromptRefinement> suggestions = new ArrayList<>();
        for (RequestRecord record : requireNonNull(ledger, "ledger").records()) {
            if (record.status() == RequestStatus.VERIFIED_EFFECTIVE && !record.request().team().equals(target.name())) {
                suggestions.addAll(suggest(record, target));
            }
        }
        return suggestions;
    }

    /**
     * Suggestions for {@code target} from one request; empty when the request is not a prompt refinement
     * verified effective by at least the threshold, its team's spec is unknown, or no agent of
     * {@code target} shares the changed agent's role.
     */
    public List<PromptRefinement> suggest(RequestRecord origin, TeamSpec target) {
        requireNonNull(origin, "origin");
        requireNonNull(target, "target");
        Optional<Verification> evidence = archive.find(origin.requestId());
        if (!(origin.request().proposal() instanceof PromptRefinement refinement) || evidence.isEmpty()
                || !qualifies(evidence.get()) || refinement.team().equals(target.name())) {
            return List.of();
        }
        TeamSpec originTeam = teams.get(refinement.team());
        String role = originTeam == null ? "" : originTeam.agent(refinement.agent()).map(AgentSpec::role).orElse("");
        if (role.isBlank()) {
            return List.of();
        }
        List<PromptRefinement> suggestions = new ArrayList<>();
        for (AgentSpec agent : target.agents()) {
            if (!normalize(agent.role()).equals(normalize(role))) {
                continue;
            }
            String current = agent.prompt(refinement.field());
            List<String[]> renames = List.of(new String[] {refinement.agent(), agent.name()},
                    new String[] {refinement.team(), target.name()});
            PromptAdaptation.adapt(refinement.current(), refinement.proposed(), current, renames)
                    .ifPresent(proposed -> suggestions.add(new PromptRefinement(target.name(), agent.name(),
                            refinement.field(), current, proposed, rationale(origin, refinement, role, evidence.get()),
                            evidenceTags(origin, evidence.get()))));
        }
        return suggestions;
    }

    /** Whether a verification is strong enough to suggest its change elsewhere. */
    public boolean qualifies(Verification verification) {
        Double lift = verification.primary().relativeLift();
        return verification.decision() == Decision.EFFECTIVE && lift != null && lift >= liftThreshold;
    }

    private static String rationale(RequestRecord origin, PromptRefinement refinement, String role, Verification v) {
        MetricComparison primary = v.primary();
        return String.format(Locale.ROOT, "Verified effective in team %s (request %s, %s): success rate %.1f%% -> %.1f%%,"
                        + " relative lift %+.1f%% (%.0f%% CI %+.1f%% .. %+.1f%%, p = %.3g, %d + %d tasks). The same"
                        + " refinement of %s (%s), adapted to this agent's prompt.%s",
                refinement.team(), origin.requestId(),
                v.experiment() == null ? "before/after comparison, weaker evidence" : "experiment " + v.experiment(),
                primary.control().mean() * 100, primary.treatment().mean() * 100, primary.relativeLift() * 100,
                (1 - v.alpha()) * 100, primary.ciLow() * 100, primary.ciHigh() * 100, primary.pValue(),
                primary.control().n(), primary.treatment().n(), refinement.agent(), role,
                refinement.rationale().isBlank() ? "" : " Original rationale: " + refinement.rationale());
    }

    private static List<String> evidenceTags(RequestRecord origin, Verification v) {
        MetricComparison primary = v.primary();
        return List.of(ORIGIN_TAG + origin.requestId(), String.format(Locale.ROOT,
                "verified:%s success_rate relative lift %+.4f [%+.4f, %+.4f] p=%.3g",
                v.experiment() == null ? "before_after" : v.experiment(), primary.relativeLift(), primary.ciLow(),
                primary.ciHigh(), primary.pValue()));
    }

    private static String normalize(String role) {
        return role.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Settings of a {@link CrossTeamSuggester}. */
    public static final class Builder {
        private double liftThreshold = 0.10;
        private @Nullable VerificationArchive archive;
        private final Map<String, TeamSpec> teams = new LinkedHashMap<>();

        private Builder() {}

        /** The smallest relative lift of the success rate worth suggesting elsewhere; default 0.10. */
        public Builder liftThreshold(double threshold) {
            if (!(threshold >= 0)) {
                throw new IllegalArgumentException("lift threshold must be at least 0, was " + threshold);
            }
            this.liftThreshold = threshold;
            return this;
        }

        /** Where the verifications of requests are kept; required. */
        public Builder archive(VerificationArchive archive) {
            this.archive = requireNonNull(archive, "archive");
            return this;
        }

        /** A team's spec, to know the role of the agents its changes were made for. */
        public Builder team(TeamSpec team) {
            requireNonNull(team, "team");
            teams.put(team.name(), team);
            return this;
        }

        /** Several teams' specs. */
        public Builder teams(List<TeamSpec> specs) {
            requireNonNull(specs, "specs").forEach(this::team);
            return this;
        }

        public CrossTeamSuggester build() {
            return new CrossTeamSuggester(this);
        }
    }
}
