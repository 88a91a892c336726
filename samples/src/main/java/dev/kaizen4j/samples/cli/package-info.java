/** The {@code kaizen4j} command-line runner. */
@NullMarked
package dev.kaizen4j.samples.cli;

import org.jspecify.annotations.NullMarked;
