package dev.kaizen4j.notifier.supabase.internal;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.validation.PassedValidation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The row of {@code team_improvement_requests} that Kaizen4j writes for one improvement request, in
 * the table's column names. Every transport writes the same values.
 *
 * @param requestId column {@code request_id}: the request's id
 * @param fingerprint column {@code fingerprint}: the proposal's fingerprint, unique in the table
 * @param teamName column {@code team_name}
 * @param requestType column {@code request_type}: {@code prompt} or {@code code}
 * @param agentName column {@code agent_name}
 * @param currentState column {@code current_state} (a JSON object): {@code {"field", "prompt"}} for a
 *     prompt, {@code {"path", "code"}} for code
 * @param proposedState column {@code proposed_state}, shaped as {@code currentState}
 * @param rationale column {@code rationale}
 * @param effectivenessMetrics column {@code effectiveness_metrics} (a JSON object): the team metrics
 *     that motivated the request
 * @param title column {@code title}
 * @param category column {@code category}: the modification category of code, the prompt field of a prompt
 * @param diff column {@code diff}: the change as a unified diff
 */
public record QueueRow(
        String requestId,
        String fingerprint,
        String teamName,
        String requestType,
        String agentName,
        Map<String, String> currentState,
        Map<String, String> proposedState,
        String rationale,
        Map<String, Double> effectivenessMetrics,
        String title,
        @Nullable String category,
        String diff) {

    /** {@code request_type} of a prompt change. */
    public static final String PROMPT = "prompt";
    /** {@code request_type} of a code change. */
    public static final String CODE = "code";

    public QueueRow {
        requireNonNull(requestId, "requestId");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(teamName, "teamName");
        requireNonNull(requestType, "requestType");
        if (!Set.of(PROMPT, CODE).contains(requestType)) {
            throw new IllegalArgumentException("request_type must be 'prompt' or 'code', was '" + requestType + "'");
        }
        requireNonNull(agentName, "agentName");
        currentState = Map.copyOf(requireNonNull(currentState, "currentState"));
        proposedState = Map.copyOf(requireNonNull(proposedState, "proposedState"));
        requireNonNull(rationale, "rationale");
        effectivenessMetrics = effectivenessMetrics == null ? Map.of() : Map.copyOf(effectivenessMetrics);
        requireNonNull(title, "title");
        requireNonNull(diff, "diff");
    }

    /** The {@code validation} column: which validator the change passed and what it checks. */
    public Map<String, Object> validation() {
        PassedValidation passed = CODE.equals(requestType) ? PassedValidation.SAFE_CODE : PassedValidation.PROMPT;
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("passed", true);
        validation.put("validator", passed.validator());
        validation.put("checks", passed.checks());
        return validation;
    }

    /** The row for {@code request}. */
    public static QueueRow of(ImprovementRequest request) {
        requireNonNull(request, "request");
        Proposal proposal = request.proposal();
        if (proposal instanceof PromptRefinement prompt) {
            String field = prompt.field().key();
            return new QueueRow(request.id(), request.fingerprint(), request.team(), PROMPT, prompt.agent(),
                    promptState(field, prompt.current()), promptState(field, prompt.proposed()), prompt.rationale(),
                    request.metrics(), request.title(), field, prompt.diff());
        }
        CodeModification code = (CodeModification) proposal;
        return new QueueRow(request.id(), request.fingerprint(), request.team(), CODE, code.agent(),
                codeState(code.file(), code.currentCode()), codeState(code.file(), code.proposedCode()),
                code.rationale(), request.metrics(), request.title(), code.category().key(), code.diff());
    }

    private static Map<String, String> promptState(String field, String prompt) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("field", field);
        state.put("prompt", prompt);
        return state;
    }

    private static Map<String, String> codeState(String path, String code) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("path", path);
        state.put("code", code);
        return state;
    }
}
