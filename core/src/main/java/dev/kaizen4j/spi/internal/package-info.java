/** The providers of core's own back-channel and publisher; not an API. */
@NullMarked
package dev.kaizen4j.spi.internal;

import org.jspecify.annotations.NullMarked;
