/**
 * Taking requests to humans and reading their decisions back: {@link dev.kaizen4j.review.BackChannel},
 * the request and decision values, and the {@link dev.kaizen4j.review.FileBackChannel}.
 */
@NullMarked
package dev.kaizen4j.review;

import org.jspecify.annotations.NullMarked;
