/** Implementation details of the validators; not an API. */
@NullMarked
package dev.kaizen4j.validation.internal;

import org.jspecify.annotations.NullMarked;
