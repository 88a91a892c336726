package dev.kaizen4j.team;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kaizen4j.KaizenException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loads a {@link TeamSpec} from YAML or JSON in the shape agent frameworks use.
 *
 * <pre>{@code
 * name: marketing-team
 * manager: manager
 * agents:
 *   - name: content_creator
 *     role: Content Creator
 *     goal: ...
 *     backstory: ...
 *     system_prompt: ...
 *     tools: [write_draft]
 *     source_file: agents/ContentCreator.java
 *     parameters: {temperature: 0.7}
 * checks:
 *   - name: seo-keywords
 *     description: content tasks mention the target keyword
 *     agent: content_creator
 *     task_type: content
 *     deliverable_mentions: target_keyword
 * }</pre>
 *
 * <p>{@code agents} may also be a map keyed by agent name, as in CrewAI's {@code agents.yaml}. Keys
 * are accepted in snake_case or camelCase. Every problem is reported as a
 * {@link KaizenException} naming the file, the line and the offending key.
 */
public final class TeamSpecLoader {

    private static final JsonFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private TeamSpecLoader() {}

    /** Loads the spec in {@code file}; {@code .json} files are read as JSON, anything else as YAML. */
    public static TeamSpec load(Path file) {
        requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            Path base = file.toAbsolutePath().getParent();
            return parse(in, file.toString(), isJson(file), base);
        } catch (NoSuchFileException missing) {
            throw KaizenException.invalidInput("team spec not found: " + file);
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot read team spec " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Parses a spec from a stream.
     *
     * @param in the YAML or JSON text
     * @param origin a name for the text in error messages, usually its file name
     * @param json whether the text is JSON rather than YAML
     * @param baseDirectory the directory agent source files are relative to, or null
     */
    public static TeamSpec parse(InputStream in, String origin, boolean json, @Nullable Path baseDirectory) {
        Located root;
        try (JsonParser parser = (json ? JSON : YAML).createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw KaizenException.invalidInput("team spec " + origin + " is empty");
            }
            root = read(parser);
        } catch (JsonProcessingException syntax) {
            int line = syntax.getLocation() == null ? -1 : syntax.getLocation().getLineNr();
            throw KaizenException.invalidInput(
                    "team spec " + origin + " line " + line + ": not valid " + (json ? "JSON" : "YAML") + ": "
                            + syntax.getOriginalMessage(),
                    syntax);
        } catch (IOException unreadable) {
            throw KaizenException.invalidInput("cannot read team spec " + origin + ": " + unreadable.getMessage(), unreadable);
        }
        return new SpecReader(origin, baseDirectory).team(root);
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A parsed value with the line it started on, so that later checks can name the line. */
    private record Located(@Nullable Object value, int line) {}

    private static Located read(JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Located> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, read(parser));
                }
                return new Located(map, line);
            }
            case START_ARRAY -> {
                List<Located> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return new Located(list, line);
            }
            case VALUE_STRING -> {
                return new Located(parser.getText(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Located(parser.getNumberValue(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Located(parser.getBooleanValue(), line);
            }
            default -> {
                return new Located(null, line);
            }
        }
    }

    /** Turns the located tree into a spec, naming file, line and key for every problem. */
    private static final class SpecReader {
        private final String origin;
        private final @Nullable Path baseDirectory;

        SpecReader(String origin, @Nullable Path baseDirectory) {
            this.origin = origin;
            this.baseDirectory = baseDirectory;
        }

        TeamSpec team(Located root) {
            Map<String, Located> fields = object(root, "the team spec");
            String name = requiredText(fields, root, "name", "name", "team", "team_name", "teamName");
            String description = optionalText(fields, "description", "description");
            String manager = optionalText(fields, "manager", "manager");
            List<AgentSpec> agents = agents(fields, root);
            Set<String> agentNames = new HashSet<>();
            agents.forEach(agent -> agentNames.add(agent.name()));
            if (manager != null && !agentNames.contains(manager)) {
                throw error(lineOf(fields, root, "manager"), "manager '" + manager + "' is not one of the agents " + agentNames);
            }
            List<TaskCheckSpec> checks = checks(fields, agentNames);
            return new TeamSpec(name, description, manager, agents, checks, baseDirectory);
        }

        private List<AgentSpec> agents(Map<String, Located> fields, Located root) {
            Located agents = fields.get("agents");
            if (agents == null || agents.value() == null) {
                throw error(root.line(), "'agents' is missing: a team spec lists at least one agent");
            }
            List<AgentSpec> result = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            if (agents.value() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Located entry = (Located) list.get(i);
                    AgentSpec agent = agent(object(entry, "agents[" + i + "]"), entry, null, "agents[" + i + "]");
                    addUnique(result, seen, agent, entry.line());
                }
            } else if (agents.value() instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> named : map.entrySet()) {
                    Located entry = (Located) named.getValue();
                    String key = (String) named.getKey();
                    AgentSpec agent = agent(object(entry, "agents." + key), entry, key, "agents." + key);
                    addUnique(result, seen, agent, entry.line());
                }
            } else {
                throw error(agents.line(), "'agents' must be a list or a map of agents");
            }
            if (result.isEmpty()) {
                throw error(agents.line(), "'agents' is empty: a team spec lists at least one agent");
            }
            return result;
        }

        private void addUnique(List<AgentSpec> agents, Set<String> seen, AgentSpec agent, int line) {
            if (!seen.add(agent.name())) {
                throw error(line, "agent '" + agent.name() + "' is listed twice");
            }
            agents.add(agent);
        }

        private AgentSpec agent(Map<String, Located> fields, Located at, @Nullable String key, String path) {
            String name = key != null && !fields.containsKey("name")
                    ? key
                    : requiredText(fields, at, path + ".name", "name");
            return new AgentSpec(
                    name,
                    optionalText(fields, path + ".role", "role"),
                    optionalText(fields, path + ".goal", "goal"),
                    optionalText(fields, path + ".backstory", "backstory"),
                    optionalText(fields, path + ".system_prompt", "system_prompt", "systemPrompt", "prompt"),
                    textList(fields, path + ".tools", "tools"),
                    optionalText(fields, path + ".source_file", "source_file", "sourceFile", "source"),
                    parameters(fields, path + ".parameters"));
        }

        private List<TaskCheckSpec> checks(Map<String, Located> fields, Set<String> agentNames) {
            Located checks = fields.get("checks");
            if (checks == null || checks.value() == null) {
                return List.of();
            }
            if (!(checks.value() instanceof List<?> list)) {
                throw error(checks.line(), "'checks' must be a list");
            }
            List<TaskCheckSpec> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Located entry = (Located) list.get(i);
                String path = "checks[" + i + "]";
                Map<String, Located> check = object(entry, path);
                String agent = requiredText(check, entry, path + ".agent", "agent");
                if (!agentNames.contains(agent)) {
                    throw error(lineOf(check, entry, "agent"), path + ".agent '" + agent + "' is not one of the agents " + agentNames);
                }
                result.add(new TaskCheckSpec(
                        requiredText(check, entry, path + ".name", "name"),
                        optionalText(check, path + ".description", "description"),
                        agent,
                        optionalText(check, path + ".task_type", "task_type", "taskType"),
                        requiredText(check, entry, path + ".deliverable_mentions", "deliverable_mentions", "deliverableMentions")));
            }
            return result;
        }

        private Map<String, Object> parameters(Map<String, Located> fields, String path) {
            Located parameters = fields.get("parameters");
            if (parameters == null || parameters.value() == null) {
                return Map.of();
            }
            return plainMap(object(parameters, path));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> plainMap(Map<String, Located> located) {
            Map<String, Object> plain = new LinkedHashMap<>();
            located.forEach((key, value) -> {
                Object v = value.value();
                if (v instanceof Map<?, ?> nested) {
                    v = plainMap((Map<String, Located>) nested);
                } else if (v instanceof List<?> list) {
                    v = list.stream().map(item -> ((Located) item).value()).toList();
                }
                if (v != null) {
                    plain.put(key, v);
                }
            });
            return plain;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Located> object(Located located, String what) {
            if (located.value() instanceof Map<?, ?> map) {
                return (Map<String, Located>) map;
            }
            throw error(located.line(), what + " must be an object with named fields");
        }

        private String requiredText(Map<String, Located> fields, Located owner, String path, String... keys) {
            String value = optionalText(fields, path, keys);
            if (value == null || value.isBlank()) {
                throw error(owner.line(), "'" + path + "' is missing");
            }
            return value;
        }

        private @Nullable String optionalText(Map<String, Located> fields, String path, String... keys) {
            for (String key : keys) {
                Located value = fields.get(key);
                if (value == null || value.value() == null) {
                    continue;
                }
                if (value.value() instanceof String || value.value() instanceof Number || value.value() instanceof Boolean) {
                    return value.value().toString();
                }
                throw error(value.line(), "'" + path + "' must be text");
            }
            return null;
        }

        private List<String> textList(Map<String, Located> fields, String path, String key) {
            Located value = fields.get(key);
            if (value == null || value.value() == null) {
                return List.of();
            }
            if (!(value.value() instanceof List<?> list)) {
                throw error(value.line(), "'" + path + "' must be a list");
            }
            List<String> texts = new ArrayList<>();
            for (Object item : list) {
                Located entry = (Located) item;
                if (!(entry.value() instanceof String text)) {
                    throw error(entry.line(), "'" + path + "' must hold only text");
                }
                texts.add(text);
            }
            return texts;
        }

        private static int lineOf(Map<String, Located> fields, Located owner, String key) {
            Located value = fields.get(key);
            return value == null ? owner.line() : value.line();
        }

        private KaizenException error(int line, String message) {
            return KaizenException.invalidInput("team spec " + origin + " line " + line + ": " + message);
        }
    }
}
