package dev.kaizen4j.review;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.AtomicFiles;
import dev.kaizen4j.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default back-channel: each request becomes {@code <id>.json} (the request) and
 * {@code <id>.md} (rationale, evidence and diff for humans) in a directory; a reviewer decides by
 * writing {@code <id>.decision.json}, normally through {@link #decide} or {@code kaizen4j review}.
 */
public final class FileBackChannel implements BackChannel {

    private static final Logger log = LoggerFactory.getLogger(FileBackChannel.class);
    private static final String REQUEST = ".json";
    private static final String DECISION = ".decision.json";

    private final Path directory;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    /**
     * @param directory where requests and decisions are kept; created when needed
     * @param clock the clock decisions are dated with
     */
    public FileBackChannel(Path directory, Clock clock) {
        this.directory = requireNonNull(directory, "directory");
        this.clock = requireNonNull(clock, "clock");
    }

    public FileBackChannel(Path directory) {
        this(directory, Clock.systemUTC());
    }

    @Override
    public String name() {
        return "file";
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Submission submit(ImprovementRequest request) {
        requireNonNull(request, "request");
        Path requestFile = directory.resolve(request.id() + REQUEST);
        Path markdownFile = directory.resolve(request.id() + ".md");
        try {
            if (Files.exists(requestFile)) {
                ImprovementRequest existing = json.readValue(requestFile.toFile(), ImprovementRequest.class);
                if (existing.fingerprint().equals(request.fingerprint())) {
                    return Submission.submitted(name(), request.id(), requestFile.getFileName().toString(),
                            markdownFile.toString());
                }
                return Submission.failed(name(), request.id(), "another request already uses the id " + request.id()
                        + " in " + directory, false);
            }
            Files.createDirectories(directory);
            AtomicFiles.write(markdownFile, "# " + request.title() + "\n\n" + RequestMarkdown.render(request));
            AtomicFiles.write(requestFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(request));
            return Submission.submitted(name(), request.id(), requestFile.getFileName().toString(), markdownFile.toString());
        } catch (IOException | RuntimeException failure) {
            log.warn("Could not write request {} to {}: {}", request.id(), directory, failure.toString());
            return Submission.failed(name(), request.id(), "cannot write to " + directory + ": " + failure.getMessage(), true);
        }
    }

    @Override
    public Optional<ReviewDecision> decisionFor(Submission submission) {
        try {
            return decisionIn(submission);
        } catch (KaizenException unreadable) {
            log.warn("Ignoring a decision file: {}", unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Reads every decision file; a file that is not a decision is unread, named with what is wrong in it. */
    @Override
    public DecisionRead readDecisions(Collection<Submission> submissions) {
        return DecisionRead.each(submissions, this::decisionIn);
    }

    private Optional<ReviewDecision> decisionIn(Submission submission) {
        Path decisionFile = directory.resolve(submission.requestId() + DECISION);
        if (!Files.exists(decisionFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(decisionFile.toFile(), ReviewDecision.class));
        } catch (IOException | RuntimeException unreadable) {
            throw KaizenException.invalidInput("unreadable decision file " + decisionFile + ": "
                    + describe(unreadable), unreadable);
        }
    }

    /** What is wrong in a decision file, with the line and column Jackson found it at. */
    private static String describe(Exception unreadable) {
        if (unreadable instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return json.getOriginalMessage() + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return String.valueOf(unreadable.getMessage());
    }

    /**
     * Appends the new status to the request's Markdown file, under a "Status" heading, so that a
     * reviewer reading it sees each step (published, merged, closed unmerged). A failure is logged.
     */
    @Override
    public void statusChanged(Submission submission, RequestStatus status, String note) {
        Path markdownFile = directory.resolve(submission.requestId() + ".md");
        if (!isSafeId(submission.requestId()) || !Files.exists(markdownFile)) {
            return;
        }
        try {
            String markdown = Files.readString(markdownFile, StandardCharsets.UTF_8);
            String line = "- " + clock.instant() + " **" + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + "**" + (note == null || note.isBlank() ? "" : ": " + note.replace('\n', ' ')) + "\n";
            String heading = "\n## Status\n\n";
            AtomicFiles.write(markdownFile, markdown.contains(heading) ? markdown + line
                    : markdown.stripTrailing() + "\n" + heading + line);
        } catch (IOException | RuntimeException failure) {
            log.warn("Could not record status {} of {} in {}: {}", status, submission.requestId(), markdownFile,
                    failure.toString());
        }
    }

    /** The requests held in the directory, oldest first. */
    public List<ImprovementRequest> requests() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ImprovementRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(FileBackChannel::isRequestFile).sorted().toList()) {
                requests.add(json.readValue(file.toFile(), ImprovementRequest.class));
            }
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot read requests in " + directory + ": " + unreadable.getMessage(),
                    unreadable);
        }
        requests.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return requests;
    }

    /** The request with this id, if the directory holds it. */
    public Optional<ImprovementRequest> request(String requestId) {
        Path file = directory.resolve(requestId + REQUEST);
        if (!isSafeId(requestId) || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), ImprovementRequest.class));
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot read request " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Records a reviewer's decision on a request held in the directory.
     *
     * @throws KaizenException if no such request exists
     */
    public ReviewDecision decide(String requestId, Verdict verdict, String reviewer, String notes) {
        requireNonNull(verdict, "verdict");
        if (request(requestId).isEmpty()) {
            throw KaizenException.invalidInput("no request '" + requestId + "' in " + directory);
        }
        ReviewDecision decision = new ReviewDecision(verdict, reviewer, notes, clock.instant());
        try {
            AtomicFiles.write(directory.resolve(requestId + DECISION),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(decision));
        } catch (IOException failure) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "cannot write the decision on " + requestId + " to " + directory + ": " + failure.getMessage(), failure);
        }
        return decision;
    }

    private static boolean isRequestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(REQUEST) && !name.endsWith(DECISION);
    }

    private static boolean isSafeId(String id) {
        return !id.isEmpty() && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                && !id.contains("..");
    }
}
