package dev.kaizen4j.analysis.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.JsonlConversationSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed evaluation logs are the generator's output, and the held-out half is frozen. */
class EvalDataTest {

    /** SHA-256 of the held-out files as first generated, before the attributor was tuned on the dev half. */
    private static final Map<String, String> HELD_OUT = Map.of(
            "expert-group-heldout-labels.json", "bbaffdd90e639dfe9a47bba578517cbc8489c35161457212c78a3eb8cfd645ac",
            "expert-group-heldout.jsonl", "b813d7ca5d879c4214c56deae931a529d7eebd5d436fcce4a9d0aab27b3df0be",
            "orchestrator-heldout-labels.json", "aa6f221c6ac60f11585f0436ae14753a43cfb89b02f5ce27a823aacde077e3b6",
            "orchestrator-heldout.jsonl", "4473e983c5b6a1f9abb45c45c3b287eaff63f62384b72645bb8aa0eeb462d957",
            "planner-executor-heldout-labels.json", "539f1d3e3b92c8fc83aa13485a746ebee5db951dfc34f8a92a39adc2c62815c6",
            "planner-executor-heldout.jsonl", "5e0926050240f249a7e249e8a203e52dd82dfe9ecc77e9e57e5fe7c9fb25ad2d",
            "support-heldout-labels.json", "5bede37a5a8dddc7e5eb0e72aae1cad8b928e751d6ae73c06987791b69e3792e",
            "support-heldout.jsonl", "e225a8450817ab5ab3bc9b273a2079ef4a640c4148959883ea51f14f5bdfa40e");

    static Path dir() {
        try {
            return Path.of(EvalDataTest.class.getResource("/analysis/eval").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void heldOutFilesAreUnchangedSinceTheyWereFrozen() throws Exception {
        for (Map.Entry<String, String> file : HELD_OUT.entrySet()) {
            byte[] bytes = Files.readAllBytes(dir().resolve(file.getKey()));
            assertThat(sha256(bytes)).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void committedFilesAreWhatTheGeneratorWrites() throws IOException {
        for (EvalLogGenerator.Generated generated : EvalLogGenerator.generateAll()) {
            assertThat(Files.readString(dir().resolve(generated.logFile()), StandardCharsets.UTF_8))
                    .as(generated.logFile()).isEqualTo(generated.log());
            assertThat(Files.readString(dir().resolve(generated.labelFile()), StandardCharsets.UTF_8))
                    .as(generated.labelFile()).isEqualTo(generated.labels());
        }
    }

    @Test
    void everyLabelPointsAtABlameableEventOfTheLabelledAgentInAFailedTask() throws IOException {
        for (EvalLogGenerator.Generated generated : EvalLogGenerator.generateAll()) {
            Map<String, Conversation> tasks;
            try (Stream<Conversation> read = JsonlConversationSource.of(dir().resolve(generated.logFile()))
                    .conversations(ConversationQuery.all())) {
                tasks = read.collect(Collectors.toMap(Conversation::taskId, Function.identity()));
            }
            List<TaskLog.Label> labels = generated.labelList();
            assertThat(tasks).hasSize(labels.size());
            for (TaskLog.Label label : labels) {
                Conversation task = tasks.get(label.taskId());
                ConversationEvent event = task.events().get(label.step());
                assertThat(task.outcome().name()).as(label.taskId()).isEqualTo("FAILURE");
                assertThat(event.isBlameable()).as(label.toString()).isTrue();
                assertThat(event.agentName().replaceFirst("\\s*\\(.*\\)\\s*$", "")).as(label.toString())
                        .isEqualTo(label.agent());
            }
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
