package dev.kaizen4j.verify.internal;

import dev.kaizen4j.analysis.internal.TaskView;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.team.TeamSpec;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The per-task measurements of one arm, accumulated as tasks stream past: memory does not grow with
 * the number of tasks. Not thread-safe.
 */
public final class ArmTally {

    private long tasks;
    private long withoutOutcome;
    private final Moments success = new Moments();
    private final Moments errorsPerEvent = new Moments();
    private final Moments toolErrorsPerResult = new Moments();
    private final Moments duration = new Moments();
    private final Moments tokens = new Moments();

    /** Adds one task; {@code speakers} caches which speaker names are tools, shared across tasks. */
    public void add(Conversation task, Map<String, Boolean> speakers) {
        tasks++;
        boolean hasOutcome = task.outcome() != TaskOutcome.UNKNOWN;
        if (hasOutcome) {
            success.add(task.outcome().isCompleted() ? 1 : 0);
            // An unfinished task has no duration yet: only tasks with an outcome are timed.
            duration.add(task.durationSeconds());
        } else {
            withoutOutcome++;
        }
        TaskView view = new TaskView(task, TeamSpec.named(task.teamName()), speakers);
        long errors = 0;
        long results = 0;
        long failedResults = 0;
        long tokenSum = 0;
        boolean loggedTokens = false;
        for (int step = 0; step < view.size(); step++) {
            ConversationEvent event = view.event(step);
            boolean error = event.isError();
            if (view.isToolResult(step)) {
                results++;
                if (view.isToolFailure(step)) {
                    failedResults++;
                    error = true;
                }
            }
            if (error) {
                errors++;
            }
            OptionalLong logged = event.tokens();
            if (logged.isPresent()) {
                loggedTokens = true;
                tokenSum += logged.getAsLong();
            }
        }
        errorsPerEvent.add(errors, view.size());
        toolErrorsPerResult.add(failedResults, results);
        if (loggedTokens) {
            tokens.add(tokenSum);
        }
    }

    public long tasks() {
        return tasks;
    }

    public long withoutOutcome() {
        return withoutOutcome;
    }

    /** Success (1) or not (0) of the tasks with an outcome. */
    public Moments success() {
        return success;
    }

    /** (error events, events) per task. */
    public Moments errorsPerEvent() {
        return errorsPerEvent;
    }

    /** (failed tool results, tool results) per task. */
    public Moments toolErrorsPerResult() {
        return toolErrorsPerResult;
    }

    /** Duration in seconds of the tasks with an outcome. */
    public Moments duration() {
        return duration;
    }

    /** Summed {@code metadata.tokens} of the tasks that logged tokens. */
    public Moments tokens() {
        return tokens;
    }
}
