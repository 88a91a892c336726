package dev.kaizen4j.spi;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.review.BackChannel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds back-channel and publisher providers by name with {@link ServiceLoader}, on a class loader
 * (by default the thread's context class loader, so jars added to the class path are seen).
 */
public final class Plugins {

    private Plugins() {}

    /** Every back-channel provider visible to {@code loader}, sorted by name. */
    public static List<BackChannelProvider> backChannelProviders(ClassLoader loader) {
        return load(BackChannelProvider.class, loader, BackChannelProvider::name);
    }

    /** Every publisher provider visible to {@code loader}, sorted by name. */
    public static List<ChangePublisherProvider> publisherProviders(ClassLoader loader) {
        return load(ChangePublisherProvider.class, loader, ChangePublisherProvider::name);
    }

    /**
     * The back-channel provider called {@code name} (case-insensitive).
     *
     * @throws KaizenException in one line naming the known back-channels when none is called so
     */
    public static BackChannelProvider backChannelProvider(String name, ClassLoader loader) {
        List<BackChannelProvider> providers = backChannelProviders(loader);
        return find("back-channel", name, providers, BackChannelProvider::name)
                .orElseThrow(() -> unknown("back-channel", name, providers, BackChannelProvider::name));
    }

    /** The publisher provider called {@code name}, if one is on the class path. */
    public static Optional<ChangePublisherProvider> publisherProvider(String name, ClassLoader loader) {
        return find("publisher", name, publisherProviders(loader), ChangePublisherProvider::name);
    }

    /** A new back-channel from the provider called {@code name}, on the context class loader. */
    public static BackChannel backChannel(String name, KaizenConfig config) {
        return backChannelProvider(name, contextLoader()).create(requireNonNull(config, "config"));
    }

    /**
     * A new publisher from the provider called {@code name}, on the context class loader.
     *
     * @throws KaizenException in one line naming the known publishers when none is called so
     */
    public static ChangePublisher publisher(String name, KaizenConfig config) {
        List<ChangePublisherProvider> providers = publisherProviders(contextLoader());
        return find("publisher", name, providers, ChangePublisherProvider::name)
                .orElseThrow(() -> unknown("publisher", name, providers, ChangePublisherProvider::name))
                .create(requireNonNull(config, "config"));
    }

    /** The thread's context class loader, or this class's when there is none. */
    public static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Plugins.class.getClassLoader();
    }

    private static <P> List<P> load(Class<P> type, ClassLoader loader, Function<P, String> name) {
        requireNonNull(loader, "loader");
        return ServiceLoader.load(type, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted((a, b) -> name.apply(a).compareTo(name.apply(b)))
                .toList();
    }

    private static <P> Optional<P> find(String kind, String name, List<P> providers, Function<P, String> nameOf) {
        requireNonNull(name, kind + " name");
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return providers.stream().filter(p -> nameOf.apply(p).toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    private static <P> KaizenException unknown(String kind, String name, List<P> providers, Function<P, String> nameOf) {
        List<String> known = providers.stream().map(nameOf).distinct().toList();
        return KaizenException.invalidInput("unknown " + kind + " '" + name.strip() + "'; known: "
                + (known.isEmpty() ? "none on the class path" : String.join(", ", known)));
    }
}
