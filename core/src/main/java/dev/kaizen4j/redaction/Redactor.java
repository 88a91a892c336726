package dev.kaizen4j.redaction;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import java.util.List;

/**
 * Masks secrets in text before it leaves the process.
 *
 * <pre>{@code
 * Redactor redactor = PatternRedactor.builder()
 *         .pattern("internal-host", "\\bdb\\d+\\.corp\\.example\\b")
 *         .build();
 * redactor.redact("key sk-abc...xyz on db7.corp.example"); // "key [REDACTED:openai-key] on [REDACTED:internal-host]"
 * }</pre>
 */
@FunctionalInterface
public interface Redactor {

    /** The text with every secret replaced by a {@code [REDACTED:<kind>]} marker. */
    String redact(String text);

    /** A redactor with {@link PatternRedactor#defaultRules() the default rules}. */
    static Redactor defaults() {
        return PatternRedactor.builder().build();
    }

    /** A redactor that changes nothing, for hosts that redact upstream. */
    static Redactor none() {
        return text -> text;
    }

    /**
     * The request with every human-readable text redacted: title, proposal texts, rationale and
     * evidence, findings and the discussion. The id and fingerprint stay those of the original
     * proposal, so de-duplication is unaffected.
     */
    default ImprovementRequest redact(ImprovementRequest request) {
        requireNonNull(request, "request");
        List<Finding> findings = request.findings().stream()
                .map(finding -> new Finding(finding.id(), finding.kind(), redact(finding.title()), finding.severity(),
                        finding.agents(), finding.count(), finding.total(), finding.evidence().stream()
                                .map(e -> new Evidence(e.taskId(), e.step(), redact(e.excerpt())))
                                .toList()))
                .toList();
        List<DiscussionTurn> discussion = request.discussion().stream()
                .map(turn -> new DiscussionTurn(turn.speaker(), redact(turn.message())))
                .toList();
        return new ImprovementRequest(request.id(), request.fingerprint(), request.team(), redact(request.title()),
                redact(request.proposal()), findings, request.metrics(), discussion, request.createdAt(),
                request.revises());
    }

    /** The proposal with its texts, rationale and evidence redacted. */
    default Proposal redact(Proposal proposal) {
        requireNonNull(proposal, "proposal");
        List<String> evidence = proposal.evidence().stream().map(this::redact).toList();
        if (proposal instanceof CodeModification code) {
            return new CodeModification(code.team(), code.agent(), code.file(), redact(code.currentCode()),
                    redact(code.proposedCode()), redact(code.rationale()), code.category(), evidence);
        }
        PromptRefinement prompt = (PromptRefinement) proposal;
        return new PromptRefinement(prompt.team(), prompt.agent(), prompt.field(), redact(prompt.current()),
                redact(prompt.proposed()), redact(prompt.rationale()), evidence);
    }
}
