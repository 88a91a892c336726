/**
 * Randomised rollouts of a change: {@link dev.kaizen4j.experiment.Rollout} assigns each task to
 * control or treatment as GrowthBook's SDKs do, {@link dev.kaizen4j.experiment.PromptExperiment}
 * serves the variant's prompt and the metadata to log with it.
 */
@NullMarked
package dev.kaizen4j.experiment;

import org.jspecify.annotations.NullMarked;
