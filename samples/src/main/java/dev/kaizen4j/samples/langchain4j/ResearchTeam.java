package dev.kaizen4j.samples.langchain4j;

import dev.kaizen4j.model.TaskOutcome;
import dev.kaizen4j.recorder.JsonlConversationSink;
import dev.kaizen4j.recorder.Langchain4jRecorder;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.agentic.scope.ResultWithAgenticScope;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A two-agent langchain4j team (a researcher with a web search tool, then a writer) run as an agentic
 * sequence on {@link ScriptedChatModel}, offline, with a {@link Langchain4jRecorder} writing its conversation
 * as Kaizen4j JSON Lines. The host checks each article and marks the task's outcome.
 *
 * <pre>{@code
 * java -cp samples/target/kaizen4j.jar dev.kaizen4j.samples.langchain4j.ResearchTeam /tmp/research-logs
 * java -jar samples/target/kaizen4j.jar run --logs /tmp/research-logs --team-spec <the printed spec>
 * }</pre>
 */
public final class ResearchTeam {

    /** The team name in the recorded logs. */
    public static final String TEAM = "research-team";
    static final String RESEARCHER_PROMPT = "You are the researcher. Find current facts with web_search and cite"
            + " every figure with its source.";
    static final String WRITER_PROMPT = "You are the writer. Write a short article from the researcher's facts.";

    /** The researcher agent. */
    public interface Researcher {
        @SystemMessage(RESEARCHER_PROMPT)
        @UserMessage("Research the topic: {{topic}}")
        @Agent(name = "researcher", description = "Finds facts about a topic", outputKey = "facts")
        String research(@V("topic") String topic);
    }

    /** The writer agent. */
    public interface Writer {
        @SystemMessage(WRITER_PROMPT)
        @UserMessage("Write about {{topic}} using these facts: {{facts}}")
        @Agent(name = "writer", description = "Writes an article from facts", outputKey = "article")
        String write(@V("topic") String topic, @V("facts") String facts);
    }

    /** The researcher's tool: a search that fails for topics its index does not cover. */
    public static final class SearchTools {
        @Tool("Searches the web and returns the best result")
        public String web_search(String query) {
            if (query.toLowerCase(java.util.Locale.ROOT).contains("quantum")) {
                throw new IllegalStateException("search backend timed out");
            }
            return "Market report 2025: " + query + " grew 18% year over year (source: Example Research).";
        }
    }

    private final UntypedAgent team;
    private final Langchain4jRecorder recorder;

    /** The team recording into {@code recorder}. */
    public ResearchTeam(Langchain4jRecorder recorder) {
        this.recorder = recorder;
        ScriptedChatModel model = new ScriptedChatModel(List.of(recorder.chatModelListener()));
        Researcher researcher = AgenticServices.agentBuilder(Researcher.class)
                .chatModel(model)
                .tools(new SearchTools())
                .build();
        Writer writer = AgenticServices.agentBuilder(Writer.class).chatModel(model).build();
        this.team = AgenticServices.sequenceBuilder()
                .name("research_team")
                .subAgents(researcher, writer)
                .outputKey("article")
                .listener(recorder.agentListener())
                .build();
    }

    /**
     * Runs one task and marks its outcome: success when the article cites a source, failure otherwise.
     *
     * @return the article
     */
    public String run(String topic) {
        ResultWithAgenticScope<String> result = team.invokeWithAgenticScope(Map.of("topic", topic));
        String article = result.result();
        boolean cited = article.contains("source:");
        recorder.markOutcome(result.agenticScope(), cited ? TaskOutcome.SUCCESS : TaskOutcome.FAILURE,
                cited ? "Article cites its sources" : "Article has no sourced figure");
        return article;
    }

    /** Runs a week of topics and records them in the directory given as the first argument. */
    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "research-logs");
        try (Langchain4jRecorder recorder = Langchain4jRecorder.create(TEAM,
                JsonlConversationSink.builder(directory).prefix(TEAM).build(), Clock.systemUTC())) {
            ResearchTeam team = new ResearchTeam(recorder);
            for (String topic : TOPICS) {
                team.run(topic);
            }
        }
        System.out.println("Recorded " + TOPICS.size() + " tasks of " + TEAM + " in " + directory);
    }

    /** The topics the example runs: the search fails for the quantum ones. */
    public static final List<String> TOPICS = List.of("heat pumps", "quantum sensors", "e-bikes", "quantum networking",
            "solar roofs", "battery recycling");
}
