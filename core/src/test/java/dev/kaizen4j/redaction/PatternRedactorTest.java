package dev.kaizen4j.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternRedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "openai-key        | sk-proj-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEe",
        "openai-key        | sk-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEeFgHi",
        "anthropic-key     | sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe",
        "github-token      | ghp_1234567890abcdefghijklmnopqrstuvwxYZ",
        "github-token      | github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        "gitlab-token      | glpat-abcdefghij0123456789",
        "slack-token       | xoxb-1234567890-0987654321-AbCdEfGhIjKl",
        "slack-webhook     | https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX",
        "aws-access-key    | AKIAIOSFODNN7EXAMPLE",
        "google-api-key    | AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "stripe-key        | sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "huggingface-token | hf_abcdefghijklmnopqrstuvwxyz012345",
        "jwt               | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    })
    void givenATokenOfACommonService_whenRedacted_thenItIsMaskedWithItsKind(String kind, String secret) {
        String redacted = redactor.redact("the agent used " + secret + " to call the API");

        assertThat(redacted).doesNotContain(secret).isEqualTo("the agent used [REDACTED:" + kind + "] to call the API");
    }

    @Test
    void givenAPasswordInAUrl_whenRedacted_thenOnlyThePasswordIsMasked() {
        assertThat(redactor.redact("connect to postgres://kaizen:s3cr3t-Pw@db.internal:5432/app failed"))
                .isEqualTo("connect to postgres://kaizen:[REDACTED:url-password]@db.internal:5432/app failed");
    }

    @Test
    void givenAPrivateKey_whenRedacted_thenTheWholeBlockIsMasked() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc/def+ghi==\n-----END RSA PRIVATE KEY-----";

        assertThat(redactor.redact("key:\n" + key + "\ndone")).isEqualTo("key:\n[REDACTED:private-key]\ndone");
    }

    @Test
    void givenAssignmentsAndBearerTokens_whenRedacted_thenTheValuesAreMasked() {
        assertThat(redactor.redact("api_key=abc123def456 and password: \"hunter22\" with Authorization: Bearer "
                + "abcdefghijklmnop.qrstuv"))
                .isEqualTo("api_key=[REDACTED:secret] and password: \"[REDACTED:secret]\" with Authorization: Bearer "
                        + "[REDACTED:bearer-token]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Keep each call within a token budget of 6000.",
        "The password reset flow failed in 12% of tasks (TASK-042).",
        "Use {{brand}} and https://example.com/docs in the post.",
        "private static final int MAX_SEARCH_RETRIES = 0;",
        "String token = request.token();",
        "this.password = password;",
        "apiKey = System.getenv(\"OPENAI_API_KEY\");",
    })
    void givenOrdinaryText_whenRedacted_thenItIsUnchanged(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void givenSecretsInCodeAndConfiguration_whenRedacted_thenOnlyTheValuesAreMasked() {
        assertThat(redactor.redact("String password = \"hunter22\";"))
                .isEqualTo("String password = \"[REDACTED:secret]\";");
        assertThat(redactor.redact("{\"api_key\": \"abc123def456\"}"))
                .isEqualTo("{\"api_key\": \"[REDACTED:secret]\"}");
        assertThat(redactor.redact("DB_PASSWORD=Tr0ub4dor&3 token: 9f8e7d6c5b4a"))
                .isEqualTo("DB_PASSWORD=[REDACTED:secret] token: [REDACTED:secret]");
    }

    @Test
    void givenAHostPattern_whenRedacted_thenItAppliesBesideTheDefaults() {
        Redactor custom = PatternRedactor.builder().pattern("customer-id", "\\bCUST-\\d{6}\\b").build();

        assertThat(custom.redact("CUST-123456 sent sk-abcdefghijklmnopqrstuvwx"))
                .isEqualTo("[REDACTED:customer-id] sent [REDACTED:openai-key]");
        assertThat(PatternRedactor.builder().defaultRules(false).pattern("x", "CUST").build().redact("sk-"
                + "abcdefghijklmnopqrstuvwx CUST")).isEqualTo("sk-abcdefghijklmnopqrstuvwx [REDACTED:x]");
    }

    @Test
    void givenARequestWithSecrets_whenRedacted_thenEveryTextIsMaskedAndIdAndFingerprintAreKept() {
        String secret = "sk-proj-4f9Qx7TbZ2vL8mN3pR6sW1yK0aJcXdEe";
        PromptRefinement proposal = new PromptRefinement(Fixtures.TEAM, "content_creator", PromptField.SYSTEM_PROMPT,
                "Use key " + secret + ".", "Never log keys.", "Task TASK-9 printed " + secret, List.of("TASK-9 " + secret));
        ImprovementRequest request = new ImprovementRequest(ImprovementRequest.idFor(proposal), proposal.fingerprint(),
                Fixtures.TEAM, ImprovementRequest.titleFor(proposal), proposal, List.of(Fixtures.finding()),
                Map.of("success_rate", 0.5), List.of(new DiscussionTurn("manager", "We saw " + secret)), Fixtures.NOW);

        ImprovementRequest redacted = redactor.redact(request);

        assertThat(redacted.id()).isEqualTo(request.id());
        assertThat(redacted.fingerprint()).isEqualTo(request.fingerprint());
        assertThat(redacted.toString()).doesNotContain(secret).contains("[REDACTED:openai-key]");
        assertThat(redacted.proposal().diff()).doesNotContain(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "credential wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "the AWS credential wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY is in the vault",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "credential\n  wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    })
    void givenAnAwsSecretAfterAKeywordWithOrWithoutAssignment_whenRedacted_thenItIsMasked(String text) {
        assertThat(redactor.redact(text)).doesNotContain("wJalrXUtnFEMI").contains("[REDACTED:secret]");
    }

    @Test
    void givenAKeywordInCamelCaseOrWithAPrefix_whenAssigned_thenTheValueIsMasked() {
        assertThat(redactor.redact("dbPassword = 'Xk9#mq2LpZ'; AWS_SECRET_ACCESS_KEY=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876"))
                .isEqualTo("dbPassword = '[REDACTED:secret]'; AWS_SECRET_ACCESS_KEY=[REDACTED:secret]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the cache key 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 was evicted",
        "The API key was rotated on 2025-06-10 by the platform team.",
        "int keyLength = 256;",
        "String key = \"user:\" + id;",
        "\"key\": \"customer_email\"",
        "password: ${DB_PASSWORD}",
        "token: <your-token>",
        "monkey = 'Xk9mq2LpZ7'",
        "A session token expires after 3600 seconds.",
    })
    void givenKeywordsNextToHarmlessValues_whenRedacted_thenTheTextIsUnchanged(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void givenAWeakKeyword_whenItsValueLooksGenerated_thenOnlyThatValueIsMasked() {
        assertThat(redactor.redact("key: \"a8Kd93LmQz71Xp\" and key: \"customer_email\""))
                .isEqualTo("key: \"[REDACTED:secret]\" and key: \"customer_email\"");
    }

    @Test
    void givenARuleWithACondition_whenAMatchFailsIt_thenThatMatchIsLeftAlone() {
        Redactor custom = PatternRedactor.builder().defaultRules(false)
                .rule(new RedactionRule("order", java.util.regex.Pattern.compile("ORD-(\\d+)"), 1,
                        match -> match.group(1).length() > 3))
                .build();

        assertThat(custom.redact("ORD-12 and ORD-12345")).isEqualTo("ORD-12 and ORD-[REDACTED:order]");
    }

    @Test
    void givenEveryDefaultRule_whenListed_thenThereAreMoreThanFortyKinds() {
        assertThat(PatternRedactor.defaultRules().stream().map(RedactionRule::name).distinct())
                .hasSizeGreaterThan(40);
    }
}
