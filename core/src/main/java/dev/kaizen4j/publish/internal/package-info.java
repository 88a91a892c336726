/** Implementation details of publishing; not API. */
@NullMarked
package dev.kaizen4j.publish.internal;

import org.jspecify.annotations.NullMarked;
