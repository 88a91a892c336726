/**
 * The plugin surface: {@link dev.kaizen4j.spi.BackChannelProvider} and
 * {@link dev.kaizen4j.spi.ChangePublisherProvider}, found by name with {@link java.util.ServiceLoader}
 * through {@link dev.kaizen4j.spi.Plugins}, and the one configuration convention every plugin reads
 * its settings with ({@link dev.kaizen4j.spi.KaizenConfig}, {@link dev.kaizen4j.spi.PluginConfig},
 * {@link dev.kaizen4j.spi.ConfigKey}).
 */
@NullMarked
package dev.kaizen4j.spi;

import org.jspecify.annotations.NullMarked;
