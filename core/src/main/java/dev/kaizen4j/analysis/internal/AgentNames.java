package dev.kaizen4j.analysis.internal;

/**
 * Agent names as one agent: loggers annotate a speaker with what it is doing, as in
 * {@code Orchestrator (thought)} or {@code Orchestrator (-> WebSurfer)}, and these are all {@code Orchestrator}.
 */
public final class AgentNames {

    private AgentNames() {}

    /** The name without trailing parenthetical annotations; the name itself when it has none or is only one. */
    public static String base(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        while (end > 0 && name.charAt(end - 1) == ')') {
            int open = name.lastIndexOf('(', end - 1);
            if (open <= 0) {
                break;
            }
            int cut = open;
            while (cut > 0 && name.charAt(cut - 1) == ' ') {
                cut--;
            }
            if (cut == 0) {
                break;
            }
            end = cut;
        }
        return end == name.length() ? name : name.substring(0, end);
    }
}
