/** Implementation details of the Slack notifier; not an API. */
@NullMarked
package dev.kaizen4j.notifier.slack.internal;

import org.jspecify.annotations.NullMarked;
