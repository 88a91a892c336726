package dev.kaizen4j.source;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives the problems a {@link ConversationSource} meets while reading. */
@FunctionalInterface
public interface SourceProblemListener {

    void problem(SourceProblem problem);

    /** A listener that logs each problem as a warning. */
    static SourceProblemListener logging() {
        Logger log = LoggerFactory.getLogger(ConversationSource.class);
        return problem -> log.warn("Skipped input: {}", problem);
    }

    /** A listener that adds each problem to {@code sink}. */
    static SourceProblemListener collectingInto(List<SourceProblem> sink) {
        return sink::add;
    }
}
