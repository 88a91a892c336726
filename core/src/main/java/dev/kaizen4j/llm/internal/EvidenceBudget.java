package dev.kaizen4j.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.ToIntFunction;

/**
 * Fills a JSON evidence document within a token budget. Callers offer items most informative first;
 * an item that does not fit is left out and smaller ones after it may still fit, so the budget is
 * spent on the best evidence rather than on the last lines of a log.
 */
public final class EvidenceBudget {

    private final ObjectNode document = JsonNodeFactory.instance.objectNode();
    private final ToIntFunction<String> estimator;
    private final int budget;
    private int used;
    private int leftOut;

    /**
     * @param estimator estimates the tokens of a text
     * @param budget the tokens the document may take
     */
    public EvidenceBudget(ToIntFunction<String> estimator, int budget) {
        this.estimator = estimator;
        this.budget = budget;
        this.used = 2;
    }

    /** Sets a field whatever its size, for what the prompt cannot do without; counts against the budget. */
    public void require(String field, JsonNode value) {
        document.set(field, value);
        used += cost(field, value);
    }

    /** Sets a field if it fits. */
    public boolean offer(String field, JsonNode value) {
        int cost = cost(field, value);
        if (used + cost > budget) {
            leftOut++;
            return false;
        }
        document.set(field, value);
        used += cost;
        return true;
    }

    /** Appends an item to the array {@code field} if it fits. */
    public boolean offerItem(String field, JsonNode item) {
        boolean exists = document.has(field);
        int cost = estimator.applyAsInt(DataBlock.json(item)) + 1 + (exists ? 0 : estimator.applyAsInt(field) + 4);
        if (used + cost > budget) {
            leftOut++;
            return false;
        }
        ArrayNode array = exists ? (ArrayNode) document.get(field) : document.putArray(field);
        array.add(item);
        used += cost;
        return true;
    }

    /** The tokens spent so far, estimated. */
    public int used() {
        return used;
    }

    /** How many offers did not fit. */
    public int leftOut() {
        return leftOut;
    }

    public ObjectNode document() {
        return document;
    }

    private int cost(String field, JsonNode value) {
        return estimator.applyAsInt(field) + 4 + estimator.applyAsInt(DataBlock.json(value));
    }
}
