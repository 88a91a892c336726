/**
 * Did a change help? {@link dev.kaizen4j.verify.FrequentistVerifier} compares the arms of a randomised
 * rollout (or, as weaker evidence, the weeks before and after a change) with the statistics of
 * GrowthBook's stats engine.
 */
@NullMarked
package dev.kaizen4j.verify;

import org.jspecify.annotations.NullMarked;
