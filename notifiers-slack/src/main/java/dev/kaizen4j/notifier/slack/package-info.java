/**
 * The Slack back-channel: one message per improvement request in a channel, the discussion and status
 * changes in its thread, decisions from reviewers' buttons (Socket Mode),
 * reactions and thread replies
 * ({@link dev.kaizen4j.notifier.slack.SlackBackChannel}, configured by
 * {@link dev.kaizen4j.notifier.slack.SlackBackChannelConfig}).
 */
@NullMarked
package dev.kaizen4j.notifier.slack;

import org.jspecify.annotations.NullMarked;
