package dev.kaizen4j.verify;

import static dev.kaizen4j.verify.ExperimentTasks.verification;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.ledger.InMemoryImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossTeamSuggesterTest {

    private static final String LESSON = "Always name the target keyword in the first paragraph.";
    private static final TeamSpec BLOG = team("blog-team",
            agent("writer", "Content Creator", "You write posts for {{brand}}.\nKeep them short.\n"),
            agent("editor", "Editor", "You edit posts."));
    private static final TeamSpec NEWS = team("news-team",
            agent("reporter", " content  creator", "You are the reporter for {{outlet}}.\nBe factual.\n"),
            agent("fact_checker", "Fact Checker", "You check facts for {{outlet}}."));

    @TempDir
    Path directory;

    private final InMemoryImprovementLedger ledger = new InMemoryImprovementLedger();

    @Test
    void givenAnEffectiveRefinement_thenAnAgentOfTheSameRoleGetsItAdaptedWithItsPlaceholdersKept() {
        VerificationArchive archive = new VerificationArchive(directory);
        RequestRecord origin = verified(archive, 300, 380);
        CrossTeamSuggester suggester = CrossTeamSuggester.builder().archive(archive).team(BLOG).build();

        List<PromptRefinement> suggestions = suggester.suggest(origin, NEWS);

        assertThat(suggestions).singleElement().satisfies(s -> {
            assertThat(s.team()).isEqualTo("news-team");
            assertThat(s.agent()).isEqualTo("reporter");
            assertThat(s.field()).isEqualTo(PromptField.SYSTEM_PROMPT);
            assertThat(s.current()).isEqualTo("You are the reporter for {{outlet}}.\nBe factual.\n");
            assertThat(s.proposed()).isEqualTo("You are the reporter for {{outlet}}.\nBe factual.\n\n" + LESSON + "\n");
            assertThat(s.evidence()).first().isEqualTo("origin:" + origin.requestId());
            assertThat(s.evidence().get(1)).startsWith("verified:writer-checklist success_rate relative lift +0.2667");
            assertThat(s.rationale()).contains("Verified effective in team blog-team (request " + origin.requestId())
                    .contains("experiment writer-checklist").contains("relative lift +26.7%")
                    .contains("refinement of writer (Content Creator)");
        });
        assertThat(suggester.suggest(origin, BLOG)).as("never back to its own team").isEmpty();
    }

    @Test
    void givenARefinedLineTheTargetAlsoHas_thenItIsEditedInPlace() {
        TeamSpec twin = team("twin-team", agent("author", "Content Creator",
                "Intro for {{site}}.\nKeep them short.\nSign off.\n"));
        RequestRecord origin = verifiedRefinement(new VerificationArchive(directory), "Keep them short.",
                "Keep them under 600 words.");
        CrossTeamSuggester suggester = CrossTeamSuggester.builder().archive(new VerificationArchive(directory))
                .team(BLOG).build();

        assertThat(suggester.suggest(origin, twin)).singleElement().extracting(PromptRefinement::proposed)
                .isEqualTo("Intro for {{site}}.\nKeep them under 600 words.\nSign off.\n");
    }

    @Test
    void givenALiftBelowTheThresholdOrAnotherVerdict_thenNothingIsSuggested() {
        VerificationArchive archive = new VerificationArchive(directory);
        RequestRecord origin = verified(archive, 300, 380);
        CrossTeamSuggester strict = CrossTeamSuggester.builder().archive(archive).team(BLOG).liftThreshold(0.5).build();
        CrossTeamSuggester noSpec = CrossTeamSuggester.builder().archive(archive).build();

        assertThat(strict.suggest(origin, NEWS)).isEmpty();
        assertThat(noSpec.suggest(origin, NEWS)).as("the changed agent's role is unknown").isEmpty();
        archive.save(origin.requestId(), verification(300, 300));
        assertThat(CrossTeamSuggester.builder().archive(archive).team(BLOG).build().suggest(origin, NEWS)).isEmpty();
    }

    @Test
    void givenTheCycleConfiguredForSuggestions_thenTheyAreSubmittedOnceThroughTheUsualGate() {
        VerificationArchive archive = new VerificationArchive(directory.resolve("verifications"));
        verified(archive, 300, 380);
        CrossTeamSuggester suggester = CrossTeamSuggester.builder().archive(archive).team(BLOG).build();
        ImprovementCycle cycle = ImprovementCycle.builder().team(NEWS)
                .source((query, problems) -> Stream.empty())
                .backChannel(new FileBackChannel(directory.resolve("requests"), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)))
                .ledger(ledger)
                .crossTeamSuggestions(suggester)
                .clock(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC))
                .build();

        CycleResult first = cycle.run();
        CycleResult second = cycle.run();

        assertThat(first.submitted()).singleElement().satisfies(o -> {
            assertThat(o.proposal().agent()).isEqualTo("reporter");
            assertThat(o.proposal().evidence()).anyMatch(e -> e.startsWith("origin:blog-team-"));
            assertThat(o.status()).isEqualTo(RequestStatus.SUBMITTED);
        });
        assertThat(second.submitted()).isEmpty();
        assertThat(second.outcomes()).anyMatch(o -> o.status() == RequestStatus.SUPPRESSED_DUPLICATE
                && o.proposal().agent().equals("reporter"));
    }

    @Test
    void givenASuggestionThatWouldAddAForeignPlaceholder_thenValidationRejectsIt() {
        VerificationArchive archive = new VerificationArchive(directory);
        verifiedRefinement(archive, "Keep them short.", "Keep them short.\nMention {{brand}} once.");
        CrossTeamSuggester suggester = CrossTeamSuggester.builder().archive(archive).team(BLOG).build();
        ImprovementCycle cycle = ImprovementCycle.builder().team(NEWS).source((query, problems) -> Stream.empty())
                .backChannel(new FileBackChannel(directory.resolve("requests"))).ledger(ledger)
                .crossTeamSuggestions(suggester).build();

        CycleResult result = cycle.run();

        assertThat(result.outcomes()).filteredOn(o -> o.proposal().agent().equals("reporter")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(RequestStatus.REJECTED_BY_VALIDATION));
    }

    private RequestRecord verified(VerificationArchive archive, int controlSuccesses, int treatmentSuccesses) {
        PromptRefinement refinement = refinement("You write posts for {{brand}}.\nKeep them short.\n",
                "You write posts for {{brand}}.\n" + LESSON + "\nKeep them short.\n");
        return record(archive, refinement, verification(controlSuccesses, treatmentSuccesses));
    }

    private RequestRecord verifiedRefinement(VerificationArchive archive, String line, String replacement) {
        String current = "You write posts for {{brand}}.\nKeep them short.\n";
        return record(archive, refinement(current, current.replace(line, replacement)), verification(300, 380));
    }

    private RequestRecord record(VerificationArchive archive, PromptRefinement refinement, Verification verification) {
        ImprovementRequest request = Fixtures.request(refinement);
        RequestRecord implemented = Fixtures.published(ledger, request,
                Submission.submitted("file", request.id(), request.id(), null));
        new VerdictRecorder(ledger, archive, null, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC))
                .record(implemented, verification);
        return ledger.find(request.id()).orElseThrow();
    }

    private static PromptRefinement refinement(String current, String proposed) {
        return new PromptRefinement("blog-team", "writer", PromptField.SYSTEM_PROMPT, current, proposed,
                "Posts missed the keyword in 40% of tasks", List.of("check:seo-keywords"));
    }


    private static TeamSpec team(String name, AgentSpec... agents) {
        return new TeamSpec(name, "", null, List.of(agents), List.of(), null);
    }

    private static AgentSpec agent(String name, String role, String systemPrompt) {
        return new AgentSpec(name, role, "", "", systemPrompt, List.of(), null, Map.of());
    }
}
