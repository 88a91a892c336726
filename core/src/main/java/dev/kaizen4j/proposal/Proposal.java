package dev.kaizen4j.proposal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A proposed change to one agent, with the reasons for it. Proposals are values: nothing changes
 * until a human approves and a {@code ChangePublisher} turns the proposal into a pull request.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PromptRefinement.class, name = "prompt_refinement"),
    @JsonSubTypes.Type(value = CodeModification.class, name = "code_modification")
})
public sealed interface Proposal permits PromptRefinement, CodeModification {

    /** The team the agent belongs to. */
    String team();

    /** The agent the change is for. */
    String agent();

    /** Why the change should help, tied to evidence. */
    String rationale();

    /** The finding ids, task ids and rates the rationale rests on. */
    List<String> evidence();

    /** The path the diff applies to: the team spec field or the agent's source file. */
    @JsonIgnore
    String target();

    /** The current text of the target. */
    @JsonIgnore
    String before();

    /** The proposed text of the target. */
    @JsonIgnore
    String after();

    /** A one-line summary, for example "refine content_creator system_prompt". */
    @JsonIgnore
    String summary();

    /** The change as a unified diff of {@link #before()} and {@link #after()}. */
    @JsonIgnore
    default String diff() {
        return Diffs.unified(target(), before(), after());
    }

    /**
     * A stable identifier of the change: the same change proposed again, in any cycle, has the same
     * fingerprint; the rationale does not count.
     */
    @JsonIgnore
    default String fingerprint() {
        return Fingerprints.of(getClass().getSimpleName(), team(), agent(), target(), after());
    }
}
