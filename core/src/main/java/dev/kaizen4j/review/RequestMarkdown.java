package dev.kaizen4j.review;

import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a request as Markdown for humans: the change, why, the evidence, the metrics and the diff.
 * Back-channels that show Markdown (files, GitHub issues) share this rendering.
 */
public final class RequestMarkdown {

    private RequestMarkdown() {}

    /** The full Markdown body of a request. */
    public static String render(ImprovementRequest request) {
        Proposal proposal = request.proposal();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(proposal.summary()).append("\n\n");
        md.append("- **Request:** `").append(request.id()).append("`\n");
        md.append("- **Team:** ").append(request.team()).append('\n');
        md.append("- **Agent:** ").append(proposal.agent()).append('\n');
        if (proposal instanceof PromptRefinement prompt) {
            md.append("- **Change:** prompt refinement of `").append(prompt.field().key()).append("`\n");
        } else if (proposal instanceof CodeModification code) {
            md.append("- **Change:** code modification (").append(code.category().key()).append(") of `")
                    .append(code.file()).append("`\n");
        }
        if (request.revises() != null) {
            md.append("- **Revises:** `").append(request.revises())
                    .append("` (sent back with \"needs work\"; this request addresses the reviewer's notes)\n");
        }
        md.append("- **Proposed:** ").append(request.createdAt()).append("\n\n");
        md.append("### Rationale\n\n").append(proposal.rationale()).append("\n\n");
        if (!request.findings().isEmpty()) {
            md.append("### Evidence\n\n");
            for (Finding finding : request.findings()) {
                md.append("- **").append(finding.severity().name().toLowerCase(Locale.ROOT)).append("** ")
                        .append(finding.title()).append('\n');
                for (Evidence evidence : finding.evidence()) {
                    md.append("  - ").append(evidence.taskId()).append(" step ").append(evidence.step()).append(": ")
                            .append(quote(evidence.excerpt())).append('\n');
                }
            }
            md.append('\n');
        }
        if (!request.metrics().isEmpty()) {
            md.append("### Team metrics\n\n| metric | value |\n|---|---|\n");
            for (Map.Entry<String, Double> metric : request.metrics().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                md.append("| ").append(metric.getKey()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", metric.getValue())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("### Diff\n\n```diff\n").append(proposal.diff()).append("```\n");
        if (!request.discussion().isEmpty()) {
            md.append("\n<details><summary>Discussion</summary>\n\n");
            for (DiscussionTurn turn : request.discussion()) {
                md.append("- **").append(turn.speaker()).append(":** ").append(turn.message()).append('\n');
            }
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    private static String quote(String excerpt) {
        return "\"" + excerpt.replace('\n', ' ').replace("`", "'") + "\"";
    }
}
