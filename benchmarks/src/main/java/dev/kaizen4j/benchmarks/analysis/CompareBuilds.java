package dev.kaizen4j.benchmarks.analysis;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Times the full analysis of one log by two builds of the project, alternating them round by round in one JVM
 * (see {@link Alternation}): the way to tell whether a change made the analysis faster on a machine whose speed
 * drifts more than the change. Each build is loaded from its own class path, usually the benchmarks jar of a
 * checkout of the revision to compare with, and runs its own {@code AnalysisBenchmark.analyze}:
 *
 * <pre>
 * git worktree add /tmp/kaizen4j-before REV
 * (cd /tmp/kaizen4j-before &amp;&amp; mvn -q -pl benchmarks -am package -DskipTests)
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.kaizen4j.benchmarks.analysis.CompareBuilds \
 *     /tmp/kaizen4j-before/benchmarks/target/benchmarks.jar benchmarks/target/benchmarks.jar /tmp/kaizen4j-200m.jsonl 16
 * </pre>
 *
 * Arguments: the class path of the first build and of the second, the log (generated when missing, 200 MB), the
 * rounds per build (the first three are warm-up and not counted). Both builds share the heap, one analysis at a
 * time. Prints each build's mean and least wall time and mean CPU time, and the second's mean over the first's.
 */
public final class CompareBuilds {

    private static final int WARM_UP = 3;

    private CompareBuilds() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: CompareBuilds <first build's class path> <second build's class path> <log> <rounds>");
        }
        Path file = Path.of(args[2]);
        List<Alternation.Contender> builds = new ArrayList<>();
        builds.add(new Alternation.Contender("first (" + args[0] + ")", analysis(args[0], file)));
        builds.add(new Alternation.Contender("second (" + args[1] + ")", analysis(args[1], file)));
        if (!Files.exists(file)) {
            LogGenerator.generate(file, 200L << 20, 42);
        }
        List<Alternation.Timing> timings = Alternation.run(builds, Integer.parseInt(args[3]), WARM_UP);
        timings.forEach(timing -> System.out.println(timing.describe()));
        if (timings.size() == 2) {
            System.out.printf(Locale.ROOT, "second / first: mean wall time %.3f, mean cpu %.3f%n",
                    timings.get(1).meanSeconds() / timings.get(0).meanSeconds(),
                    timings.get(1).meanCpuSeconds() / timings.get(0).meanCpuSeconds());
        }
    }

    /** The analysis of {@code file} by the build on {@code classPath}, loaded apart from this one's classes. */
    private static Callable<Object> analysis(String classPath, Path file) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such class path entry: " + entry);
            }
            urls.add(url(path));
        }
        ClassLoader build = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Method analyze = build.loadClass(AnalysisBenchmark.class.getName()).getDeclaredMethod("analyze", Path.class);
        analyze.setAccessible(true);
        return () -> {
            try {
                return analyze.invoke(null, file);
            } catch (InvocationTargetException failed) {
                throw failed.getCause() instanceof Exception cause ? cause : failed;
            }
        };
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalArgumentException(path.toString(), impossible);
        }
    }
}
