/** Where conversations come from: the {@link dev.kaizen4j.source.ConversationSource} interface and the JSON Lines source. */
@NullMarked
package dev.kaizen4j.source;

import org.jspecify.annotations.NullMarked;
