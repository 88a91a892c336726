package dev.kaizen4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ordinary, safe changes written the way an LLM or a colleague writes them: every one is accepted,
 * classified into the category its author declares, with nothing left for a reviewer's warning.
 */
class LegitimateProposalCorpusTest {

    private static final SafeCodeValidator VALIDATOR = new JavaParserSafeCodeValidator();
    private static final SafeCodeValidator STRICT = JavaParserSafeCodeValidator.builder()
            .categoryPolicy(CategoryPolicy.STRICT).build();
    private static final SafeCodeValidator FULL_PARSE = JavaParserSafeCodeValidator.builder()
            .incrementalParsing(false).build();

    static List<LegitimateProposals.Proposal> corpus() {
        return LegitimateProposals.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givenLegitimateProposal_whenValidated_thenAcceptedInItsDeclaredCategory(LegitimateProposals.Proposal proposal) {
        // the default validator parses only changed members once it has analysed the current file
        VALIDATOR.validate(proposal.current(), proposal.current().replace("package", "package "));
        ValidationResult result = VALIDATOR.validate(proposal.modification());

        assertThat(result.isAccepted()).as(proposal.name() + ": " + result.describe()).isTrue();
        assertThat(result.categories()).as(proposal.name() + ": " + result.describe()).contains(proposal.category());
        assertThat(result.warnings()).as(proposal.name() + ": " + result.describe()).isEmpty();
        assertThat(STRICT.validate(proposal.modification())).as(proposal.name()).isEqualTo(result);
        assertThat(FULL_PARSE.validate(proposal.modification())).as(proposal.name() + " parsed in full")
                .isEqualTo(result);
    }

    @Test
    void givenBothCorpora_whenValidatedByDefault_thenEveryLegitimateChangeIsAcceptedAndEveryUnsafeOneRejected() {
        List<LegitimateProposals.Proposal> legitimate = corpus();
        List<String> unsafe = UnsafeProposalCorpusTest.corpus().map(arguments -> (String) arguments.get()[2]).toList();

        long accepted = legitimate.stream().filter(p -> VALIDATOR.validate(p.modification()).isAccepted()).count();
        long withoutWarning = legitimate.stream().filter(p -> VALIDATOR.validate(p.modification()).warnings().isEmpty())
                .count();
        long rejected = unsafe.stream().filter(p -> VALIDATOR.validate(AgentSources.RESEARCHER, p).isRejected()).count();
        System.out.printf("legitimate corpus: %d of %d accepted (%d without a warning); unsafe corpus: %d of %d"
                + " rejected%n", accepted, legitimate.size(), withoutWarning, rejected, unsafe.size());

        assertThat(accepted).isEqualTo(withoutWarning).isEqualTo(legitimate.size());
        assertThat(rejected).isEqualTo(unsafe.size());
    }

    @Test
    void corpusHasAtLeastSixtyProposalsCoveringEveryCategory() {
        List<LegitimateProposals.Proposal> proposals = corpus();

        assertThat(proposals).hasSizeGreaterThanOrEqualTo(60);
        assertThat(proposals.stream().map(LegitimateProposals.Proposal::category).distinct())
                .containsExactlyInAnyOrder(dev.kaizen4j.proposal.ModificationCategory.values());
    }
}
