/**
 * The GitHub back-channel: improvement requests as labelled issues, review decisions read from labels
 * and slash commands, and approved changes published as pull requests
 * ({@link dev.kaizen4j.notifier.github.GitHubBackChannel},
 * {@link dev.kaizen4j.notifier.github.GitHubChangePublisher}).
 */
@NullMarked
package dev.kaizen4j.notifier.github;

import org.jspecify.annotations.NullMarked;
