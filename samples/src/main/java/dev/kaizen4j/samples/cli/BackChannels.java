package dev.kaizen4j.samples.cli;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.notifier.github.GitHubBackChannel;
import dev.kaizen4j.notifier.github.GitHubChangePublisher;
import dev.kaizen4j.notifier.github.GitHubSettings;
import dev.kaizen4j.publish.ChangePublisher;
import dev.kaizen4j.review.BackChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the back-channel(s) a command names ({@code file}, {@code github}, or several joined by
 * commas) and the publisher of approved changes that goes with them: pull requests when GitHub is
 * among the channels, patch files otherwise.
 */
final class BackChannels {

    static final String FILE = "file";
    static final String GITHUB = "github";

    private BackChannels() {}

    static List<String> names(RunnerContext context, @Nullable String flag) {
        List<String> names = new ArrayList<>();
        for (String name : context.settings().get(flag, "back.channel").orElse(FILE).split(",")) {
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            if (!normalized.equals(FILE) && !normalized.equals(GITHUB)) {
                throw KaizenException.invalidInput("unknown back-channel '" + name.trim() + "': choose file or github");
            }
            if (!names.contains(normalized)) {
                names.add(normalized);
            }
        }
        return names;
    }

    static BackChannel backChannel(RunnerContext context, List<String> names) {
        List<BackChannel> channels = new ArrayList<>();
        for (String name : names) {
            channels.add(name.equals(GITHUB)
                    ? GitHubBackChannel.builder().settings(github(context)).build()
                    : context.fileBackChannel());
        }
        return channels.size() == 1 ? channels.get(0) : BackChannel.composite(channels.toArray(BackChannel[]::new));
    }

    static ChangePublisher publisher(RunnerContext context, List<String> names) {
        if (!names.contains(GITHUB)) {
            return context.patchPublisher();
        }
        GitHubChangePublisher.Builder publisher = GitHubChangePublisher.builder().settings(github(context));
        context.settings().get(null, "github.team.spec.path").ifPresent(publisher::teamSpecPath);
        context.settings().get(null, "github.source.dir").ifPresent(publisher::sourceDirectory);
        context.settings().get(null, "github.base.branch").ifPresent(publisher::baseBranch);
        return publisher.build();
    }

    /** GitHub's settings from {@code KAIZEN_GITHUB_*} variables or {@code kaizen.github.*} properties. */
    private static GitHubSettings github(RunnerContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        context.settings().get(null, "github.token").ifPresent(v -> values.put(GitHubSettings.TOKEN_VARIABLE, v));
        context.settings().get(null, "github.repository").ifPresent(v -> values.put(GitHubSettings.REPOSITORY_VARIABLE, v));
        context.settings().get(null, "github.api.url").ifPresent(v -> values.put(GitHubSettings.API_URL_VARIABLE, v));
        return GitHubSettings.fromEnvironment(values);
    }
}
