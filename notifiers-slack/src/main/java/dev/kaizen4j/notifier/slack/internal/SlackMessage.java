package dev.kaizen4j.notifier.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.kaizen4j.analysis.Evidence;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.discussion.DiscussionTurn;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.validation.PassedValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request laid out as Slack shows it: the blocks of the top-level message within Slack's limits, its
 * fallback text, and the thread replies holding what did not fit and the discussion transcript.
 *
 * @param blocks at most {@value #MAX_BLOCKS} blocks, section texts at most {@value #MAX_SECTION} characters,
 *     at most {@value #MAX_BLOCK_TEXT} characters of block text in all
 * @param text the fallback text for notifications and clients that show no blocks
 * @param thread the replies to post in the message's thread, in order, each at most {@value #MAX_REPLY} characters
 */
public record SlackMessage(List<LayoutBlock> blocks, String text, List<String> thread) {

    /** Slack refuses more blocks in one message. */
    public static final int MAX_BLOCKS = 50;
    /** Slack refuses longer section texts. */
    public static final int MAX_SECTION = 3000;
    /** Slack refuses longer header texts. */
    public static final int MAX_HEADER = 150;
    /** About where Slack answers {@code msg_blocks_too_long}; kept below it. */
    public static final int MAX_BLOCK_TEXT = 12_000;
    /** The longest thread reply this channel posts; Slack takes far longer texts, readers do not. */
    public static final int MAX_REPLY = 3500;
    /** The most thread replies one request may need; a larger request is refused, not cut. */
    public static final int MAX_THREAD_REPLIES = 40;
    /** The block id of the block that tells reviewers how to decide, replaced once they have. */
    public static final String STATUS_BLOCK = "kaizen4j.status";
    /** The block id of the decision buttons, removed once a reviewer has decided. */
    public static final String ACTIONS_BLOCK = "kaizen4j.actions";
    /** The action id of the button that approves; its value is the request id. */
    public static final String APPROVE = "kaizen4j.approve";
    /** The action id of the button that rejects, after a modal for the reason. */
    public static final String REJECT = "kaizen4j.reject";
    /** The action id of the button that asks for more work, after a modal for the notes. */
    public static final String NEEDS_WORK = "kaizen4j.needs_work";

    public SlackMessage {
        blocks = List.copyOf(blocks);
        requireNonNull(text, "text");
        thread = List.copyOf(thread);
    }

    /** The reviewers' instructions, shown until a decision; with {@code buttons}, they come first. */
    public static String instructions(boolean buttons) {
        return "*To decide*, a reviewer " + (buttons ? "presses a button below, or " : "")
                + "reacts :white_check_mark: to approve, :x: to reject or"
                + " :arrows_counterclockwise: for more work, or replies in the thread `approve`, `reject: <reason>`"
                + " or `needs work: <notes>`.";
    }

    /**
     * The message for {@code request}; with {@code buttons}, it ends with the approve, reject and needs-work
     * buttons (their value is the request id; approving asks for confirmation).
     *
     * @throws IllegalArgumentException when even the thread cannot hold the request
     */
    public static SlackMessage of(ImprovementRequest request, boolean buttons) {
        Proposal proposal = request.proposal();
        List<String> sections = new ArrayList<>();
        StringBuilder about = new StringBuilder();
        about.append("*").append(escape(request.title())).append("*\n");
        about.append("*Request:* `").append(escape(request.id())).append("`   *Team:* ").append(escape(request.team()))
                .append("   *Agent:* ").append(escape(proposal.agent())).append('\n');
        if (proposal instanceof PromptRefinement prompt) {
            about.append("*Change:* prompt refinement of `").append(escape(prompt.field().key())).append("`\n");
        } else if (proposal instanceof CodeModification code) {
            about.append("*Change:* code modification (").append(escape(code.category().key())).append(") of `")
                    .append(escape(code.file())).append("`\n");
        }
        if (request.revises() != null) {
            about.append("*Revises:* `").append(escape(request.revises())).append("` (sent back with \"needs work\")\n");
        }
        about.append("*Proposed:* ").append(request.createdAt()).append('\n');
        about.append("*Validation:* ").append(PassedValidation.of(proposal).sentence());
        sections.addAll(split(about.toString()));
        sections.addAll(split("*Rationale*\n" + escape(proposal.rationale())));
        if (!request.findings().isEmpty()) {
            StringBuilder evidence = new StringBuilder("*Evidence*\n");
            for (Finding finding : request.findings()) {
                evidence.append("• _").append(finding.severity().name().toLowerCase(Locale.ROOT)).append("_ ")
                        .append(escape(finding.title())).append('\n');
                for (Evidence item : finding.evidence()) {
                    evidence.append("    ◦ `").append(escape(item.taskId())).append("` step ").append(item.step())
                            .append(": \"").append(escape(item.excerpt().replace('\n', ' ').replace("`", "'")))
                            .append("\"\n");
                }
            }
            sections.addAll(split(evidence.toString()));
        }
        if (!request.metrics().isEmpty()) {
            StringBuilder metrics = new StringBuilder("*Team metrics*\n");
            request.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(metric -> metrics.append("• ").append(escape(metric.getKey())).append(": ")
                            .append(String.format(Locale.ROOT, "%.3f", metric.getValue())).append('\n'));
            sections.addAll(split(metrics.toString()));
        }
        List<String> diff = fenced(escape(proposal.diff()), MAX_SECTION);
        for (int part = 0; part < diff.size(); part++) {
            String label = diff.size() == 1 ? "*Diff*\n" : "*Diff* (part " + (part + 1) + " of " + diff.size() + ")\n";
            sections.add(label + diff.get(part));
        }

        List<LayoutBlock> blocks = new ArrayList<>();
        String header = plain(request.team() + ": " + proposal.summary());
        blocks.add(HeaderBlock.builder().text(PlainTextObject.builder().text(header).build()).build());
        int used = header.length() + instructions(buttons).length();
        List<String> thread = new ArrayList<>();
        int kept = 0;
        // blocks are kept for the instructions, the buttons and a note on what went to the thread
        while (kept < sections.size() && blocks.size() < MAX_BLOCKS - 3
                && used + sections.get(kept).length() <= MAX_BLOCK_TEXT - 200) {
            used += sections.get(kept).length();
            blocks.add(section(sections.get(kept), null));
            kept++;
        }
        if (kept < sections.size()) {
            List<String> rest = sections.subList(kept, sections.size());
            String note = "_" + rest.size() + " more section(s) did not fit in this message: they are in the thread._";
            blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(note).build())).build());
            thread.addAll(pack(rest));
        }
        blocks.add(section(instructions(buttons), STATUS_BLOCK));
        if (buttons) {
            blocks.add(buttons(request.id()));
        }
        if (!request.discussion().isEmpty()) {
            StringBuilder transcript = new StringBuilder("*Discussion*\n");
            for (DiscussionTurn turn : request.discussion()) {
                transcript.append("• *").append(escape(turn.speaker())).append(":* ").append(escape(turn.message()))
                        .append('\n');
            }
            thread.addAll(pack(split(transcript.toString())));
        }
        if (thread.size() > MAX_THREAD_REPLIES) {
            throw new IllegalArgumentException("the request needs " + thread.size() + " thread replies of up to "
                    + MAX_REPLY + " characters, more than the " + MAX_THREAD_REPLIES + " this channel posts");
        }
        String text = plain(request.title()) + " (request " + request.id() + ")";
        return new SlackMessage(blocks, text, thread);
    }

    /** The decision buttons; approving asks for confirmation, the others open a modal for notes. */
    static ActionsBlock buttons(String requestId) {
        ConfirmationDialogObject confirm = ConfirmationDialogObject.builder()
                .title(PlainTextObject.builder().text("Approve this change?").build())
                .text(MarkdownTextObject.builder().text("Request `" + escape(requestId) + "` will be recorded as"
                        + " approved and its change published.").build())
                .confirm(PlainTextObject.builder().text("Approve").build())
                .deny(PlainTextObject.builder().text("Cancel").build())
                .build();
        return ActionsBlock.builder().blockId(ACTIONS_BLOCK).elements(List.of(
                button(APPROVE, "Approve", "primary", requestId, confirm),
                button(REJECT, "Reject", "danger", requestId, null),
                button(NEEDS_WORK, "Needs work", null, requestId, null))).build();
    }

    private static ButtonElement button(String actionId, String label, @Nullable String style, String requestId,
            @Nullable ConfirmationDialogObject confirm) {
        return ButtonElement.builder().actionId(actionId).text(PlainTextObject.builder().text(label).build())
                .style(style).value(requestId).confirm(confirm).build();
    }

    /** The section block showing {@code mrkdwn}, which must already be escaped. */
    public static SectionBlock section(String mrkdwn, @Nullable String blockId) {
        return SectionBlock.builder().blockId(blockId).text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    /** {@code text} with {@code &}, {@code <} and {@code >} escaped as Slack's mrkdwn requires. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Plain text for a header or the fallback: one line, at most {@value #MAX_HEADER} characters. */
    private static String plain(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_HEADER ? line : line.substring(0, MAX_HEADER - 1) + "…";
    }

    /** Escaped mrkdwn in pieces of at most {@value #MAX_SECTION} characters, cut at line ends where possible. */
    private static List<String> split(String mrkdwn) {
        return chunks(mrkdwn, MAX_SECTION);
    }

    /** An escaped diff in fenced pieces, each at most {@code limit} characters with its fences. */
    static List<String> fenced(String escapedDiff, int limit) {
        String fence = "```";
        List<String> pieces = new ArrayList<>();
        for (String chunk : chunks(escapedDiff.isEmpty() ? " " : escapedDiff, limit - 2 * fence.length() - 2 - 40)) {
            pieces.add(fence + "\n" + chunk.stripTrailing() + "\n" + fence);
        }
        return pieces;
    }

    /** Cuts {@code text} in pieces of at most {@code limit} characters, at a line end when there is one, never inside an entity. */
    static List<String> chunks(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + limit);
            if (end < text.length()) {
                int newline = text.lastIndexOf('\n', end - 1);
                if (newline > start) {
                    end = newline + 1;
                } else {
                    int amp = text.lastIndexOf('&', end - 1);
                    if (amp > start && amp > end - 6 && text.indexOf(';', amp) >= end) {
                        end = amp;
                    }
                }
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    /** Sections packed into as few replies of at most {@value #MAX_REPLY} characters as keep them whole. */
    private static List<String> pack(List<String> sections) {
        List<String> replies = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String section : sections) {
            if (current.length() > 0 && current.length() + 2 + section.length() > MAX_REPLY) {
                replies.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(section);
        }
        if (current.length() > 0) {
            replies.add(current.toString());
        }
        return replies;
    }
}
