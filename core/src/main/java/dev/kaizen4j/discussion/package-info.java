/** The manager-led discussion that turns a report into an {@link dev.kaizen4j.discussion.ImprovementPlan}. */
@NullMarked
package dev.kaizen4j.discussion;

import org.jspecify.annotations.NullMarked;
