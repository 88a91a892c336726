/** The bundled marketing-team example and the {@code kaizen4j} command-line runner. */
@NullMarked
package dev.kaizen4j.samples;

import org.jspecify.annotations.NullMarked;
