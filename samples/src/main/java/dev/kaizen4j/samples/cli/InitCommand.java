package dev.kaizen4j.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.model.Conversation;
import dev.kaizen4j.model.ConversationEvent;
import dev.kaizen4j.model.MessageType;
import dev.kaizen4j.source.ConversationQuery;
import dev.kaizen4j.source.ConversationSource;
import dev.kaizen4j.team.TeamSpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kaizen4j init}: a team spec skeleton from the agents, tools and hand-offs seen in the logs. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a team spec skeleton from the logs: the team, its agents with the tools they called and"
                + " the agents they handed work to, and a guess at the manager.",
                "System prompts are taken from the logs where they carry them (OpenTelemetry gen_ai.system_instructions,"
                        + " langchain4j recordings); the others are left empty under a FILL IN comment: proposals"
                        + " need them."})
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--logs", paramLabel = "PATH",
            description = "The log file or directory; required unless --format postgres.")
    @Nullable Path logs;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The log format: jsonl, otlp or ag2. Default: told from the content."
                    + " postgres reads the team_conversations table of the configured database instead of --logs.")
    @Nullable String format;

    @Option(names = "--team", paramLabel = "NAME",
            description = "The team to describe. Default: the team of the first task.")
    @Nullable String team;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the spec. Default: team.yaml.")
    Path out = Path.of("team.yaml");

    @Option(names = "--force", description = "Overwrite the file if it exists.")
    boolean force;

    @Mixin
    StateOptions state = new StateOptions();

    /** What the logs show of one agent. */
    private static final class Seen {
        final Set<String> tools = new LinkedHashSet<>();
        final Set<String> handsOffTo = new LinkedHashSet<>();
        long messages;
        long delegations;
        @Nullable String systemPrompt;
    }

    @Override
    public Integer call() {
        PrintWriter output = spec.commandLine().getOut();
        if (Files.exists(out) && !force) {
            throw KaizenException.invalidInput(out + " exists: pass --force to overwrite it, or --out another file");
        }
        RunnerContext context = RunnerContext.of(root, state);
        SourceOptions options = new SourceOptions();
        options.format = format;
        RunnerContext.Logs read = context.logs(options, logs, team, true);
        ConversationSource source = read.source();
        String teamName = team != null ? team : RunnerContext.firstTeam(source, read.location());
        Map<String, Seen> agents = new LinkedHashMap<>();
        AtomicLong tasks = new AtomicLong();
        AtomicLong problems = new AtomicLong();
        try (Stream<Conversation> conversations = source.conversations(ConversationQuery.team(teamName),
                problem -> problems.incrementAndGet())) {
            conversations.forEach(task -> {
                tasks.incrementAndGet();
                task.events().forEach(event -> observe(event, agents));
            });
        }
        agents.values().removeIf(seen -> !isAgentSeen(seen));
        if (agents.isEmpty()) {
            throw KaizenException.invalidInput("no agent of team " + teamName + " found in " + read.location());
        }
        String manager = agents.entrySet().stream()
                .filter(entry -> entry.getValue().delegations > 0)
                .max((a, b) -> Long.compare(a.getValue().delegations, b.getValue().delegations))
                .map(Map.Entry::getKey)
                .orElse(null);
        String yaml = yaml(teamName, manager, agents, tasks.get());
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, yaml);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write " + out + ": " + unwritable.getMessage(), unwritable);
        }
        TeamSpecLoader.load(out);
        long missing = agents.values().stream().filter(seen -> seen.systemPrompt == null).count();
        output.println("Wrote " + out + ": team " + teamName + ", " + agents.size() + " agent(s) seen in "
                + tasks.get() + " task(s) (" + read.format() + " logs)"
                + (problems.get() > 0 ? "; " + problems.get() + " unreadable input(s) skipped" : "") + ".");
        if (missing > 0) {
            output.println(missing + " system prompt(s) were not in the logs: fill in the lines marked FILL IN, then run"
                    + "\n  kaizen4j run " + read.arguments() + " --team-spec " + out);
        } else {
            output.println("Run a cycle with: kaizen4j run " + read.arguments() + " --team-spec " + out);
        }
        output.flush();
        return 0;
    }

    private static void observe(ConversationEvent event, Map<String, Seen> agents) {
        if (event.type() == MessageType.TOOL_RESULT) {
            agents.computeIfAbsent(event.agentName(), name -> new Seen()).messages -= 1_000_000;
            return;
        }
        if (!event.isBlameable()) {
            instructions(event).ifPresent(prompt -> {
                if (event.toAgent() != null) {
                    Seen target = agents.computeIfAbsent(event.toAgent(), name -> new Seen());
                    if (target.systemPrompt == null) {
                        target.systemPrompt = prompt;
                    }
                }
            });
            return;
        }
        Seen seen = agents.computeIfAbsent(event.agentName(), name -> new Seen());
        seen.messages++;
        if (event.type() == MessageType.TOOL_CALL) {
            event.tool().ifPresent(seen.tools::add);
        }
        String to = event.toAgent();
        boolean handOff = event.type() == MessageType.DELEGATION || event.type() == MessageType.TASK_ASSIGNMENT;
        if (handOff && to != null && !to.equals(event.agentName()) && !ConversationEvent.NON_AGENT_SPEAKERS.contains(to)) {
            seen.handsOffTo.add(to);
            seen.delegations++;
        }
        Optional<String> prompt = instructions(event);
        if (prompt.isPresent()) {
            String target = event.toAgent() != null && (event.type() == MessageType.DELEGATION
                    || event.type() == MessageType.TASK_ASSIGNMENT) ? event.toAgent() : event.agentName();
            Seen addressee = agents.computeIfAbsent(target, name -> new Seen());
            if (addressee.systemPrompt == null) {
                addressee.systemPrompt = prompt.get();
            }
        }
    }

    private static Optional<String> instructions(ConversationEvent event) {
        return event.metadataString("system_instructions").or(() -> event.metadataString("system_prompt"))
                .filter(text -> !text.isBlank());
    }

    /** Tool speakers are marked by a large negative count: only speakers that wrote as agents remain. */
    private static boolean isAgentSeen(Seen seen) {
        return seen.messages > 0;
    }

    private static String yaml(String team, @Nullable String manager, Map<String, Seen> agents, long tasks) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Team spec written by kaizen4j init from ").append(tasks).append(" task(s).\n");
        yaml.append("# Check every value; fill in the lines marked FILL IN (proposals need the agents' current prompts).\n");
        yaml.append("name: ").append(quote(team)).append('\n');
        yaml.append("description: \"\"  # FILL IN: what the team does\n");
        if (manager != null) {
            yaml.append("manager: ").append(quote(manager)).append("  # guessed: the agent that handed out most work\n");
        }
        yaml.append("agents:\n");
        agents.forEach((name, seen) -> {
            yaml.append("  - name: ").append(quote(name)).append('\n');
            yaml.append("    role: \"\"  # FILL IN\n");
            yaml.append("    goal: \"\"  # FILL IN\n");
            if (seen.systemPrompt != null) {
                yaml.append("    # from the logs\n");
                yaml.append("    system_prompt: ").append(block(seen.systemPrompt, "      ")).append('\n');
            } else {
                yaml.append("    # FILL IN: the current system prompt of ").append(name)
                        .append(" (no prompt refinement is proposed while it is empty)\n");
                yaml.append("    system_prompt: \"\"\n");
            }
            yaml.append("    tools: [");
            yaml.append(String.join(", ", seen.tools.stream().map(InitCommand::quote).toList()));
            yaml.append("]\n");
            if (!seen.handsOffTo.isEmpty()) {
                yaml.append("    # hands work to: ").append(String.join(", ", seen.handsOffTo)).append('\n');
            }
        });
        return yaml.toString();
    }

    /** A YAML literal block for multi-line text, else a double-quoted scalar. */
    private static String block(String text, String indent) {
        if (!text.contains("\n") || text.startsWith(" ") || text.startsWith("\t")) {
            return quote(text);
        }
        StringBuilder block = new StringBuilder("|-\n");
        text.strip().lines().forEach(line -> block.append(line.isBlank() ? "" : indent + line).append('\n'));
        block.setLength(block.length() - 1);
        return block.toString();
    }

    /** A JSON string is a valid YAML double-quoted scalar. */
    private static String quote(String text) {
        try {
            return Json.plain().writeValueAsString(text);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
