package dev.kaizen4j.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.FailureAttribution;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.PlannedImprovement;
import dev.kaizen4j.discussion.Revision;
import dev.kaizen4j.llm.internal.DataBlock;
import dev.kaizen4j.llm.internal.EvidenceBudget;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.proposal.ProposalGenerator;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposals written by an LLM, one call per planned improvement. The model answers with find/replace
 * edits to the agent's current prompt texts and source file rather than whole new texts, so changes
 * stay minimal and an edit that does not apply exactly once is refused (and repaired once) instead of
 * guessed at. Prompt placeholders such as {@code {{brand}}} must survive, and every proposal's
 * rationale must cite evidence of the data (a task id, a finding id or a rate). The agent's source is
 * sent only when it fits in less than half of the call's budget; otherwise only prompts are refined.
 */
public final class LlmProposalGenerator implements ProposalGenerator {

    private static final Logger log = LoggerFactory.getLogger(LlmProposalGenerator.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w.-]+\\s*}}|\\{[\\w.-]+}|\\$\\{[\\w.-]+}");
    private static final Pattern RATE = Pattern.compile("\\d+(?:\\.\\d+)?\\s?%|\\d+ of \\d+");
    private static final double SOURCE_SHARE = 0.45;

    private final LlmAssistant assistant;

    LlmProposalGenerator(LlmAssistant assistant) {
        this.assistant = assistant;
    }

    @Override
    public List<Proposal> generate(EffectivenessReport report, ImprovementPlan plan, TeamSpec team) {
        requireNonNull(report, "report");
        requireNonNull(plan, "plan");
        requireNonNull(team, "team");
        List<Proposal> proposals = new ArrayList<>();
        List<PlannedImprovement> improvements = new ArrayList<>(plan.improvements());
        for (Revision revision : plan.revisions()) {
            // a change sent back with notes is revised even when this cycle's plan does not name its agent
            if (improvements.stream().noneMatch(i -> i.agent().equals(revision.proposal().agent()))) {
                improvements.add(0, new PlannedImprovement(0, revision.proposal().agent(),
                        "address the reviewer's notes on request " + revision.requestId(), List.of(),
                        revision.proposal().evidence()));
            }
        }
        for (PlannedImprovement improvement : improvements.stream().limit(assistant.agentsPerCycle()).toList()) {
            Optional<AgentSpec> agent = team.agent(improvement.agent());
            if (agent.isEmpty()) {
                log.info("No prompts known for {}: describe it in the team spec to receive proposals",
                        improvement.agent());
                continue;
            }
            try {
                List<Revision> revisions = plan.revisions().stream()
                        .filter(r -> r.proposal().agent().equals(improvement.agent())).toList();
                proposals.addAll(propose(report, improvement, team, agent.get(), revisions));
            } catch (LlmCallFailed failed) {
                assistant.error(failed.getMessage());
            }
        }
        return proposals;
    }

    private List<Proposal> propose(EffectivenessReport report, PlannedImprovement improvement, TeamSpec team,
            AgentSpec agent, List<Revision> revisions) throws LlmCallFailed {
        String system = String.format(Locale.ROOT, """
                You are a careful senior engineer improving the agent '%s' of the team '%s'. Write specific, minimal \
                changes that reach the goal the team agreed in its retrospective. Rules:
                1. A prompt refinement edits one of the agent's current prompt texts (system_prompt, role, goal, \
                backstory) with find/replace edits: 'find' is an exact substring that occurs once in the current \
                text, 'replace' is its new text. Change as little as possible and keep every placeholder such as \
                {{brand}} or {audience} exactly as it is.
                2. A code modification edits the agent's source file the same way. It must keep the file compiling \
                and keep public signatures; its category is one of %s. Never add process execution, file deletion, \
                network access, reflection or new dependencies. Propose code changes only when the source file is \
                in the data.
                3. Every proposal has a rationale that cites the evidence it rests on (task ids, finding ids, rates) \
                and lists that evidence.
                4. Propose nothing rather than a speculative change: empty lists are a valid answer.
                5. When the data holds revisions_requested, a human reviewer sent that earlier proposal back with \
                notes: propose its revision, a change of the same text that does what the notes ask (drop what \
                they object to, add what they ask for) and differs from the earlier proposal.

                %s""", agent.name(), team.name(),
                String.join(", ", Arrays.stream(ModificationCategory.values()).map(ModificationCategory::key).toList()),
                LlmAssistant.DATA_RULES);
        JsonSchema schema = schema();
        String frame = "The agent, the goal and the evidence:\n\n\nWrite the proposals.";
        StructuredChat chat = assistant.chat();
        int budget = chat.evidenceBudget(system, schema, frame);
        EvidenceBudget evidence = new EvidenceBudget(chat::estimate, budget);
        evidence.require("agent", EvidenceItems.agentPrompts(agent));
        evidence.require("goal", EvidenceItems.NODES.textNode(improvement.goal()));
        ArrayNode support = evidence.document().arrayNode();
        improvement.evidence().forEach(support::add);
        evidence.require("plan_evidence", support);
        if (!revisions.isEmpty()) {
            ArrayNode requested = evidence.document().arrayNode();
            for (Revision revision : revisions) {
                requested.add(EvidenceItems.NODES.objectNode().put("request_id", revision.requestId())
                        .put("earlier_change", revision.proposal().diff()).put("reviewer", revision.reviewer())
                        .put("notes", revision.notes()));
            }
            evidence.require("revisions_requested", requested);
        }
        Source source = source(team, agent, (int) (budget * SOURCE_SHARE));
        if (source.content() != null) {
            evidence.require("source_file", EvidenceItems.NODES.objectNode().put("path", source.path())
                    .put("content", source.content()));
        } else {
            evidence.require("source_file", EvidenceItems.NODES.textNode(source.note()));
        }
        report.agent(agent.name()).ifPresent(m -> evidence.offer("agent_metrics", EvidenceItems.agentMetrics(m)));
        EvidenceItems.offerAgentEvidence(evidence, report, agent.name(), assistant.cases());
        Set<String> citable = citable(report, improvement);
        String user = "The agent, the goal and the evidence:\n" + DataBlock.render("evidence", evidence.document())
                + "\nWrite the proposals.";
        return chat.ask("proposals:" + agent.name(), system, user, schema,
                answer -> read(answer, team, agent, improvement, source, citable));
    }

    /** One proposal in the answer: what it targets ({@code field} or {@code category}), its edits and why. */
    private static JsonObjectSchema editsSchema(String target, JsonEnumSchema targetSchema, JsonObjectSchema edit) {
        return Schema.object()
                .addProperty(target, targetSchema)
                .addProperty("edits", Schema.arrayOf(edit))
                .addProperty("rationale", Schema.string("why it helps, citing task ids, finding ids, rates"))
                .addProperty("evidence", Schema.strings("the task ids, finding ids and rates it rests on"))
                .required(target, "edits", "rationale", "evidence")
                .build();
    }

    private static JsonSchema schema() {
        JsonObjectSchema edit = Schema.object()
                .addProperty("find", Schema.string("exact text that occurs once in the current text"))
                .addProperty("replace", Schema.string("the new text"))
                .required("find", "replace")
                .build();
        List<String> fields = Arrays.stream(PromptField.values()).map(PromptField::key).toList();
        List<String> categories = Arrays.stream(ModificationCategory.values()).map(ModificationCategory::key).toList();
        return Schema.named("agent_proposals", Schema.object()
                .addProperty("prompt_refinements", Schema.arrayOf(
                        editsSchema("field", Schema.oneOf(fields, "the prompt text to edit"), edit)))
                .addProperty("code_modifications", Schema.arrayOf(
                        editsSchema("category", Schema.oneOf(categories, "the kind of change"), edit)))
                .required("prompt_refinements", "code_modifications")
                .build());
    }

    private static List<Proposal> read(JsonNode answer, TeamSpec team, AgentSpec agent, PlannedImprovement improvement,
            Source source, Set<String> citable) throws InvalidAnswer {
        List<String> problems = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        Set<PromptField> refined = new HashSet<>();
        JsonNode prompts = answer.get("prompt_refinements");
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode item = prompts.get(i);
            String path = "$.prompt_refinements[" + i + "]";
            PromptField field = PromptField.valueOf(item.get("field").asText().toUpperCase(Locale.ROOT));
            if (!refined.add(field)) {
                problems.add(path + ".field: " + field.key() + " is refined twice; put all its edits in one refinement");
                continue;
            }
            String current = agent.prompt(field);
            Optional<String> proposed = apply(current, item.get("edits"), path, problems);
            if (proposed.isEmpty()) {
                continue;
            }
            Set<String> lost = new LinkedHashSet<>(placeholders(current));
            lost.removeAll(placeholders(proposed.get()));
            if (!lost.isEmpty()) {
                problems.add(path + ".edits: the placeholders " + lost + " must be kept");
            }
            List<String> evidence = evidence(item, improvement, citable, path, problems);
            if (lost.isEmpty() && evidence != null) {
                proposals.add(new PromptRefinement(team.name(), agent.name(), field, current, proposed.get(),
                        item.get("rationale").asText().strip(), evidence));
            }
        }
        JsonNode code = answer.get("code_modifications");
        for (int i = 0; i < code.size(); i++) {
            JsonNode item = code.get(i);
            String path = "$.code_modifications[" + i + "]";
            if (source.content() == null) {
                problems.add(path + ": no source file was given, so no code modification can be proposed");
                continue;
            }
            if (i > 0) {
                problems.add(path + ": put all edits to the source file in one code modification");
                continue;
            }
            Optional<String> proposed = apply(source.content(), item.get("edits"), path, problems);
            List<String> evidence = evidence(item, improvement, citable, path, problems);
            if (proposed.isPresent() && evidence != null) {
                ModificationCategory category = ModificationCategory.parse(item.get("category").asText()).orElseThrow();
                proposals.add(new CodeModification(team.name(), agent.name(), source.path(), source.content(),
                        proposed.get(), item.get("rationale").asText().strip(), category, evidence));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAnswer(problems);
        }
        return proposals;
    }

    /** Applies the edits in order; each must match exactly once in the text as edited so far. */
    private static Optional<String> apply(String current, JsonNode edits, String path, List<String> problems) {
        if (edits.isEmpty()) {
            problems.add(path + ".edits: at least one edit is needed");
            return Optional.empty();
        }
        String text = current;
        int before = problems.size();
        for (int i = 0; i < edits.size(); i++) {
            String find = edits.get(i).get("find").asText();
            String replace = edits.get(i).get("replace").asText();
            int at = find.isEmpty() ? -1 : text.indexOf(find);
            if (at < 0) {
                problems.add(path + ".edits[" + i + "].find: not found in the current text: '" + shorten(find) + "'");
            } else if (text.indexOf(find, at + 1) >= 0) {
                problems.add(path + ".edits[" + i + "].find: occurs more than once; quote more context: '"
                        + shorten(find) + "'");
            } else {
                text = text.substring(0, at) + replace + text.substring(at + find.length());
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        if (text.equals(current)) {
            problems.add(path + ".edits: the edits change nothing");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static @Nullable List<String> evidence(JsonNode item, PlannedImprovement improvement, Set<String> citable,
            String path, List<String> problems) {
        String rationale = item.get("rationale").asText().strip();
        List<String> cited = LlmFacilitator.texts(item.get("evidence"));
        if (rationale.isEmpty()) {
            problems.add(path + ".rationale: must not be empty");
            return null;
        }
        String all = rationale + "\n" + String.join("\n", cited);
        boolean grounded = RATE.matcher(all).find() || citable.stream().anyMatch(all::contains);
        if (cited.isEmpty() || !grounded) {
            problems.add(path + ": the rationale and evidence must cite a task id, finding id or rate from the data");
            return null;
        }
        Set<String> evidence = new LinkedHashSet<>(improvement.findingIds());
        evidence.addAll(cited);
        return List.copyOf(evidence);
    }

    private static Set<String> citable(EffectivenessReport report, PlannedImprovement improvement) {
        Set<String> ids = new HashSet<>(improvement.findingIds());
        for (Finding finding : report.findings()) {
            ids.add(finding.id());
            finding.evidence().stream().map(Evidence::taskId).forEach(ids::add);
        }
        report.attributions().stream().map(FailureAttribution::taskId).forEach(ids::add);
        ids.removeIf(String::isBlank);
        return ids;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private Source source(TeamSpec team, AgentSpec agent, int tokens) {
        Optional<Path> path = team.sourcePath(agent.name());
        if (path.isEmpty() || agent.sourceFile() == null) {
            return new Source(agent.name(), null, "not available: the team spec names no source file");
        }
        if (!Files.isRegularFile(path.get())) {
            return new Source(agent.sourceFile(), null, "not available: " + agent.sourceFile() + " does not exist");
        }
        try {
            String content = Files.readString(path.get(), StandardCharsets.UTF_8);
            if (assistant.chat().estimate(content) > tokens) {
                return new Source(agent.sourceFile(), null, "not available: " + agent.sourceFile()
                        + " is larger than the token budget allows; refine prompts only");
            }
            return new Source(agent.sourceFile(), content, "");
        } catch (IOException unreadable) {
            log.warn("Cannot read {}: {}", path.get(), unreadable.toString());
            return new Source(agent.sourceFile(), null, "not available: " + agent.sourceFile() + " cannot be read");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    private record Source(String path, @Nullable String content, String note) {}
}
