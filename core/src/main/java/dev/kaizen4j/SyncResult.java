package dev.kaizen4j;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one {@link DecisionSync} run did.
 *
 * @param updates the decisions picked up and what followed from them, and the merges or unmerged closes of
 *     changes published earlier
 * @param errors the requests whose decision could not be read from their back-channel
 *     ({@link CycleError.Kind#DECISION}); they stay submitted, and the next sync asks again
 */
public record SyncResult(List<DecisionUpdate> updates, List<CycleError> errors) {

    public SyncResult {
        updates = List.copyOf(requireNonNull(updates, "updates"));
        errors = List.copyOf(requireNonNull(errors, "errors"));
    }

    /** Whether every decision asked for could be read. */
    public boolean complete() {
        return errors.isEmpty();
    }
}
