/** Implementation details of the GitHub notifier; not an API. */
@NullMarked
package dev.kaizen4j.notifier.github.internal;

import org.jspecify.annotations.NullMarked;
