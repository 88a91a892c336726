/** The statistics behind the verifier; not API. */
@NullMarked
package dev.kaizen4j.verify.internal;

import org.jspecify.annotations.NullMarked;
