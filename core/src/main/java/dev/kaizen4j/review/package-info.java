/**
 * Taking requests to humans and reading their decisions back: {@link dev.kaizen4j.review.BackChannel}
 * and its {@linkplain dev.kaizen4j.review.BackChannel#composite composite}, the request, submission and
 * decision values, the {@link dev.kaizen4j.review.DecisionListener} for channels that receive decisions as
 * events, and the {@link dev.kaizen4j.review.FileBackChannel}. Plugins make further channels known by name
 * through {@link dev.kaizen4j.spi.BackChannelProvider}.
 */
@NullMarked
package dev.kaizen4j.review;

import org.jspecify.annotations.NullMarked;
