package dev.kaizen4j.proposal;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.team.TeamSpec;
import java.util.List;

/**
 * Turns a report and the plan from the discussion into concrete proposals. Every proposal still
 * passes validation, de-duplication, rate limits and human review before anything changes.
 *
 * <p>Thread safety: a cycle calls its generator from the thread running the cycle; a generator shared
 * by several cycles must be safe for concurrent calls. {@link RuleBasedProposalGenerator} keeps no
 * state; the LLM generator belongs to its {@code LlmAssistant}, which serves one cycle at a time.
 */
@FunctionalInterface
public interface ProposalGenerator {

    List<Proposal> generate(EffectivenessReport report, ImprovementPlan plan, TeamSpec team);
}
