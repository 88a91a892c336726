package dev.kaizen4j.llm;

import dev.kaizen4j.llm.internal.TaskSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tasks the analyzer sampled in this cycle, for the discussion and the proposals to quote. */
final class CaseFiles {

    private final Map<String, TaskSample> failures;
    private final List<TaskSample> successes;

    CaseFiles(List<TaskSample> failures, List<TaskSample> successes) {
        this.failures = new LinkedHashMap<>();
        failures.forEach(task -> this.failures.put(task.taskId(), task));
        this.successes = List.copyOf(successes);
    }

    static CaseFiles empty() {
        return new CaseFiles(List.of(), List.of());
    }

    Optional<TaskSample> task(String taskId) {
        return Optional.ofNullable(failures.get(taskId));
    }

    List<TaskSample> successes() {
        return successes;
    }
}
