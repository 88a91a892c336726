/** Did a change help? Before/after comparison with a statistical test: {@link dev.kaizen4j.verify.ImprovementVerifier}. */
@NullMarked
package dev.kaizen4j.verify;

import org.jspecify.annotations.NullMarked;
