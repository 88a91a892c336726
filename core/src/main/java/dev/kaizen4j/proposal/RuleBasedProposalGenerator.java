package dev.kaizen4j.proposal;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.analysis.Severity;
import dev.kaizen4j.discussion.ImprovementPlan;
import dev.kaizen4j.discussion.PlannedImprovement;
import dev.kaizen4j.discussion.Revision;
import dev.kaizen4j.proposal.internal.ReviewerNotes;
import dev.kaizen4j.team.AgentSpec;
import dev.kaizen4j.team.PromptField;
import dev.kaizen4j.team.TeamSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline proposal generator. For each planned improvement it writes:
 * <ul>
 *   <li>a {@link PromptRefinement} of the agent's system prompt that appends one instruction per
 *       finding about the agent (a missed check, a tool that keeps failing, repeated messages, ignored
 *       input, premature termination, missing or incorrect verification, derailment, a conversation
 *       reset, a role violation, slow hand-offs), under a
 *       "Lessons from past tasks" heading; the rates and task ids go into the rationale, not the prompt,
 *       so the same lesson keeps the same fingerprint from one cycle to the next;</li>
 *   <li>a {@link CodeModification} ({@link ModificationCategory#ADJUST_PARAMETERS}) when a tool the
 *       agent calls keeps failing and the agent's source declares a retry limit below
 *       {@value #RETRIES_TO_PROPOSE} (a field named like {@code MAX_RETRIES} or {@code maxSearchRetries}).</li>
 * </ul>
 *
 * <p>A change a reviewer sent back with "needs work" ({@link ImprovementPlan#revisions()}) is proposed
 * again only as a revision that follows the notes: "drop the lesson about retries" removes the lesson
 * sharing the most words with "retries" (or "drop lesson 2" the second), "add: ..." and imperative
 * notes ("Cite the source of every keyword") become lessons; for a retry limit, a number in the notes
 * ("use 3 retries") is the value proposed. Notes it cannot act on yield no revision, never a copy.
 */
public final class RuleBasedProposalGenerator implements ProposalGenerator {

    static final int RETRIES_TO_PROPOSE = 2;
    static final String LESSONS_HEADING = "Lessons from past tasks:";

    private static final Logger log = LoggerFactory.getLogger(RuleBasedProposalGenerator.class);
    private static final Pattern RETRY_FIELD = Pattern.compile("(?i)max_?\\w*_?retr(y|ies)|\\w*retr(y|ies)_?(limit|count|max)?");

    @Override
    public List<Proposal> generate(EffectivenessReport report, ImprovementPlan plan, TeamSpec team) {
        requireNonNull(report, "report");
        requireNonNull(plan, "plan");
        requireNonNull(team, "team");
        List<Proposal> proposals = new ArrayList<>();
        for (PlannedImprovement improvement : plan.improvements()) {
            List<Finding> findings = report.findings().stream()
                    .filter(finding -> improvement.findingIds().contains(finding.id()))
                    .toList();
            promptRefinement(team, improvement, findings, report).ifPresent(proposals::add);
            for (Finding finding : findings) {
                if (finding.kind().equals("tool-errors")) {
                    retryLimitChange(team, improvement.agent(), finding, RETRIES_TO_PROPOSE, false).ifPresent(proposals::add);
                }
            }
        }
        // A change a reviewer sent back is proposed again only as its revision.
        proposals.removeIf(proposal -> plan.revisions().stream().anyMatch(r -> r.revisedBy(proposal)));
        for (Revision revision : plan.revisions()) {
            revise(team, revision, report).ifPresent(proposals::add);
        }
        return proposals;
    }

    private Optional<Proposal> revise(TeamSpec team, Revision revision, EffectivenessReport report) {
        ReviewerNotes notes = ReviewerNotes.parse(revision.notes());
        String header = "Revises " + revision.requestId() + " after " + revision.reviewer() + " asked for more work: \""
                + revision.notes().strip() + "\". ";
        if (revision.proposal() instanceof PromptRefinement earlier) {
            String current = team.agentOrNamed(earlier.agent()).prompt(earlier.field());
            List<String> lessons = new ArrayList<>(addedLessons(earlier));
            ReviewerNotes.Outcome outcome = notes.applyTo(lessons);
            lessons.removeIf(current::contains);
            if (!outcome.changedAnything() || lessons.isEmpty() && !outcome.dropped().isEmpty()
                    && outcome.added().isEmpty()) {
                log.info("Reviewer notes on {} ask for no change this generator can make ({}); nothing revised",
                        revision.requestId(), outcome.describe());
                return Optional.empty();
            }
            String proposed = withLessons(current, lessons);
            if (proposed.equals(current)) {
                return Optional.empty();
            }
            return Optional.of(new PromptRefinement(team.name(), earlier.agent(), earlier.field(), current, proposed,
                    header + outcome.describe() + " " + earlier.rationale(), earlier.evidence()));
        }
        CodeModification earlier = (CodeModification) revision.proposal();
        OptionalInt retries = notes.number();
        if (retries.isEmpty() || retries.getAsInt() < 0) {
            log.info("Reviewer notes on {} name no retry limit to use; nothing revised", revision.requestId());
            return Optional.empty();
        }
        Finding finding = report.findings().stream().filter(f -> earlier.evidence().contains(f.id())).findFirst()
                .orElseGet(() -> new Finding(earlier.evidence().isEmpty() ? "tool-errors:unknown" : earlier.evidence().get(0),
                        "tool-errors", earlier.rationale(), Severity.MEDIUM,
                        List.of(earlier.agent()), 0, 0, List.of()));
        return retryLimitChange(team, earlier.agent(), finding, retries.getAsInt(), true)
                .map(code -> (CodeModification) code)
                .map(code -> new CodeModification(code.team(), code.agent(), code.file(), code.currentCode(),
                        code.proposedCode(), header + "Uses " + retries.getAsInt() + " as asked. " + code.rationale(),
                        code.category(), code.evidence()));
    }

    /** The lessons an earlier refinement added to its prompt. */
    private static List<String> addedLessons(PromptRefinement earlier) {
        List<String> lessons = new ArrayList<>();
        for (String line : earlier.proposed().split("\\R")) {
            if (line.startsWith("- ") && !earlier.current().contains(line)) {
                lessons.add(line.substring(2).strip());
            }
        }
        return lessons;
    }

    private static String withLessons(String current, Collection<String> lessons) {
        if (lessons.isEmpty()) {
            return current;
        }
        StringBuilder proposed = new StringBuilder(current.stripTrailing());
        if (!current.contains(LESSONS_HEADING)) {
            proposed.append("\n\n").append(LESSONS_HEADING);
        }
        lessons.forEach(lesson -> proposed.append("\n- ").append(lesson));
        if (current.endsWith("\n")) {
            proposed.append('\n');
        }
        return proposed.toString();
    }

    private Optional<Proposal> promptRefinement(
            TeamSpec team, PlannedImprovement improvement, List<Finding> findings, EffectivenessReport report) {
        AgentSpec agent = team.agentOrNamed(improvement.agent());
        String current = agent.systemPrompt();
        if (current.isBlank()) {
            log.info("No system prompt known for {}: describe it in the team spec to receive prompt refinements",
                    agent.name());
            return Optional.empty();
        }
        Set<String> lessons = new LinkedHashSet<>();
        for (Finding finding : findings) {
            lesson(finding).ifPresent(lessons::add);
        }
        if (lessons.isEmpty() && !report.attributionsTo(agent.name()).isEmpty()) {
            String escalateTo = agent.name().equals(team.manager()) ? "the requester" : "the manager";
            lessons.add("Before you report a task as done, check your output against every requirement of the"
                    + " task and tell " + escalateTo + " about anything you could not do.");
        }
        lessons.removeIf(current::contains);
        if (lessons.isEmpty()) {
            return Optional.empty();
        }
        String rationale = rationale(agent.name(), findings, report);
        return Optional.of(new PromptRefinement(team.name(), agent.name(), PromptField.SYSTEM_PROMPT, current,
                withLessons(current, lessons), rationale, improvement.evidence()));
    }

    private static Optional<String> lesson(Finding finding) {
        String subject = finding.id().substring(finding.id().indexOf(':') + 1);
        return switch (finding.kind()) {
            case "check" -> Optional.of("Meet this team requirement in every applicable task: "
                    + requirement(finding) + ". Check your final output for it before you hand it in.");
            case "tool-errors" -> Optional.of("When the " + subject + " tool fails, retry once with a narrower or"
                    + " rephrased request; if it fails again, say so explicitly, continue with what you have,"
                    + " and tell the manager what is missing instead of giving up.");
            case "repetition" -> Optional.of("Do not send the same message twice in a task; if you are stuck,"
                    + " say what blocks you and ask the manager for direction.");
            case "ignored-input" -> Optional.of("When another agent asks you something, challenges your work or"
                    + " gives feedback, answer it explicitly and act on it, or say why not, before you go on.");
            case "premature-termination" -> Optional.of("Do not close a task while a question is unanswered or"
                    + " right after a failed tool result; resolve it first, or say what is still missing.");
            case "missing-verification" -> Optional.of("Before you close a task, check the final deliverable"
                    + " against every requirement of the task and say what you checked.");
            case "incorrect-verification" -> Optional.of("Approve work only when it meets every requirement of"
                    + " the task; when one is missing, ask for a fix instead of approving with follow-ups.");
            case "derailment" -> Optional.of("Stay on the task you were given; raise anything else briefly and"
                    + " return to the task.");
            case "conversation-reset" -> Optional.of("Do not restart a task from scratch; build on the work and"
                    + " decisions already in the conversation.");
            case "role-violation" -> Optional.of("Stay within your role and your tools; hand work outside them to"
                    + " the agent responsible for it.");
            case "slow-handoff" -> Optional.of("Pick up work handed to you promptly; when you cannot start soon,"
                    + " say so, so that the work can be re-planned.");
            default -> Optional.empty();
        };
    }

    private static String requirement(Finding finding) {
        String title = finding.title();
        int open = title.indexOf('\'');
        int close = title.indexOf('\'', open + 1);
        return open >= 0 && close > open ? title.substring(open + 1, close) : title;
    }

    private static String rationale(String agent, List<Finding> findings, EffectivenessReport report) {
        StringBuilder rationale = new StringBuilder();
        for (Finding finding : findings) {
            rationale.append(finding.title());
            if (!finding.evidence().isEmpty()) {
                rationale.append(" (e.g. ").append(String.join(", ",
                        finding.evidence().stream().map(e -> e.taskId()).distinct().limit(3).toList())).append(')');
            }
            rationale.append(". ");
        }
        int failures = report.attributionsTo(agent).size();
        if (failures > 0) {
            rationale.append(String.format(Locale.ROOT, "%d of %d failed tasks were attributed to %s.", failures,
                    report.attributions().size(), agent));
        }
        return rationale.toString().trim();
    }

    private Optional<Proposal> retryLimitChange(TeamSpec team, String agent, Finding finding, int retriesToPropose,
            boolean asked) {
        Optional<Path> source = team.sourcePath(agent);
        if (source.isEmpty() || !Files.isRegularFile(source.get())) {
            return Optional.empty();
        }
        String current;
        try {
            current = Files.readString(source.get(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            log.warn("Cannot read the source of {} at {}: {}", agent, source.get(), unreadable.getMessage());
            return Optional.empty();
        }
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(current);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit unit = LexicalPreservingPrinter.setup(parsed.getResult().get());
        boolean changed = false;
        String changedField = null;
        int previous = 0;
        for (FieldDeclaration field : unit.findAll(FieldDeclaration.class)) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (RETRY_FIELD.matcher(variable.getNameAsString()).matches()
                        && variable.getInitializer().filter(IntegerLiteralExpr.class::isInstance).isPresent()) {
                    IntegerLiteralExpr value = variable.getInitializer().get().asIntegerLiteralExpr();
                    Number number = value.asNumber();
                    if (asked ? number.intValue() != retriesToPropose : number.intValue() < retriesToPropose) {
                        previous = number.intValue();
                        value.setValue(Integer.toString(retriesToPropose));
                        changedField = variable.getNameAsString();
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        String proposed = LexicalPreservingPrinter.print(unit);
        String file = team.agent(agent).map(AgentSpec::sourceFile).orElse(source.get().toString());
        String rationale = finding.title() + ". " + changedField + " is " + previous + ", so one transient failure"
                + " fails the step; allowing " + retriesToPropose + " retries absorbs timeouts and rate limits.";
        return Optional.of(new CodeModification(team.name(), agent, file, current, proposed, rationale,
                ModificationCategory.ADJUST_PARAMETERS, List.of(finding.id())));
    }
}
