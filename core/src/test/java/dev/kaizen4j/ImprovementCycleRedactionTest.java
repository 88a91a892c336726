package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.redaction.PatternRedactor;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImprovementCycleRedactionTest {

    private static final String KEY = "sk-proj-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEe";

    @TempDir
    Path directory;

    private CycleResult run(ImprovementCycle.Builder builder) {
        TeamMetrics metrics = new TeamMetrics(Fixtures.TEAM, null, null, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0);
        EffectivenessReport report = new EffectivenessReport(Fixtures.TEAM, metrics, List.of(), List.of(), List.of(),
                List.of());
        PromptRefinement leaky = new PromptRefinement(Fixtures.TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write for {brand}.", "You write for {brand}. Never paste keys into drafts.",
                "TASK-7 pasted " + KEY + " and CUST-123456 into a draft", List.of("TASK-7: " + KEY));
        return builder
                .team(TeamSpec.named(Fixtures.TEAM))
                .source((query, problems) -> Stream.empty())
                .analyzer((conversations, team) -> report)
                .facilitator((r, team, feedback) -> new ImprovementPlan(List.of(), List.of(), List.of(),
                        List.of(new DiscussionTurn("manager", "TASK-7 leaked " + KEY))))
                .proposalGenerator((r, plan, team) -> List.of(leaky))
                .backChannel(new FileBackChannel(directory.resolve("requests")))
                .ledger(new FileImprovementLedger(directory.resolve("ledger.jsonl")))
                .build()
                .run();
    }

    private String everythingWritten() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(directory.resolve("ledger.jsonl")));
        try (Stream<Path> files = Files.list(directory.resolve("requests"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Test
    void givenAProposalCitingASecret_whenSubmitted_thenNeitherTheBackChannelNorTheLedgerSeesIt() throws IOException {
        CycleResult result = run(ImprovementCycle.builder());

        assertThat(result.submitted()).hasSize(1);
        assertThat(everythingWritten()).doesNotContain(KEY).contains("[REDACTED:openai-key]").contains("CUST-123456");
        assertThat(result.submitted().get(0).requestId())
                .isEqualTo(ImprovementRequest.idFor(result.submitted().get(0).proposal()));
    }

    @Test
    void givenAHostPattern_whenSubmitted_thenItIsMaskedToo() throws IOException {
        run(ImprovementCycle.builder().redactor(PatternRedactor.builder().pattern("customer-id", "CUST-\\d{6}").build()));

        assertThat(everythingWritten()).doesNotContain(KEY).doesNotContain("CUST-123456")
                .contains("[REDACTED:customer-id]");
    }
}
