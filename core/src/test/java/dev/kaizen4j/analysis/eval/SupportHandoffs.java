package dev.kaizen4j.analysis.eval;

import java.util.Map;

/** A customer-support desk: a triage agent hands tickets to specialists, who use tools and may ask a supervisor. */
final class SupportHandoffs implements TeamStyle {

    private static final String[] MODES = {
        "wrong-handoff", "wrong-handoff", "bad-summary", "misread-lookup", "tool-error-claimed", "premature-close",
        "supervisor-approval"
    };

    private record Department(String agent, String issue, String tool) {}

    private static final Department[] DEPARTMENTS = {
        new Department("Billing", "I was charged twice for order #{o}.", "lookup_charges"),
        new Department("TechSupport", "I can't log in since the update, it says my password is wrong.", "reset_password"),
        new Department("Shipping", "Order #{o} arrived damaged, I want a replacement.", "create_return"),
        new Department("Accounts", "Please downgrade my plan to Basic from next month.", "change_plan")
    };

    @Override
    public String name() {
        return "support";
    }

    @Override
    public void write(TaskLog log, Wording w) {
        String triage = w.pick("Triage", "Router", "FrontDesk", "Greeter");
        String suffix = w.pick("Agent", "_Specialist", "Desk", "");
        String supervisor = w.pick("Supervisor", "TeamLead", "QA_Lead");
        int index = w.random().nextInt(DEPARTMENTS.length);
        Department right = DEPARTMENTS[index];
        Department wrongDept = DEPARTMENTS[(index + w.between(1, DEPARTMENTS.length - 1)) % DEPARTMENTS.length];
        String mode = w.pick(MODES);
        String order = Integer.toString(w.between(10_000, 99_999));
        long amount = w.between(12, 480);
        String wrongOrder = Long.toString(w.nearMiss(Long.parseLong(order)));
        long wrongAmount = w.nearMiss(amount);

        String customer = w.pick("user", "user", "human");
        log.say(customer, "task_started", Wording.fillOne(right.issue(), "o", order)
                + w.pick("", " Please help.", " This is the second time I'm writing."), triage);
        log.say(triage, "answer", w.pick("Thanks for reaching out! Let me get you to the right team.",
                "Hi, sorry to hear that. One moment please.", "Hello! I'll route this for you."), customer);
        if (w.chance(0.4)) {
            log.say(customer, "answer", w.pick("Ok thanks.", "Sure.", "Please be quick."));
        }
        boolean wrongHandoff = mode.equals("wrong-handoff");
        Department target = wrongHandoff ? wrongDept : right;
        String specialist = target.agent() + suffix;
        String summaryOrder = mode.equals("bad-summary") ? wrongOrder : order;
        String triageName = w.chance(0.4) ? triage + " (-> " + specialist + ")" : triage;
        int handoff = log.say(triageName, w.pick("delegation", "task_assignment"), w.fill(new String[] {
            "Transferring to {s}. Customer issue: {i} Order ref {o}.",
            "{s}, please take over. Summary: {i} (order {o})",
            "Handing off to {s} - order {o}. Details: {i}"
        }, "s", specialist, "i", Wording.fillOne(right.issue(), "o", summaryOrder), "o", summaryOrder), specialist);
        if (wrongHandoff || mode.equals("bad-summary")) {
            log.blame(triage, handoff, mode);
        }
        log.say(specialist, "answer", w.pick("Hi, I'm taking a look now.", "Thanks for waiting, I've got your ticket.",
                "Hello! Let me check that for you."), customer);
        String usedOrder = mode.equals("bad-summary") ? wrongOrder : order;
        log.say(specialist, "tool_call", target.tool() + "(order=" + usedOrder + ")", null, Map.of("tool", target.tool()));
        log.say(target.tool(), "tool_result", w.fill(new String[] {
            "order {o}: status=delivered amount={a} charges=[{a}, {a}]",
            "{\"order\": \"{o}\", \"amount\": {a}, \"account\": \"active\"}",
            "record found: order {o}, total {a} EUR"
        }, "o", usedOrder, "a", Long.toString(mode.equals("bad-summary") ? wrongAmount : amount)));
        if (w.chance(0.5)) {
            log.say(customer, "question", w.pick("Any news?", "Is it sorted?", "How long will this take?"));
        }
        if (wrongHandoff) {
            log.say(specialist, "answer", w.pick(
                    "I've refreshed your account settings, that should take care of it.",
                    "I've applied the standard fix on our side; you should be all set.",
                    "Done - everything looks fine from here."), customer);
            log.say(specialist, w.pick("task_completion", "decision"), w.pick("Ticket resolved.", "Closing ticket.",
                    "Marked as solved."));
            failure(log, w, "the customer's issue was not addressed");
            return;
        }
        long handled = mode.equals("misread-lookup") ? wrongAmount : mode.equals("bad-summary") ? wrongAmount : amount;
        if (mode.equals("supervisor-approval")) {
            handled = wrongAmount;
            log.say(specialist, "question", w.fill(new String[] {
                "{sup}, can you approve a refund of {a} EUR for order {o}?",
                "Requesting approval: refund {a} for {o}. {sup}, please check.",
                "{sup} - need sign-off on {a} EUR (order {o})."
            }, "sup", supervisor, "a", Long.toString(handled), "o", order), supervisor);
            int approval = log.say(supervisor, w.pick("agreement", "answer", "decision"), w.pick(
                    "Approved.", "Looks fine, go ahead.", "OK from my side, approved without changes.",
                    "Confirmed - proceed."), specialist);
            log.blame(supervisor, approval, mode);
        }
        int action = log.say(specialist, "tool_call", "issue_refund(order=" + usedOrder + ", amount=" + handled + ")", null,
                Map.of("tool", "issue_refund"));
        if (mode.equals("misread-lookup")) {
            log.blame(specialist, action, mode);
        }
        if (mode.equals("tool-error-claimed")) {
            log.say("issue_refund", "tool_result", w.pick("ERROR: payment gateway timeout", "ERROR 500 from refunds API"),
                    null, Map.of("error", "refund failed"));
            int claim = log.say(specialist, "answer", w.pick(
                    "Your refund has been issued, you'll see it in 3-5 days.",
                    "All done - the refund is on its way!",
                    "I've processed it for you."), customer);
            log.blame(specialist, claim, mode);
        } else {
            log.say("issue_refund", "tool_result", "refund ok: " + handled + " EUR");
            log.say(specialist, "answer", w.fill(new String[] {
                "I've refunded {a} EUR to your card.",
                "A refund of {a} EUR is on its way.",
                "Done: {a} EUR refunded."
            }, "a", Long.toString(handled)), customer);
        }
        if (mode.equals("premature-close")) {
            log.say(customer, "question", w.pick("Wait, will I also get the shipping fee back?",
                    "And what about the second order I mentioned?", "Can you confirm by email too?"));
            int close = log.say(specialist, w.pick("task_completion", "decision"), w.pick("Closing the ticket now.",
                    "Ticket resolved, have a nice day!", "Marking this as done."));
            log.blame(specialist, close, mode);
            failure(log, w, "the customer's follow-up was left unanswered");
            return;
        }
        if (w.chance(0.5)) {
            log.say(triage, "update", w.pick("Ticket status updated.", "Thanks team.", "Noting this in the CRM."));
        }
        log.say(specialist, w.pick("task_completion", "decision"), w.pick("Ticket resolved.", "Closing this ticket.",
                "Case closed."));
        failure(log, w, w.pick("customer reopened the ticket", "refund amount disputed", "issue persists"));
    }

    private static void failure(TaskLog log, Wording w, String why) {
        log.say("system", "task_failed", w.fill(new String[] {"Ticket reopened: {w}.", "Outcome: failure ({w})",
            "CSAT 1/5 - {w}"}, "w", why), null, Map.of("outcome", "failure"));
    }
}
