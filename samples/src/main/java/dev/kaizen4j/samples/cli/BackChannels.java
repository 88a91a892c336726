package dev.kaizen4j.samples.cli;

import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.spi.BackChannelProvider;
import dev.kaizen4j.spi.ChangePublisherProvider;
import dev.kaizen4j.spi.KaizenConfig;
import dev.kaizen4j.spi.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the back-channel(s) a command names ({@code file}, {@code github}, any plugin's name, or several
 * joined by commas) and the publisher of approved changes that goes with them. Names are resolved through
 * {@link java.util.ServiceLoader} providers, so a plugin jar on the class path is usable with no change
 * here. Approved changes go to the publisher of the first channel whose plugin also provides one (GitHub
 * pull requests), else to patch files. The caller owns and closes what these methods create.
 */
final class BackChannels {

    static final String FILE = "file";

    private BackChannels() {}

    /**
     * The channel names a command asked for, in order and without repeats.
     *
     * @throws dev.kaizen4j.KaizenException in one line naming the known back-channels for an unknown name
     */
    static List<String> names(RunnerContext context, @Nullable String flag) {
        List<String> names = new ArrayList<>();
        for (String name : context.settings().get(flag, "back.channel").orElse(FILE).split(",")) {
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            Plugins.backChannelProvider(normalized, Plugins.contextLoader());
            if (!names.contains(normalized)) {
                names.add(normalized);
            }
        }
        return names;
    }

    /**
     * The channel(s) and publisher for {@code names}, to be closed by the caller.
     *
     * @param channel one channel, or the composite of several
     * @param publisher where approved changes go
     */
    record Opened(BackChannel channel, ChangePublisher publisher) implements AutoCloseable {
        @Override
        public void close() {
            try {
                publisher.close();
            } finally {
                channel.close();
            }
        }
    }

    static Opened open(RunnerContext context, List<String> names) {
        BackChannel channel = backChannel(context, names);
        try {
            return new Opened(channel, publisher(context, names));
        } catch (RuntimeException failure) {
            channel.close();
            throw failure;
        }
    }

    private static BackChannel backChannel(RunnerContext context, List<String> names) {
        KaizenConfig config = config(context);
        List<BackChannel> channels = new ArrayList<>();
        try {
            for (String name : names) {
                BackChannelProvider provider = Plugins.backChannelProvider(name, Plugins.contextLoader());
                channels.add(provider.create(config));
            }
        } catch (RuntimeException failure) {
            channels.forEach(BackChannel::close);
            throw failure;
        }
        return channels.size() == 1 ? channels.get(0) : BackChannel.composite(channels.toArray(BackChannel[]::new));
    }

    private static ChangePublisher publisher(RunnerContext context, List<String> names) {
        ClassLoader loader = Plugins.contextLoader();
        Optional<ChangePublisherProvider> provider = names.stream()
                .map(name -> Plugins.publisherProvider(name, loader))
                .flatMap(Optional::stream)
                .findFirst();
        // Patch files need the runner's knowledge of each team's spec, which the plugin settings lack.
        return provider.map(found -> found.create(config(context))).orElseGet(context::patchPublisher);
    }

    /**
     * Plugins read the runner's settings: flags aside, {@code KAIZEN_*} variables, then the properties file; and
     * the runner's environment for their fallback variables.
     */
    private static KaizenConfig config(RunnerContext context) {
        String stateDirectory = context.stateDirectory().toString();
        RunnerSettings settings = context.settings();
        return new KaizenConfig() {
            @Override
            public @Nullable String get(String key) {
                return key.equals("state.dir") ? stateDirectory : settings.get(null, key).orElse(null);
            }

            @Override
            public Map<String, String> environment() {
                return settings.environment();
            }
        };
    }
}
