package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.TeamMetrics;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.ledger.FileImprovementLedger;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.redaction.PatternRedactor;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.validation.RuleIds;
import dev.kaizen4j.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImprovementCycleRedactionTest {

    private static final String KEY = "sk-proj-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEe";

    @TempDir
    Path directory;

    private ImprovementCycle.Builder files() {
        return ImprovementCycle.builder().backChannel(new FileBackChannel(directory.resolve("requests")));
    }

    private CycleResult run(ImprovementCycle.Builder builder) {
        PromptRefinement leaky = new PromptRefinement(Fixtures.TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write for {brand}.", "You write for {brand}. Never paste keys into drafts.",
                "TASK-7 pasted " + KEY + " and CUST-123456 into a draft", List.of("TASK-7: " + KEY));
        return run(builder, leaky);
    }

    private CycleResult run(ImprovementCycle.Builder builder, Proposal proposal) {
        TeamMetrics metrics = new TeamMetrics(Fixtures.TEAM, null, null, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0);
        EffectivenessReport report = new EffectivenessReport(Fixtures.TEAM, metrics, List.of(), List.of(), List.of(),
                List.of());
        return builder
                .team(TeamSpec.named(Fixtures.TEAM))
                .source((query, problems) -> Stream.empty())
                .analyzer((conversations, team) -> report)
                .facilitator((r, team, feedback) -> new ImprovementPlan(List.of(), List.of(), List.of(),
                        List.of(new DiscussionTurn("manager", "TASK-7 leaked " + KEY))))
                .proposalGenerator((r, plan, team) -> List.of(proposal))
                .ledger(new FileImprovementLedger(directory.resolve("ledger.jsonl")))
                .build()
                .run();
    }

    private String everythingWritten() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(directory.resolve("ledger.jsonl")));
        if (!Files.isDirectory(directory.resolve("requests"))) {
            return all.toString();
        }
        try (Stream<Path> files = Files.list(directory.resolve("requests"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Test
    void givenAProposalCitingASecret_whenSubmitted_thenNeitherTheBackChannelNorTheLedgerSeesIt() throws IOException {
        CycleResult result = run(files());

        assertThat(result.submitted()).hasSize(1);
        assertThat(everythingWritten()).doesNotContain(KEY).contains("[REDACTED:openai-key]").contains("CUST-123456");
        assertThat(result.submitted().get(0).requestId())
                .isEqualTo(ImprovementRequest.idFor(result.submitted().get(0).proposal()));
    }

    @Test
    void givenAHostPattern_whenSubmitted_thenItIsMaskedToo() throws IOException {
        run(files().redactor(PatternRedactor.builder().pattern("customer-id", "CUST-\\d{6}").build()));

        assertThat(everythingWritten()).doesNotContain(KEY).doesNotContain("CUST-123456")
                .contains("[REDACTED:customer-id]");
    }

    @Test
    void givenAProposedPromptHoldingASecret_whenRun_thenItIsRefusedAsSecretAndTheSecretIsNeverEchoed()
            throws IOException {
        PromptRefinement prompt = new PromptRefinement(Fixtures.TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write for {brand}.", "You write for {brand}.\nUse the API key " + KEY + " for the image tool.",
                "images failed in 40% of tasks", List.of("TASK-7"));

        CycleResult result = run(files(), prompt);

        assertThat(result.submitted()).isEmpty();
        assertThat(result.rejectedByValidation()).singleElement().satisfies(outcome -> {
            assertThat(outcome.validation().ruleIds()).contains(RuleIds.SECRET);
            Violation secret = outcome.validation().violationsOf(RuleIds.SECRET).get(0);
            assertThat(secret.message()).contains("proposed prompt").contains("openai-key");
            assertThat(secret.line()).isEqualTo(2);
            assertThat(secret.column()).isEqualTo(17);
            assertThat(outcome.toString()).doesNotContain(KEY);
            assertThat(outcome.proposal().diff()).doesNotContain(KEY);
        });
        assertThat(Files.readString(directory.resolve("ledger.jsonl"))).doesNotContain(KEY)
                .contains("REJECTED_BY_VALIDATION").contains("[secret]");
    }

    @Test
    void givenAHostPatternInTheProposedText_whenRun_thenItIsRefusedRatherThanPublishedMasked() throws IOException {
        PromptRefinement prompt = new PromptRefinement(Fixtures.TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "You write for {brand}.", "You write for {brand}. Escalate to CUST-123456 first.",
                "escalations went to the wrong customer", List.of("TASK-7"));

        CycleResult result = run(files()
                .redactor(PatternRedactor.builder().pattern("customer-id", "CUST-\\d{6}").build()), prompt);

        assertThat(result.submitted()).isEmpty();
        assertThat(result.rejectedByValidation()).singleElement().satisfies(outcome ->
                assertThat(outcome.validation().violationsOf(RuleIds.SECRET)).singleElement()
                        .satisfies(v -> assertThat(v.snippet()).isEqualTo("[REDACTED:customer-id]")));
        assertThat(everythingWritten()).doesNotContain("CUST-123456");
        assertThat(directory.resolve("requests")).satisfiesAnyOf(
                requests -> assertThat(requests).doesNotExist(), requests -> assertThat(requests).isEmptyDirectory());
    }

    @Test
    void givenProposedCodeWithAnAwsSecretAfterTheWordCredential_whenRun_thenItIsRefused() {
        String current = "class Uploader {\n    int retries = 0;\n}\n";
        String proposed = "class Uploader {\n    int retries = 2;\n    // credential wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n}\n";
        CodeModification code = new CodeModification(Fixtures.TEAM, "uploader", "agents/Uploader.java", current,
                proposed, "uploads timed out", ModificationCategory.ADJUST_PARAMETERS, List.of("TASK-9"));

        CycleResult result = run(files(), code);

        assertThat(result.submitted()).isEmpty();
        assertThat(result.rejectedByValidation()).singleElement().satisfies(outcome -> {
            assertThat(outcome.validation().violationsOf(RuleIds.SECRET)).singleElement()
                    .satisfies(v -> assertThat(v.line()).isEqualTo(3));
            assertThat(outcome.note()).doesNotContain("wJalrXUtnFEMI");
        });
    }

    @Test
    void givenAnAcceptedProposal_whenSubmitted_thenItsTextsAreExactlyTheValidatedOnes() {
        List<ImprovementRequest> sent = new ArrayList<>();
        FileBackChannel files = new FileBackChannel(directory.resolve("requests"));
        CodeModification code = Fixtures.codeModification();
        CodeModification cited = new CodeModification(code.team(), code.agent(), code.file(), code.currentCode(),
                code.proposedCode(), "TASK-7 logged " + KEY, code.category(), List.of("TASK-7: " + KEY));

        CycleResult result = run(ImprovementCycle.builder().backChannel(new BackChannel() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Submission submit(ImprovementRequest request) {
                sent.add(request);
                return files.submit(request);
            }

            @Override
            public Optional<ReviewDecision> decisionFor(Submission submission) {
                return Optional.empty();
            }
        }), cited);

        assertThat(result.submitted()).hasSize(1);
        assertThat(sent).singleElement().satisfies(request -> {
            CodeModification published = (CodeModification) request.proposal();
            assertThat(published.proposedCode()).isEqualTo(code.proposedCode());
            assertThat(published.currentCode()).isEqualTo(code.currentCode());
            assertThat(published.rationale()).doesNotContain(KEY).contains("[REDACTED:openai-key]");
            assertThat(published.evidence()).singleElement().asString().doesNotContain(KEY);
        });
    }
}
