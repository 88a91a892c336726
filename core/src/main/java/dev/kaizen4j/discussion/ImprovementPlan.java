package dev.kaizen4j.discussion;

import java.util.List;

/**
 * The outcome of the manager-led discussion.
 *
 * @param wentWell what the team did well
 * @param struggles where it struggled
 * @param improvements the improvements to pursue, in priority order
 * @param transcript the discussion, turn by turn
 * @param revisions earlier requests reviewers sent back with notes; proposal generators revise them
 */
public record ImprovementPlan(
        List<String> wentWell, List<String> struggles, List<PlannedImprovement> improvements,
        List<DiscussionTurn> transcript, List<Revision> revisions) {

    public ImprovementPlan {
        wentWell = List.copyOf(wentWell);
        struggles = List.copyOf(struggles);
        improvements = List.copyOf(improvements);
        transcript = List.copyOf(transcript);
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /** A plan with no revisions to make. */
    public ImprovementPlan(List<String> wentWell, List<String> struggles, List<PlannedImprovement> improvements,
            List<DiscussionTurn> transcript) {
        this(wentWell, struggles, improvements, transcript, List.of());
    }

    /** A plan with nothing to do. */
    public static ImprovementPlan empty() {
        return new ImprovementPlan(List.of(), List.of(), List.of(), List.of());
    }

    /** This plan with the revisions the proposal generators are to make. */
    public ImprovementPlan withRevisions(List<Revision> revisions) {
        return new ImprovementPlan(wentWell, struggles, improvements, transcript, revisions);
    }
}
