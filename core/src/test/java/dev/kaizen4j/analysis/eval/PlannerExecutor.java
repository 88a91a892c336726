package dev.kaizen4j.analysis.eval;

import java.util.Map;

/** A planner that writes a numbered plan and an executor that carries it out with tools. */
final class PlannerExecutor implements TeamStyle {

    private static final String[] MODES = {
        "wrong-plan", "wrong-plan", "executor-deviation", "executor-misread", "tool-error-no-retry", "report-misquote",
        "premature-done"
    };

    @Override
    public String name() {
        return "planner-executor";
    }

    @Override
    public void write(TaskLog log, Wording w) {
        String planner = w.pick("Planner", "PlannerAgent", "Strategist");
        String executor = w.pick("Executor", "ActionAgent", "Operator", "Worker");
        boolean reporterPresent = w.chance(0.4);
        String reporter = reporterPresent ? w.pick("Reporter", "Summarizer") : planner;
        String tool = w.pick("search", "web_lookup", "kb_query");
        Fact fact = Fact.random(w);
        String mode = w.pick(MODES);
        if (mode.equals("report-misquote") && !reporterPresent && w.chance(0.5)) {
            mode = "executor-misread";
        }
        String plannerName = w.chance(0.4) ? planner + w.pick(" (plan)", " (replan)") : planner;

        log.say("user", "task_started", fact.question(), planner);
        boolean wrongPlan = mode.equals("wrong-plan");
        int plan = log.say(plannerName, w.pick("proposal", "task_assignment"), w.fill(new String[] {
            "Plan:\n1. Query {tool} for \"{q}\".\n2. Extract the {a}.\n3. Report it.",
            "Steps for {ex}: (1) look up {q}; (2) read off the {a}; (3) hand the value back to me.",
            "1) {tool}: {q}\n2) pick the most authoritative result\n3) return the {a}"
        }, "tool", tool, "q", wrongPlan ? fact.wrongSubject() : fact.subject(), "a", fact.attribute(), "ex", executor),
                executor);
        if (wrongPlan) {
            log.blame(planner, plan, mode);
        }
        if (w.chance(0.5)) {
            log.say(executor, "update", w.pick("Acknowledged, starting with step 1.", "On it.", "Executing the plan."));
        }
        boolean deviation = mode.equals("executor-deviation");
        String query = wrongPlan || deviation ? fact.wrongSubject() : fact.subject();
        int call = log.say(executor, "tool_call", w.fill(new String[] {
            "{tool}(\"{q}\")", "Calling {tool} with query: {q}", "Step 1 -> {tool}: {q}"
        }, "tool", tool, "q", query), null, Map.of("tool", tool));
        if (deviation) {
            log.blame(executor, call, mode);
        }
        String value;
        if (mode.equals("tool-error-no-retry")) {
            log.say(tool, "tool_result", w.pick("ERROR 429: rate limit exceeded", "ERROR: connection reset by peer",
                    "ERROR: index unavailable"), null, Map.of("error", "tool failed"));
            int moveOn = log.say(executor, w.pick("update", "answer"), w.fill(new String[] {
                "Step 1 done. Step 2: the {a} is {v}.",
                "Moving on. Extracted {a}: {v}.",
                "Lookup complete; {a} = {v}."
            }, "a", fact.attribute(), "v", fact.wrong()), planner);
            log.blame(executor, moveOn, mode);
            value = fact.wrong();
        } else {
            String resultValue = wrongPlan || deviation ? fact.wrong() : fact.truth();
            log.say(tool, "tool_result", w.fill(new String[] {
                "[1] {src}: {a} - {v}\n[2] a travel blog mentioning it in passing",
                "{\"title\": \"{src}\", \"{a}\": \"{v}\"}",
                "Top hit: {src}. Extract: ... {v} ..."
            }, "src", fact.source(), "a", fact.attribute(), "v", resultValue));
            for (int i = w.between(0, 2); i > 0; i--) {
                log.say(executor, "update", w.pick("Reading result 1.", "Result 2 is not relevant, skipping.",
                        "Checking the date of the source."));
            }
            value = mode.equals("executor-misread") ? fact.wrong() : resultValue;
            int extract = log.say(executor, w.pick("answer", "update"), w.fill(new String[] {
                "Step 2 done: the {a} is {v}.",
                "Extracted value: {v}.",
                "Result for step 2 -> {v} ({src})."
            }, "a", fact.attribute(), "v", value, "src", fact.source()), planner);
            if (mode.equals("executor-misread")) {
                log.blame(executor, extract, mode);
            }
        }
        if (mode.equals("premature-done")) {
            int done = log.say(plannerName, w.pick("decision", "task_completion"), w.pick(
                    "That's enough; marking the task complete without the final check.",
                    "Plan finished. Closing.",
                    "We can stop here - answer: pending confirmation."));
            log.blame(planner, done, mode);
            log.say("system", "task_failed", w.pick("Task failed: no answer delivered.", "Outcome: failure"), null,
                    Map.of("outcome", "failure"));
            return;
        }
        if (w.chance(0.4)) {
            log.say(plannerName, "update", w.pick("Step 3 next.", "Thanks; proceeding to the report.",
                    "Plan status: 2/3 done."));
        }
        String reported = mode.equals("report-misquote") ? fact.wrong() : value;
        int report = log.say(reporter, w.pick("answer", "task_completion"), w.fill(new String[] {
            "Final report: the {a} is {v}.",
            "Answer: {v}.",
            "Summary - {q}: {v}."
        }, "a", fact.attribute(), "v", reported, "q", fact.question()));
        if (mode.equals("report-misquote")) {
            log.blame(reporter, report, mode);
        }
        log.say("system", "task_failed", w.fill(new String[] {
            "Evaluation: wrong answer ({v}).", "Outcome: failure", "Task failed."
        }, "v", reported), null, Map.of("outcome", "failure"));
    }
}
