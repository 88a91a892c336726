package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The marketing-team example shipped inside the runner: team spec, agent sources and a week of
 * logs. The runner copies it to a directory so that it reads like any team's files.
 */
final class BundledExample {

    static final String RESOURCE_ROOT = "examples/marketing-team";

    private BundledExample() {}

    /** Copies the example into {@code directory} (overwriting earlier copies) and returns it. */
    static Path extractTo(Path directory) {
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
            Files.createDirectories(destination.getParent());
            try (InputStream in = Files.newInputStream(file)) {
                Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
