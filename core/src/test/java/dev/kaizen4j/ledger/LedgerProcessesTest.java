package dev.kaizen4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs claiming the same fingerprints in one ledger file at the same moment. */
class LedgerProcessesTest {

    private static final int PROCESSES = 4;
    private static final int FINGERPRINTS = 25;

    @TempDir
    Path directory;

    @Test
    void givenFourProcesses_whenTheyClaimTheSameFingerprintsAtOnce_thenEachIsClaimedByExactlyOne() throws Exception {
        Path file = directory.resolve("state/ledger.jsonl");
        Path go = directory.resolve("go");
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LedgerClaimer.class.getName(), file.toString(),
                    String.valueOf(FINGERPRINTS), go.toString())
                    .redirectError(directory.resolve("err-" + i + ".txt").toFile())
                    .start();
            processes.add(process);
            outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader output : outputs) {
            assertThat(output.readLine()).isEqualTo("ready");
        }
        Files.createFile(go);

        List<String> claims = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            outputs.get(i).lines().forEach(claims::add);
            assertThat(processes.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
            Path errors = directory.resolve("err-" + i + ".txt");
            assertThat(processes.get(i).exitValue()).as(() -> "claimer " + errors).isZero();
        }

        assertThat(claims).hasSize(FINGERPRINTS).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(file)).hasSize(FINGERPRINTS);
        assertThat(new FileImprovementLedger(file).records()).hasSize(FINGERPRINTS);
    }
}
