package dev.kaizen4j.spi;

import dev.kaizen4j.review.BackChannel;
import java.util.List;

/**
 * Makes a {@link BackChannel} known by name. Implementations are listed in
 * {@code META-INF/services/dev.kaizen4j.spi.BackChannelProvider} and found with
 * {@link java.util.ServiceLoader} (see {@link Plugins}), so a plugin jar on the class path is usable by
 * name, for example from the runner's {@code --back-channel}, with no change to the caller.
 *
 * <p>A provider needs a public no-argument constructor, holds no state and is safe to call from any thread.
 */
public interface BackChannelProvider {

    /** The name the channel is chosen by: lower case, stable, for example {@code github}. */
    String name();

    /** The settings {@link #create} reads, below the prefix {@link #name()}; documented in the README. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * A new channel configured from {@code config}. The caller owns it and closes it.
     *
     * @throws dev.kaizen4j.KaizenException listing every invalid or missing setting
     */
    BackChannel create(KaizenConfig config);
}
