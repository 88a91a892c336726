/** Implementation details of the proposal generators; not API. */
@NullMarked
package dev.kaizen4j.proposal.internal;

import org.jspecify.annotations.NullMarked;
