package dev.kaizen4j.analysis.eval;

import java.util.Map;

/** A group of domain experts, a verifier and a code executor solving a data question together. */
final class ExpertGroup implements TeamStyle {

    private static final String[] MODES = {
        "wrong-code-checked", "unchecked-approval", "unchecked-approval", "verifier-override", "exec-error-guess",
        "wrong-plan", "premature-terminate", "peer-misquote"
    };

    @Override
    public String name() {
        return "expert-group";
    }

    @Override
    public void write(TaskLog log, Wording w) {
        String lead = w.pick("DataAnalysis_Expert", "Statistics_Expert", "Python_Expert", "Ecology_Expert",
                "Finance_Expert");
        String peer = w.pick("Domain_Expert", "Probability_Expert", "SQL_Expert", "Research_Expert");
        String verifier = w.pick("Verification_Expert", "Checker", "QualityAssurance_Expert", "Reviewer");
        String executor = w.pick("Computer_terminal", "CodeExecutor", "Executor");
        String executorType = w.chance(0.6) ? "tool_result" : "update";
        String mode = w.pick(MODES);

        String dataset = w.placeName().toLowerCase(java.util.Locale.ROOT) + w.pick("_samples", "_records", "_log") + ".csv";
        String column = w.pick("length_mm", "weight_kg", "score", "depth_m", "price");
        String items = w.pick("rows", "records", "samples", "entries");
        int threshold = w.between(10, 90);
        long truth = w.between(4, 400);
        long wrong = w.nearMiss(truth);
        String question = w.fill(new String[] {
            "In {d}, how many {i} have {c} of at least {t}?",
            "Using the file {d}: count the {i} whose {c} is {t} or more.",
            "How many {i} in {d} reach a {c} value of {t} or higher?"
        }, "d", dataset, "i", items, "c", column, "t", Integer.toString(threshold));
        String rightCondition = ">= " + threshold;
        String wrongCondition = w.pick("> " + threshold, ">= " + (threshold + w.between(1, 5)));

        log.say("user", "task_started", question, lead);
        if (w.chance(0.4)) {
            log.say(peer, "update", w.pick("Happy to help with the domain side.", "I can check the data dictionary.",
                    "Noted. I'll stand by."));
        }
        boolean wrongPlan = mode.equals("wrong-plan");
        int plan = log.say(lead, "proposal", w.fill(new String[] {
            "Plan: 1) load {d}; 2) keep {i} where {c} {cond}; 3) count them; 4) {v} verifies.",
            "Let's do it step by step: read the CSV, filter on {c} {cond}, count, then ask {v} to check.",
            "Approach: pandas, filter {c} {cond}, len() of the result. {v}, please review once we have a number."
        }, "d", dataset, "i", items, "c", column, "cond", wrongPlan ? wrongCondition : rightCondition, "v", verifier));
        if (wrongPlan) {
            log.blame(lead, plan, mode);
        }
        boolean buggy = mode.equals("wrong-code-checked") || mode.equals("unchecked-approval");
        String condition = wrongPlan || buggy ? wrongCondition : rightCondition;
        String code = code(w, dataset, column, condition);
        int codeStep = log.say(lead, w.pick("proposal", "tool_call", "update"), code, null, Map.of("tool", "python"));
        if (mode.equals("wrong-code-checked")) {
            log.blame(lead, codeStep, mode);
        }
        long computed = wrongPlan || buggy ? wrong : truth;
        if (mode.equals("exec-error-guess")) {
            log.say(executor, executorType, w.pick(
                    "exitcode: 1 (execution failed)\nCode output: Traceback (most recent call last):\n  KeyError: '" + column + "'",
                    "exitcode: 1\nFileNotFoundError: [Errno 2] No such file or directory: '" + dataset + "'"),
                    null, Map.of("error", "execution failed"));
            String guesser = w.chance(0.6) ? lead : peer;
            int guess = log.say(guesser, "answer", w.fill(new String[] {
                "The script failed, but judging from the data description the count should be around {v}.",
                "Execution didn't work. I'll estimate: {v} {i}.",
                "No need to rerun; it is most likely {v}."
            }, "v", Long.toString(wrong), "i", items));
            log.blame(guesser, guess, mode);
            computed = wrong;
        } else {
            log.say(executor, executorType, w.pick("exitcode: 0 (execution succeeded)\nCode output: ", "Output: ", "")
                    + computed);
        }
        if (mode.equals("premature-terminate")) {
            String terminator = w.chance(0.5) ? lead : verifier;
            int stop = log.say(terminator, w.pick("update", "decision"), w.pick(
                    "I think we are done here. TERMINATE",
                    "We've covered the approach; no need to continue. TERMINATE",
                    "Ending the conversation now."));
            log.blame(terminator, stop, mode);
            log.say("system", "task_failed", w.pick("No final answer was produced.", "Task failed."), null,
                    Map.of("outcome", "failure"));
            return;
        }
        String reported = Long.toString(computed);
        if (mode.equals("peer-misquote")) {
            int misquote = log.say(peer, "update", w.fill(new String[] {
                "Summarising for the group: the count is {v}.",
                "So we have {v} {i} meeting the condition.",
                "To recap, the result is {v}."
            }, "v", Long.toString(wrong), "i", items));
            log.blame(peer, misquote, mode);
            reported = Long.toString(wrong);
        } else {
            log.say(lead, "answer", w.fill(new String[] {
                "The result is {v}. {ver}, please verify.",
                "We get {v} {i}. {ver}, can you double-check this?",
                "Count: {v}. Over to {ver} for verification."
            }, "v", reported, "i", items, "ver", verifier), verifier);
        }
        noise(log, w, peer);

        int verdict;
        switch (mode) {
            case "unchecked-approval" -> {
                verdict = log.say(verifier, w.pick("agreement", "update", "answer"), w.fill(new String[] {
                    "I've reviewed the steps and the logic is sound. The answer {v} is verified.",
                    "Looks correct to me. Confirmed: {v}.",
                    "The reasoning checks out; I agree with {v}. TERMINATE",
                    "Verified. {v} is the final answer."
                }, "v", reported));
                log.blame(verifier, verdict, mode);
            }
            case "verifier-override" -> {
                verdict = log.say(verifier, w.pick("disagreement", "update"), w.fill(new String[] {
                    "I believe the boundary should be handled differently; the corrected count is {v}.",
                    "Small fix: excluding the header duplicates gives {v}, not {r}.",
                    "On reflection the right number is {v}."
                }, "v", Long.toString(wrong), "r", reported));
                log.blame(verifier, verdict, mode);
                reported = Long.toString(wrong);
            }
            default -> {
                log.say(verifier, w.pick("proposal", "tool_call"), "Let me re-run it to be sure.\n" + code(w, dataset,
                        column, condition), null, Map.of("tool", "python"));
                log.say(executor, executorType, "exitcode: 0\nCode output: " + computed);
                verdict = log.say(verifier, "agreement", w.fill(new String[] {
                    "Re-running gives the same {v}. Verified.",
                    "Independent run matches: {v}. Approved.",
                    "Confirmed by execution: {v}."
                }, "v", reported));
            }
        }
        log.say(w.pick(lead, verifier), w.pick("answer", "task_completion", "decision"), w.fill(new String[] {
            "Final answer: {v}. TERMINATE",
            "The answer is {v}.",
            "{v}"
        }, "v", reported));
        log.say("system", "task_failed", w.fill(new String[] {
            "The answer {v} is incorrect.",
            "Outcome: failure",
            "Task failed."
        }, "v", reported), null, Map.of("outcome", "failure"));
    }

    private static String code(Wording w, String dataset, String column, String condition) {
        return w.fill(new String[] {
            "```python\nimport pandas as pd\ndf = pd.read_csv('{d}')\nprint((df['{c}'] {cond}).sum())\n```",
            "```python\nimport pandas as pd\ndata = pd.read_csv(\"{d}\")\nselected = data[data[\"{c}\"] {cond}]\nprint(len(selected))\n```"
        }, "d", dataset, "c", column, "cond", condition);
    }

    private static void noise(TaskLog log, Wording w, String peer) {
        if (w.chance(0.4)) {
            log.say(peer, "update", w.pick("Nothing to add from my side.", "The column units look consistent.",
                    "I agree with proceeding."));
        }
    }
}
