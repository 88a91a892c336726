package dev.kaizen4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaizen4j.internal.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's copy of the bundled example, extracted while other runs extract and read it. */
class BundledExampleTest {

    @TempDir
    Path directory;

    @Test
    void givenExtractionsAndReadersAtOnce_thenEveryExtractionSucceedsAndReadersAlwaysSeeWholeFiles() throws Exception {
        Path example = directory.resolve("example");
        String teamSpec = Files.readString(BundledExample.extractTo(example).resolve("team.yaml"));
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers * 2);
        ExecutorService pool = Executors.newFixedThreadPool(workers * 2);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                tasks.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int round = 0; round < 20; round++) {
                        AtomicFiles.write(example.resolve("team.yaml"), teamSpec + "# edited\n");
                        BundledExample.extractTo(example);
                    }
                    return null;
                }));
                tasks.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int round = 0; round < 200; round++) {
                        assertThat(Files.readString(example.resolve("team.yaml"))).startsWith(teamSpec);
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(example.resolve("team.yaml")).hasContent(teamSpec);
        try (Stream<Path> files = Files.list(example)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
