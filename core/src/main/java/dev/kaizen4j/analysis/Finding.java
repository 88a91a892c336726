package dev.kaizen4j.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Something the analysis found, with how often it happened and where.
 *
 * @param id a stable identifier, for example {@code check:seo-keywords} or {@code tool-errors:web_search}
 * @param kind the detector that produced it, for example {@code check} or {@code tool-errors}
 * @param title one readable line with the rate, for example "web_search failed in 41% of calls (37 of 90)"
 * @param severity how much it matters
 * @param agents the agents it concerns
 * @param count how many cases showed the problem
 * @param total how many cases could have shown it
 * @param evidence representative cases
 */
public record Finding(
        String id,
        String kind,
        String title,
        Severity severity,
        List<String> agents,
        int count,
        int total,
        List<Evidence> evidence) {

    public Finding {
        requireNonNull(id, "id");
        requireNonNull(kind, "kind");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        agents = List.copyOf(agents);
        evidence = List.copyOf(evidence);
        if (count < 0 || total < count) {
            throw new IllegalArgumentException("count must be within [0, total]: " + count + " of " + total);
        }
    }

    /** {@code count / total}, or 0 when there were no cases. */
    public double rate() {
        return total == 0 ? 0 : (double) count / total;
    }

    public boolean concerns(String agent) {
        return agents.contains(agent);
    }
}
