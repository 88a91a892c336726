/** Turning approved requests into changes humans merge: {@link dev.kaizen4j.publish.ChangePublisher}. */
@NullMarked
package dev.kaizen4j.publish;

import org.jspecify.annotations.NullMarked;
