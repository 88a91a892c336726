/** Implementation details of the offline analyzer; not API. */
@NullMarked
package dev.kaizen4j.analysis.internal;

import org.jspecify.annotations.NullMarked;
