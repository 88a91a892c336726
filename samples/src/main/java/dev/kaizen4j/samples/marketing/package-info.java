/** The marketing-team example: a deterministic generator of a week of the team's logs. */
@NullMarked
package dev.kaizen4j.samples.marketing;

import org.jspecify.annotations.NullMarked;
