package dev.kaizen4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.redaction.Redactor;
import dev.kaizen4j.testing.Fixtures;
import dev.kaizen4j.validation.RuleIds;
import dev.kaizen4j.validation.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalSecretsTest {

    private static final String TOKEN = "ghp_1234567890abcdefghijklmnopqrstuvwxYZ";

    private static CodeModification code(String current, String proposed) {
        return new CodeModification(Fixtures.TEAM, "researcher", "agents/Researcher.java", current, proposed,
                "retries", ModificationCategory.ADJUST_PARAMETERS, List.of("TASK-1"));
    }

    @Test
    void givenCleanTexts_whenChecked_thenAccepted() {
        assertThat(ProposalSecrets.check(Redactor.defaults(), Fixtures.codeModification()).isAccepted()).isTrue();
    }

    @Test
    void givenASecretInTheCurrentCode_whenChecked_thenRefusedBecauseTheReviewWouldShowIt() {
        String current = "class A {\n    String t = \"" + TOKEN + "\";\n    int retries = 0;\n}\n";

        ValidationResult result = ProposalSecrets.check(Redactor.defaults(),
                code(current, current.replace("= 0;", "= 2;")));

        assertThat(result.violationsOf(RuleIds.SECRET)).hasSize(2).allSatisfy(v -> {
            assertThat(v.line()).isEqualTo(2);
            assertThat(v.column()).isEqualTo(17);
            assertThat(v.toString()).doesNotContain(TOKEN).contains("github-token");
        });
        assertThat(result.violationsOf(RuleIds.SECRET)).extracting(v -> v.message())
                .anySatisfy(m -> assertThat(m).startsWith("the current code"))
                .anySatisfy(m -> assertThat(m).startsWith("the proposed code"));
    }

    @Test
    void givenAProposedTextThatWasMaskedEarlier_whenChecked_thenTheMarkerIsRefused() {
        String current = "class A {\n}\n";

        ValidationResult result = ProposalSecrets.check(Redactor.none(),
                code(current, "class A {\n    String t = \"[REDACTED:github-token]\";\n}\n"));

        assertThat(result.violationsOf(RuleIds.SECRET)).singleElement().satisfies(v -> {
            assertThat(v.message()).contains("redaction marker");
            assertThat(v.line()).isEqualTo(2);
        });
    }
}
