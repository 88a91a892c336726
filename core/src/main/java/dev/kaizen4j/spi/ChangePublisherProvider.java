package dev.kaizen4j.spi;

import dev.kaizen4j.publish.ChangePublisher;
import java.util.List;

/**
 * Makes a {@link ChangePublisher} known by name, listed in
 * {@code META-INF/services/dev.kaizen4j.spi.ChangePublisherProvider}. A back-channel plugin whose
 * service also takes approved changes (GitHub pull requests) provides a publisher of the same name; the
 * runner then publishes there, and writes patch files ({@code patch-file}) otherwise.
 *
 * <p>A provider needs a public no-argument constructor, holds no state and is safe to call from any thread.
 */
public interface ChangePublisherProvider {

    /** The name the publisher is chosen by, for example {@code github} or {@code patch-file}. */
    String name();

    /** The settings {@link #create} reads; documented in the README. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * A new publisher configured from {@code config}. The caller owns it and closes it.
     *
     * @throws dev.kaizen4j.KaizenException listing every invalid or missing setting
     */
    ChangePublisher create(KaizenConfig config);
}
