package dev.kaizen4j.verify;

import dev.kaizen4j.analysis.EffectivenessReport;

/**
 * Decides, from the team's reports over a window before and a window after a change went live,
 * whether the change helped.
 */
@FunctionalInterface
public interface ImprovementVerifier {

    VerificationResult verify(EffectivenessReport before, EffectivenessReport after);
}
