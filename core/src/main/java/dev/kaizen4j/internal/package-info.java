/** Implementation details shared across core packages; not API. */
@NullMarked
package dev.kaizen4j.internal;

import org.jspecify.annotations.NullMarked;
