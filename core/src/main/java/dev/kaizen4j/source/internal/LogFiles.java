package dev.kaizen4j.source.internal;

import dev.kaizen4j.KaizenException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Lists the log files under a path and opens them, decompressing {@code .gz} files. */
public final class LogFiles {

    private LogFiles() {}

    /**
     * The files at {@code path}: the file itself, or every file under the directory whose name ends with
     * one of {@code suffixes} (or that suffix plus {@code .gz}), in path order.
     *
     * @throws KaizenException if the path does not exist or holds no such file
     */
    public static List<Path> list(Path path, List<String> suffixes) {
        if (!Files.exists(path)) {
            throw KaizenException.invalidInput("log path not found: " + path);
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(file -> matches(file, suffixes)).sorted().toList();
            if (files.isEmpty()) {
                throw KaizenException.invalidInput("no " + String.join(", ", suffixes) + " file (or .gz of one) under "
                        + path);
            }
            return files;
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot list log directory " + path + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    static boolean matches(Path file, List<String> suffixes) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The total size of {@code files} on disk, for progress reports; 0 for files that cannot be sized. */
    public static long totalBytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException unsized) {
                // Progress is an estimate; reading reports the real problem.
            }
        }
        return total;
    }

    /**
     * Opens {@code file}, decompressing it when its name ends with {@code .gz}; {@code progress} receives
     * the count of bytes read from disk as reading advances.
     */
    public static InputStream open(Path file, LongConsumer progress) throws IOException {
        InputStream in = new Counting(Files.newInputStream(file), progress);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;

        Counting(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                progress.accept(read);
            }
            return read;
        }
    }
}
