package dev.kaizen4j.analysis.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the detectors saw in one task, keyed by finding id ({@code kind:subject}): how many cases
 * could have shown a problem and, for those that did, how many and where.
 */
public final class TaskFindings {

    /** One case of a problem. */
    public record Occurrence(String kind, String agent, int count, int step, String excerpt) {}

    /** One chance for a problem. */
    public record Exposure(String kind, String agent, int count) {}

    /** Ids by kind, then agent: the same few ids are asked for in every task. */
    private static final Map<String, Map<String, String>> IDS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_IDS = 16_384;
    private static final AtomicInteger CACHED_IDS = new AtomicInteger();

    private final Map<String, Exposure> exposures = new LinkedHashMap<>();
    private final Map<String, Occurrence> occurrences = new LinkedHashMap<>();

    /** Records a case that could have shown the problem; {@code perTask} counts it once per task. */
    public void expose(String kind, String agent, boolean perTask) {
        String id = id(kind, agent);
        Exposure previous = exposures.get(id);
        if (previous == null) {
            exposures.put(id, new Exposure(kind, agent, 1));
        } else if (!perTask) {
            exposures.put(id, new Exposure(kind, agent, previous.count() + 1));
        }
    }

    /** Records a case that showed it; the first step is kept as evidence. */
    public void occur(String kind, String agent, int step, String excerpt, boolean perTask) {
        String id = id(kind, agent);
        expose(kind, agent, true);
        Occurrence previous = occurrences.get(id);
        if (previous == null) {
            occurrences.put(id, new Occurrence(kind, agent, 1, step, excerpt));
        } else if (!perTask) {
            occurrences.put(id, new Occurrence(kind, agent, previous.count() + 1, previous.step(), previous.excerpt()));
        }
    }

    private static String id(String kind, String agent) {
        Map<String, String> byAgent = IDS.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
        String id = byAgent.get(agent);
        if (id == null) {
            id = kind + ':' + agent;
            if (CACHED_IDS.get() < MAX_CACHED_IDS) {
                byAgent.put(agent, id);
                CACHED_IDS.incrementAndGet();
            }
        }
        return id;
    }

    public Map<String, Exposure> exposures() {
        return exposures;
    }

    public Map<String, Occurrence> occurrences() {
        return occurrences;
    }
}
