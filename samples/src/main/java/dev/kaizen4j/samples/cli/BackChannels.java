package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.review.BackChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Builds the back-channel(s) a command names: {@code file}, or several joined by commas. */
final class BackChannels {

    private BackChannels() {}

    static BackChannel resolve(RunnerContext context, @Nullable String flag) {
        String names = context.settings().get(flag, "back.channel").orElse("file");
        List<BackChannel> channels = new ArrayList<>();
        for (String name : names.split(",")) {
            channels.add(switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "file" -> context.fileBackChannel();
                default -> throw KaizenException.invalidInput("unknown back-channel '" + name.trim()
                        + "': choose file");
            });
        }
        return channels.size() == 1 ? channels.get(0) : BackChannel.composite(channels.toArray(BackChannel[]::new));
    }
}
