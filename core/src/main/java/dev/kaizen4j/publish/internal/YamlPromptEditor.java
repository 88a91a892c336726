package dev.kaizen4j.publish.internal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.team.PromptField;
import java.io.StringReader;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Replaces one prompt field of one agent in a team spec's YAML (or JSON) text, leaving every other
 * byte of the file as it was (comments, order, quoting). Agents may be a list of mappings with
 * {@code name} or a mapping keyed by agent name, as {@code TeamSpecLoader} reads them. In block
 * mappings several lines become a literal block; in flow mappings and JSON, a double-quoted string.
 */
public final class YamlPromptEditor {

    /** What the edit found. */
    public enum Outcome {
        /** The field held the expected text and now holds the proposed one. */
        CHANGED,
        /** The field already held the proposed text; nothing to change. */
        ALREADY_APPLIED
    }

    /**
     * The result of an edit.
     *
     * @param outcome whether anything changed
     * @param text the new file text
     */
    public record Edit(Outcome outcome, String text) {}

    private YamlPromptEditor() {}

    /**
     * Replaces {@code field} of {@code agent} in {@code yaml}.
     *
     * @param origin the file's name, for messages
     * @param expected the text the field must hold now (the proposal's current text)
     * @param proposed the text it is to hold
     * @throws KaizenException if the agent or field cannot be found, or the field holds neither text
     */
    public static Edit replace(String yaml, String origin, String agent, PromptField field, String expected,
            String proposed) {
        requireNonNull(yaml, "yaml");
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (YAMLException invalid) {
            throw KaizenException.invalidInput(origin + " is not valid YAML: " + invalid.getMessage(), invalid);
        }
        if (!(root instanceof MappingNode team)) {
            throw KaizenException.invalidInput(origin + " is not a team spec: its top level is not a mapping");
        }
        Node agents = value(team, "agents");
        MappingNode agentNode = agents == null ? null : findAgent(agents, agent);
        if (agentNode == null) {
            throw KaizenException.invalidInput(origin + " has no agent '" + agent + "'");
        }
        // JSON, and YAML written {like: this}: only a double-quoted string, valid in both, fits there
        boolean flow = agentNode.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
        NodeTuple tuple = null;
        for (String key : keys(field)) {
            tuple = tuple(agentNode, key);
            if (tuple != null) {
                break;
            }
        }
        if (tuple == null) {
            if (!normalize(expected).isEmpty()) {
                throw mismatch(origin, agent, field, "has no " + field.key());
            }
            if (flow) {
                throw KaizenException.invalidInput(origin + ": agent '" + agent + "' has no " + field.key()
                        + " and is written in flow style or JSON; add the field by hand first");
            }
            return new Edit(Outcome.CHANGED, insert(yaml, agentNode, field.key(), proposed));
        }
        if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
            throw KaizenException.invalidInput(origin + ": " + agent + "." + field.key() + " is not text");
        }
        String current = scalar.getValue();
        if (normalize(current).equals(normalize(proposed))) {
            return new Edit(Outcome.ALREADY_APPLIED, yaml);
        }
        if (!normalize(current).equals(normalize(expected))) {
            throw mismatch(origin, agent, field, "holds other text than the proposal was made from");
        }
        int start = offset(yaml, scalar.getStartMark().getIndex());
        int end = offset(yaml, scalar.getEndMark().getIndex());
        while (end > start && Character.isWhitespace(yaml.charAt(end - 1))) {
            end--; // block scalars end after their line breaks; keep those in the file
        }
        int indent = ((ScalarNode) tuple.getKeyNode()).getStartMark().getColumn();
        String replaced = yaml.substring(0, start) + (flow ? quoted(proposed) : scalar(proposed, indent))
                + yaml.substring(end);
        return new Edit(Outcome.CHANGED, replaced);
    }

    private static KaizenException mismatch(String origin, String agent, PromptField field, String what) {
        return KaizenException.invalidInput(origin + ": " + agent + "." + field.key() + " " + what
                + "; it changed since the proposal, so it is not overwritten. Run the cycle again to propose"
                + " against the current text");
    }

    private static String insert(String yaml, MappingNode agent, String key, String proposed) {
        Node firstKey = agent.getValue().get(0).getKeyNode();
        int at = offset(yaml, firstKey.getStartMark().getIndex());
        int indent = firstKey.getStartMark().getColumn();
        return yaml.substring(0, at) + key + ": " + scalar(proposed, indent) + "\n" + " ".repeat(indent)
                + yaml.substring(at);
    }

    /** The YAML for {@code value} as the value of a key at column {@code indent}, without a final line break. */
    static String scalar(String value, int indent) {
        String body = value;
        int trailing = 0;
        while (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
            trailing++;
        }
        if (!body.contains("\n") && trailing == 0 || body.isEmpty() || !literalSafe(body)) {
            return quoted(value);
        }
        String chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        String indicator = body.startsWith(" ") || body.startsWith("\t") ? "2" : "";
        StringBuilder out = new StringBuilder("|").append(indicator).append(chomping);
        String pad = " ".repeat(indent + 2);
        for (String line : body.split("\n", -1)) {
            out.append('\n');
            if (!line.isEmpty()) {
                out.append(pad).append(line);
            }
        }
        out.append("\n".repeat(Math.max(0, trailing - 1)));
        return out.toString();
    }

    private static boolean literalSafe(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f || c == '\uFEFF')) {
                return false;
            }
        }
        // a first line of only spaces would confuse indentation detection
        return !body.split("\n", -1)[0].isBlank();
    }

    /** A double-quoted scalar that is also a valid JSON string. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static @Nullable MappingNode findAgent(Node agents, String name) {
        if (agents instanceof SequenceNode list) {
            for (Node entry : list.getValue()) {
                if (entry instanceof MappingNode agent && value(agent, "name") instanceof ScalarNode n
                        && n.getValue().equals(name)) {
                    return agent;
                }
            }
        } else if (agents instanceof MappingNode map) {
            for (NodeTuple entry : map.getValue()) {
                if (entry.getValueNode() instanceof MappingNode agent) {
                    String named = value(agent, "name") instanceof ScalarNode n ? n.getValue()
                            : entry.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
                    if (name.equals(named)) {
                        return agent;
                    }
                }
            }
        }
        return null;
    }

    private static @Nullable Node value(MappingNode mapping, String key) {
        NodeTuple tuple = tuple(mapping, key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static @Nullable NodeTuple tuple(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple;
            }
        }
        return null;
    }

    private static List<String> keys(PromptField field) {
        return switch (field) {
            case SYSTEM_PROMPT -> List.of("system_prompt", "systemPrompt", "prompt");
            case ROLE -> List.of("role");
            case GOAL -> List.of("goal");
            case BACKSTORY -> List.of("backstory");
        };
    }

    /** Code points to chars: SnakeYAML counts code points. */
    private static int offset(String text, int codePoints) {
        return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
