package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The marketing-team example shipped inside the runner: team spec, agent sources and a week of
 * logs. The runner copies it to a directory so that it reads like any team's files.
 *
 * <p>Extraction is safe while other threads or runner processes extract to or read the same
 * directory: each file is written to a temporary file and moved into place atomically, and only
 * when its content differs, so a reader sees a whole file, old or new, never a missing or half one.
 */
final class BundledExample {

    static final String RESOURCE_ROOT = "examples/marketing-team";

    private BundledExample() {}

    /** Copies the example into {@code directory} (overwriting earlier copies) and returns it. */
    static synchronized Path extractTo(Path directory) {
        URL root = BundledExample.class.getClassLoader().getResource(RESOURCE_ROOT + "/team.yaml");
        if (root == null) {
            throw new IllegalStateException("the bundled example is missing from the classpath");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                copyFromJar(uri, directory);
            } else {
                copyTree(Path.of(uri).getParent(), directory);
            }
        } catch (IOException | URISyntaxException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot copy the bundled example to " + directory + ": " + failure.getMessage(), failure);
        }
        return directory;
    }

    private static void copyFromJar(URI uri, Path directory) throws IOException {
        FileSystem jar;
        boolean openedHere;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            openedHere = true;
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            jar = FileSystems.getFileSystem(uri);
            openedHere = false;
        }
        try {
            copyTree(jar.getPath("/" + RESOURCE_ROOT), directory);
        } finally {
            if (openedHere) {
                jar.close();
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path destination = target.resolve(source.relativize(file).toString());
            String content = Files.readString(file, StandardCharsets.UTF_8);
            boolean current = Files.isRegularFile(destination)
                    && content.equals(Files.readString(destination, StandardCharsets.UTF_8));
            if (!current) {
                AtomicFiles.write(destination, content);
            }
        }
    }
}
