package dev.kaizen4j.publish;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.proposal.CodeModification;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.publish.internal.YamlPromptEditor;

/**
 * Applies a proposal to the current text of the file it changes, the one implementation every
 * {@link ChangePublisher} shares, so that a patch and a pull request carry the same file content.
 *
 * <p>A {@link PromptRefinement} edits the agent's field in the team spec (YAML or JSON) in place: every
 * other byte of the file (comments, order, quoting, block style) stays as it was; several lines become
 * a literal block in block mappings and a double-quoted string in flow mappings and JSON. A
 * {@link CodeModification} replaces the source file, keeping its line endings. If the file no longer
 * holds the text the proposal was made from, nothing is changed and the edit is refused with the reason.
 *
 * <p>Thread-safe: stateless.
 */
public final class ProposalFileEditor {

    /** What an edit found. */
    public enum Outcome {
        /** The file held the text the proposal was made from, and the edit holds the proposed one. */
        CHANGED,
        /** The file already holds the proposed text; nothing to change. */
        ALREADY_APPLIED
    }

    /**
     * The result of an edit.
     *
     * @param outcome whether anything changed
     * @param text the file's new text (its current text when already applied)
     */
    public record Edit(Outcome outcome, String text) {

        public Edit {
            requireNonNull(outcome, "outcome");
            requireNonNull(text, "text");
        }
    }

    private ProposalFileEditor() {}

    /**
     * Applies {@code proposal} to {@code current}, the text of the file it changes: the team spec for a
     * prompt refinement, the agent's source for a code modification.
     *
     * @param origin the file's name, for messages
     * @throws KaizenException ({@code INVALID_INPUT}) if the file no longer holds the text the proposal
     *     was made from, or the agent or field cannot be found; the message says which
     */
    public static Edit apply(Proposal proposal, String current, String origin) {
        requireNonNull(proposal, "proposal");
        requireNonNull(current, "current");
        requireNonNull(origin, "origin");
        if (proposal instanceof PromptRefinement prompt) {
            YamlPromptEditor.Edit edit = YamlPromptEditor.replace(current, origin, prompt.agent(), prompt.field(),
                    prompt.current(), prompt.proposed());
            return new Edit(edit.outcome() == YamlPromptEditor.Outcome.CHANGED ? Outcome.CHANGED
                    : Outcome.ALREADY_APPLIED, edit.text());
        }
        CodeModification code = (CodeModification) proposal;
        String normalized = current.replace("\r\n", "\n");
        if (normalized.equals(code.proposedCode().replace("\r\n", "\n"))) {
            return new Edit(Outcome.ALREADY_APPLIED, current);
        }
        if (!normalized.equals(code.currentCode().replace("\r\n", "\n"))) {
            throw KaizenException.invalidInput(origin + " no longer holds the code the proposal was made from;"
                    + " it changed since, so it is not overwritten. Run the cycle again to propose against the"
                    + " current code");
        }
        String proposed = code.proposedCode().replace("\r\n", "\n");
        return new Edit(Outcome.CHANGED, current.contains("\r\n") ? proposed.replace("\n", "\r\n") : proposed);
    }
}
