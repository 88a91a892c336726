/**
 * Measuring a team: the {@link dev.kaizen4j.analysis.EffectivenessAnalyzer} interface, the
 * {@link dev.kaizen4j.analysis.EffectivenessReport} it produces and the offline analyzer.
 */
@NullMarked
package dev.kaizen4j.analysis;

import org.jspecify.annotations.NullMarked;
