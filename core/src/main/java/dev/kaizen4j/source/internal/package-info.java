/** Implementation details of the sources; not API. */
@NullMarked
package dev.kaizen4j.source.internal;

import org.jspecify.annotations.NullMarked;
