package dev.kaizen4j.analysis.eval;

import java.util.Map;

/** An orchestrator that plans and delegates to web, file and code workers, and a terminal that runs code. */
final class OrchestratorTeam implements TeamStyle {

    private static final String[] MODES = {
        "worker-misread", "worker-misread", "bad-instruction", "relay-error", "code-transcription",
        "tool-error-guess", "premature-close"
    };

    @Override
    public String name() {
        return "orchestrator";
    }

    @Override
    public void write(TaskLog log, Wording w) {
        String orch = w.pick("Orchestrator", "Coordinator", "LeadAgent", "Magentic_Orchestrator");
        Fact fact = Fact.random(w);
        boolean fileTask = fact.source().contains(".");
        String worker = fileTask ? w.pick("FileSurfer", "FileReader", "DocumentAgent")
                : w.pick("WebSurfer", "Browser", "WebAgent", "Surfer");
        String coder = w.pick("Coder", "Programmer", "CodeWriter");
        String terminal = w.pick("ComputerTerminal", "Terminal", "Shell");
        boolean annotated = w.chance(0.6);
        String thought = annotated ? orch + w.pick(" (thought)", " (thinking)", " (ledger)") : orch;
        String mode = w.pick(MODES);

        log.say("user", "task_started", fact.question(), orch);
        log.say(thought, w.pick("proposal", "update"), w.fill(new String[] {
            "Here is the plan. Facts given: the question. Facts to look up: {a} of {s}. Steps: 1) {wk} finds it, 2) I verify and answer.",
            "Initial plan:\n- ask {wk} to look up the {a}\n- cross-check if needed\n- report the final answer",
            "We need the {a}. {wk} is best placed to retrieve it; {c} is on standby if a calculation is needed.",
            "Plan: delegate retrieval of the {a} to {wk}, then compose the answer."
        }, "a", fact.attribute(), "s", fact.subject(), "wk", worker, "c", coder));
        noise(log, w, thought, worker);

        boolean badInstruction = mode.equals("bad-instruction");
        String asked = badInstruction ? fact.wrongSubject() : fact.subject();
        int instruction = log.say(annotated ? orch + " (-> " + worker + ")" : orch, w.pick("delegation", "task_assignment"),
                w.fill(new String[] {
                    "Please look up '{q}' and tell me the exact value you find.",
                    "{wk}, search for {q} and report the figure from the most reliable source.",
                    "Open {src} and find: {q}. Quote the value.",
                    "Next step for {wk}: retrieve {q}."
                }, "q", asked, "wk", worker, "src", fact.source()), worker);
        if (badInstruction) {
            log.blame(orch, instruction, mode);
        }

        String found = switch (mode) {
            case "worker-misread", "bad-instruction" -> fact.wrong();
            default -> fact.truth();
        };
        boolean toolError = mode.equals("tool-error-guess");
        log.say(worker, "tool_call", w.fill(new String[] {
            "I typed '{q}' into the browser search bar.",
            "Searching: {q}",
            "Opening {src}.",
            "web_search(query=\"{q}\")"
        }, "q", asked, "src", fact.source()), null, Map.of("tool", fileTask ? "open_file" : "web_search"));
        if (toolError) {
            log.say(worker, "tool_result", w.pick("HTTP 503 Service Unavailable", "Timeout after 30 s while loading the page",
                    "Error: file could not be decoded"), null, Map.of("error", "request failed"));
            String guesser = w.chance(0.5) ? worker : orch;
            int guess;
            if (guesser.equals(worker)) {
                guess = log.say(worker, "answer", w.fill(new String[] {
                    "The page did not load. From what I recall the {a} is about {v}.",
                    "Could not open the source; my best estimate for the {a} is {v}.",
                    "Access failed, so I'll go with {v} for the {a}, which seems plausible."
                }, "a", fact.attribute(), "v", fact.wrong()), orch);
            } else {
                log.say(worker, "update", w.pick("I could not access the source.", "The request failed; nothing retrieved.",
                        "No content available - the tool returned an error."), orch);
                guess = log.say(thought, "update", w.fill(new String[] {
                    "Since retrieval failed, we will assume the {a} is {v} and move on.",
                    "Rather than retry, I'll estimate the {a} as {v}.",
                    "Let's not spend more time on this; take {v} as the {a}."
                }, "a", fact.attribute(), "v", fact.wrong()));
            }
            log.blame(guesser, guess, mode);
            found = fact.wrong();
        } else {
            if (w.chance(0.6)) {
                String page = mode.equals("worker-misread") ? fact.truth() : found;
                log.say(w.chance(0.5) ? worker : "web_search", "tool_result", w.fill(new String[] {
                    "{src}: ... the {a} is recorded as {v} (last updated recently) ...",
                    "Result 1: {src}. Snippet: '{a}: {v}'. Result 2: an unrelated forum post.",
                    "Page text: Overview. History. Figures - {a}: {v}. See also."
                }, "src", fact.source(), "a", fact.attribute(), "v", page));
            }
            for (int i = w.between(0, 2); i > 0; i--) {
                log.say(worker, "update", w.pick("I scrolled down one page.", "Clicked on the first result.",
                        "Viewing the page; looking for the table.", "Switching to the text view of the document."));
            }
            int report = log.say(worker, w.pick("answer", "update"), w.fill(new String[] {
                "According to {src}, the {a} is {v}.",
                "Found it: {v} ({a}, source: {src}).",
                "The {a} listed there is {v}.",
                "{src} gives {v} as the {a}."
            }, "src", fact.source(), "a", fact.attribute(), "v", found), orch);
            if (mode.equals("worker-misread")) {
                log.blame(worker, report, mode);
            }
        }

        String relayed = found;
        if (mode.equals("relay-error")) {
            relayed = fact.wrong();
        }
        noise(log, w, thought, worker);
        if (mode.equals("premature-close")) {
            int close = log.say(orch, w.pick("answer", "decision"), w.fill(new String[] {
                "We have spent enough on this. FINAL ANSWER: unable to determine.",
                "Stopping here; I'll report that the {a} could not be confirmed.",
                "Final answer: not found."
            }, "a", fact.attribute()));
            log.blame(orch, close, mode);
            // The worker's answer was right but the orchestrator gave up before using it.
            log.say("system", "task_failed", w.pick("Task failed: no answer given.", "Outcome: failure"), null,
                    Map.of("outcome", "failure"));
            return;
        }
        int relay = log.say(thought, "update", w.fill(new String[] {
            "Progress: we now know the {a} is {v}. Request satisfied: almost.",
            "Ledger updated - {a}: {v}. Next speaker: myself, to finalise.",
            "Good, {wk} reports {v}. That answers the question."
        }, "a", fact.attribute(), "v", relayed, "wk", worker));
        if (mode.equals("relay-error")) {
            log.blame(orch, relay, mode);
        }
        String answer = relayed;
        if (mode.equals("code-transcription") || w.chance(0.25)) {
            log.say(annotated ? orch + " (-> " + coder + ")" : orch, "delegation", w.fill(new String[] {
                "{c}, write a short script that formats the value {v} as the final answer.",
                "Please have {c} double-check the value {v} programmatically and print it."
            }, "c", coder, "v", relayed), coder);
            String coded = mode.equals("code-transcription") ? fact.wrong() : relayed;
            int code = log.say(coder, w.pick("proposal", "tool_call"), w.fill(new String[] {
                "```python\nvalue = \"{v}\"\nprint(value)\n```",
                "Here is the code:\n```python\nanswer = '{v}'\nprint(f'Answer: {answer}')\n```"
            }, "v", coded), null, Map.of("tool", "python"));
            if (mode.equals("code-transcription")) {
                log.blame(coder, code, mode);
            }
            log.say(terminal, "tool_result", w.pick("exit code 0\n", "Output:\n", "") + coded);
            answer = coded;
        }
        log.say(orch, w.pick("answer", "decision", "task_completion"), w.fill(new String[] {
            "FINAL ANSWER: {v}",
            "The answer is {v}.",
            "Final answer: {v}. Closing the task."
        }, "v", answer));
        log.say("system", "task_failed", w.fill(new String[] {
            "Task failed: the answer {v} does not match the expected one.",
            "Outcome: failure",
            "Evaluation: incorrect."
        }, "v", answer), null, Map.of("outcome", "failure"));
    }

    private static void noise(TaskLog log, Wording w, String thought, String worker) {
        for (int i = w.between(0, 2); i > 0; i--) {
            log.say(thought, "update", w.fill(new String[] {
                "Is the request satisfied? No. Are we in a loop? No. Next speaker: {wk}.",
                "Updating the ledger; progress is being made.",
                "Waiting for {wk}'s response.",
                "Reminder: quote sources when you report."
            }, "wk", worker));
        }
    }
}
