package dev.kaizen4j.verify;

import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.review.ImprovementRequest;

/** Decides, from the team's reports before and after an implemented change, whether it helped. */
@FunctionalInterface
public interface ImprovementVerifier {

    VerificationResult verify(ImprovementRequest request, EffectivenessReport before, EffectivenessReport after);
}
