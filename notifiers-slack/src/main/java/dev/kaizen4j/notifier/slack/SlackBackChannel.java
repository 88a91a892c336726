package dev.kaizen4j.notifier.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.reactions.ReactionsGetResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.Reaction;
import com.slack.api.model.block.LayoutBlock;
import dev.kaizen4j.notifier.slack.internal.Interaction;
import dev.kaizen4j.notifier.slack.internal.ReviewCommands;
import dev.kaizen4j.notifier.slack.internal.Sleeper;
import dev.kaizen4j.notifier.slack.internal.SlackCalls;
import dev.kaizen4j.notifier.slack.internal.SlackFailure;
import dev.kaizen4j.notifier.slack.internal.SlackMessage;
import dev.kaizen4j.notifier.slack.internal.SocketModeDecisions;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.DecisionRead;
import dev.kaizen4j.review.ImprovementRequest;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.review.ReviewDecision;
import dev.kaizen4j.review.Submission;
import dev.kaizen4j.review.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Improvement requests as messages in a Slack channel, through Slack's Web API (the SDK's
 * {@code MethodsClient}). Each request is one top-level message: a header with the team and the change, the
 * rationale with its evidence, the team metrics and the diff in fenced sections, within Slack's block
 * limits; what does not fit, and the discussion transcript, follow in the message's thread. The message
 * carries metadata {@code kaizen4j_improvement_request} with the request id and fingerprint, so a retry
 * after a crash finds it instead of posting twice.
 *
 * <p>With an app-level token ({@link SlackBackChannelConfig#APP_TOKEN}) the message also has buttons:
 * {@code kaizen4j.approve} (after a confirmation), {@code kaizen4j.reject} and {@code kaizen4j.needs_work}
 * (after a modal asking for the notes). Clicks arrive through Socket Mode once a listener is registered with
 * {@link #decisionsTo}: every envelope is acknowledged before any work, a repeated delivery is handled once,
 * a {@code disconnect} message reconnects, a click by anyone but a configured reviewer or on a request
 * already decided changes nothing and is answered with an ephemeral message.
 *
 * <p>Decisions are also read without Socket Mode: a configured reviewer reacts {@code :white_check_mark:}
 * (approve), {@code :x:} (reject) or {@code :arrows_counterclockwise:} (needs work), or replies in the
 * thread {@code approve}, {@code reject: <reason>} or {@code needs work: <notes>}. Reactions are read
 * first ({@code reactions.get}); replies ({@code conversations.replies}) at most once per
 * {@link SlackBackChannelConfig#repliesInterval() interval}. The first valid decision of a configured
 * reviewer wins; those of anyone else decide nothing and are noted in the thread, and the app's own
 * reactions and replies never count. Without reviewers nothing decides (logged as a warning).
 *
 * <p>Thread-safe: calls are serialised on the instance.
 */
public final class SlackBackChannel implements BackChannel {

    /** The provider name, {@code slack}. */
    public static final String NAME = "slack";
    /** The metadata event type of request messages. */
    public static final String EVENT_TYPE = "kaizen4j_improvement_request";

    private static final Logger LOG = LoggerFactory.getLogger(SlackBackChannel.class);
    private static final Duration POST_SPACING = Duration.ofSeconds(1);
    private static final Duration HISTORY_MARGIN = Duration.ofDays(1);
    private static final int HISTORY_PAGES = 10;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(15);

    private final Slack slack;
    private final MethodsClient methods;
    private final String channel;
    private final Set<String> reviewers;
    private final Duration repliesInterval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SlackCalls calls;
    private final String name;
    private final @Nullable String appToken;
    private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ReviewDecision> decided = new ConcurrentHashMap<>();
    private @Nullable SocketModeDecisions socket;

    private @Nullable String channelId;
    private @Nullable Instant scannedSince;
    private final Map<String, Message> posted = new HashMap<>();
    private final Map<String, Instant> repliesRead = new HashMap<>();
    private @Nullable Instant lastRepliesRead;
    private @Nullable Instant lastPost;
    private @Nullable String botUser;
    private final Set<String> noted = new HashSet<>();
    /** The verdict each updated message shows, by its ts: corrected when the ledger records another. */
    private final Map<String, Verdict> shownVerdicts = new HashMap<>();
    private boolean warnedNoReviewers;

    private SlackBackChannel(Builder builder) {
        SlackBackChannelConfig config = requireNonNull(builder.config, "config");
        config.validate();
        this.channel = config.channel();
        this.reviewers = config.reviewers();
        this.repliesInterval = config.repliesInterval();
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.calls = new SlackCalls(config.maxRateLimitWait(), sleeper);
        this.name = NAME + ":" + channel;
        this.appToken = config.appToken().orElse(null);
        SlackConfig sdk = new SlackConfig();
        sdk.setStatsEnabled(false);
        sdk.setMethodsEndpointUrlPrefix(config.apiUrl());
        sdk.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(sdk);
        this.methods = slack.methods(config.token());
        if (channel.startsWith("C") || channel.startsWith("G") || channel.startsWith("D")) {
            channelId = channel;
        }
    }

    /** A builder; {@link Builder#config} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Submission submit(ImprovementRequest request) {
        requireNonNull(request, "request");
        SlackMessage message;
        try {
            message = SlackMessage.of(request, appToken != null);
        } catch (IllegalArgumentException tooLarge) {
            return Submission.failed(name, request.id(), "Slack chat.postMessage in " + channel + " refused: request "
                    + request.id() + " is too large: " + tooLarge.getMessage() + "; not retriable unchanged", false);
        }
        try {
            String id = channelId();
            Message existing = existing(id, request);
            if (existing != null) {
                Integer replies = existing.getReplyCount();
                if ((replies == null || replies == 0) && !message.thread().isEmpty()) {
                    postThread(id, existing.getTs(), message.thread(), request.id());
                }
                return submitted(request, id, existing.getTs());
            }
            pace();
            var response = calls.call("chat.postMessage", channel, () -> methods.chatPostMessage(post -> post
                    .channel(id).text(message.text()).blocks(message.blocks()).unfurlLinks(false).unfurlMedia(false)
                    .metadata(Message.Metadata.builder().eventType(EVENT_TYPE).eventPayload(Map.of(
                            "request_id", request.id(), "fingerprint", request.fingerprint())).build())));
            String ts = response.getTs();
            Message mine = new Message();
            mine.setTs(ts);
            mine.setMetadata(Message.Metadata.builder().eventType(EVENT_TYPE)
                    .eventPayload(Map.of("request_id", request.id(), "fingerprint", request.fingerprint())).build());
            posted.put(request.fingerprint(), mine);
            postThread(id, ts, message.thread(), request.id());
            LOG.info("posted request {} to Slack {} as {}", request.id(), channel, ts);
            return submitted(request, id, ts);
        } catch (SlackFailure failure) {
            LOG.warn("request {} not submitted: {}", request.id(), failure.getMessage());
            return Submission.failed(name, request.id(), failure.getMessage(), failure.retriable());
        }
    }

    @Override
    public synchronized Optional<ReviewDecision> decisionFor(Submission submission) {
        return Optional.ofNullable(decisionsFor(List.of(submission)).get(submission.requestId()));
    }

    @Override
    public synchronized Map<String, ReviewDecision> decisionsFor(Collection<Submission> submissions) {
        return readDecisions(submissions).decisionsLoggingUnread(LOG);
    }

    /**
     * Reads the reactions on each request's message and, at most once per interval, thread replies; a message
     * whose reactions or replies Slack does not return is unread. Without reviewers nothing is read or
     * decided, and the log says so once.
     */
    @Override
    public synchronized DecisionRead readDecisions(Collection<Submission> submissions) {
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        if (reviewers.isEmpty()) {
            if (!warnedNoReviewers) {
                warnedNoReviewers = true;
                LOG.warn("no Slack reviewers configured (kaizen.slack.reviewers / KAIZEN_SLACK_REVIEWERS):"
                        + " reactions and replies in {} decide nothing", channel);
            }
            return DecisionRead.of(decisions);
        }
        List<MessageRef> undecided = new ArrayList<>();
        for (Submission submission : submissions) {
            Optional<MessageRef> ref = addressed(submission).flatMap(MessageRef::parse);
            if (ref.isEmpty()) {
                continue;
            }
            try {
                ReactionsGetResponse.Message message = reactions(ref.get());
                Optional<ReviewDecision> decision = fromReactions(ref.get(), message);
                if (decision.isPresent()) {
                    decisions.put(submission.requestId(), decision.get());
                    markDecided(ref.get(), message.getBlocks(), decision.get());
                } else {
                    undecided.add(ref.get().withRequest(submission.requestId(), message.getBlocks()));
                }
            } catch (SlackFailure failure) {
                unread.put(submission.requestId(), failure.getMessage());
            }
        }
        undecided.sort((a, b) -> repliesRead.getOrDefault(a.ts(), Instant.MIN)
                .compareTo(repliesRead.getOrDefault(b.ts(), Instant.MIN)));
        for (MessageRef ref : undecided) {
            Instant now = clock.instant();
            if (lastRepliesRead != null && now.isBefore(lastRepliesRead.plus(repliesInterval))) {
                LOG.debug("thread replies not read before {}: at most one read per {}",
                        lastRepliesRead.plus(repliesInterval), repliesInterval);
                break;
            }
            lastRepliesRead = now;
            repliesRead.put(ref.ts(), now);
            try {
                Optional<ReviewDecision> decision = fromReplies(ref);
                if (decision.isPresent()) {
                    decisions.put(ref.requestId(), decision.get());
                    markDecided(ref, ref.blocks(), decision.get());
                }
            } catch (SlackFailure failure) {
                unread.put(ref.requestId(), "replies not read: " + failure.getMessage());
            }
        }
        return new DecisionRead(decisions, unread);
    }

    /**
     * With an app token, opens the Socket Mode connection (once) and hands {@code listener} each decision a
     * configured reviewer makes with the message's buttons; without one, decisions are only read by
     * {@link #decisionsFor}.
     */
    @Override
    public void decisionsTo(DecisionListener listener) {
        requireNonNull(listener, "listener");
        if (appToken == null) {
            return;
        }
        listeners.add(listener);
        synchronized (this) {
            if (socket == null) {
                socket = new SocketModeDecisions(slack, appToken, channel, RECONNECT_DELAY, this::interacted);
                socket.start();
            }
        }
    }

    /** True when an app token is configured: decisions then arrive through Socket Mode as they are made. */
    @Override
    public boolean deliversDecisions() {
        return appToken != null;
    }

    @Override
    public synchronized void statusChanged(Submission submission, RequestStatus status, String note) {
        Optional<MessageRef> ref = addressed(submission).flatMap(MessageRef::parse);
        if (ref.isEmpty()) {
            return;
        }
        String line = "*Status:* " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (note.isBlank() ? "" : ": " + SlackMessage.escape(note));
        try {
            reply(ref.get(), line, "statusChanged");
            Verdict recorded = verdictOf(status);
            if (recorded != null && recorded != shownVerdicts.get(ref.get().ts())) {
                ReactionsGetResponse.Message message = reactions(ref.get());
                update(ref.get(), message.getBlocks(), line, recorded);
            }
        } catch (SlackFailure failure) {
            LOG.warn("status {} of {} not shown: {}", status, submission.requestId(), failure.getMessage());
        }
    }

    /**
     * The verdict a status records, or null: only a verdict replaces the instructions on the message (or,
     * when the ledger recorded another verdict than the message shows, the verdict shown); later statuses
     * go to the thread alone.
     */
    private static @Nullable Verdict verdictOf(RequestStatus status) {
        return switch (status) {
            case APPROVED -> Verdict.APPROVED;
            case REJECTED -> Verdict.REJECTED;
            case NEEDS_WORK -> Verdict.NEEDS_WORK;
            default -> null;
        };
    }

    @Override
    public void close() {
        SocketModeDecisions open;
        synchronized (this) {
            open = socket;
        }
        if (open != null) {
            open.close();
        }
        try {
            slack.close();
        } catch (Exception ignored) {
            LOG.debug("closing the Slack client failed: {}", ignored.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "SlackBackChannel[" + channel + "]";
    }

    // ---- submitting

    private Submission submitted(ImprovementRequest request, String id, String ts) {
        String link = "https://slack.com/archives/" + id + "/p" + ts.replace(".", "");
        return Submission.submitted(name, request.id(), id + "/" + ts, link);
    }

    private String channelId() throws SlackFailure {
        if (channelId != null) {
            return channelId;
        }
        String wanted = channel.substring(1);
        String cursor = null;
        for (int page = 0; page < HISTORY_PAGES; page++) {
            String from = cursor;
            ConversationsListResponse list = calls.call("conversations.list", channel, () -> methods.conversationsList(
                    r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true).limit(200).cursor(from)));
            for (Conversation conversation : list.getChannels()) {
                if (wanted.equals(conversation.getName())) {
                    channelId = conversation.getId();
                    return conversation.getId();
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isBlank()) {
                break;
            }
        }
        throw new SlackFailure("Slack conversations.list in " + channel + " failed: channel_not_found: the app"
                + " sees no channel of that name; use the channel id or invite the app; retriable once fixed", true);
    }

    /** The message already posted for {@code request}: remembered, or found once in the channel's history. */
    private @Nullable Message existing(String id, ImprovementRequest request) throws SlackFailure {
        Message known = posted.get(request.fingerprint());
        Instant since = request.createdAt().minus(HISTORY_MARGIN);
        if (known != null || (scannedSince != null && !since.isBefore(scannedSince))) {
            return known;
        }
        String oldest = since.getEpochSecond() + ".000000";
        String cursor = null;
        for (int page = 0; page < HISTORY_PAGES; page++) {
            String from = cursor;
            ConversationsHistoryResponse history = calls.call("conversations.history", channel,
                    () -> methods.conversationsHistory(r -> r.channel(id).oldest(oldest).includeAllMetadata(true)
                            .limit(200).cursor(from)));
            for (Message message : history.getMessages()) {
                Message.Metadata metadata = message.getMetadata();
                if (metadata != null && EVENT_TYPE.equals(metadata.getEventType())
                        && metadata.getEventPayload() != null
                        && metadata.getEventPayload().get("fingerprint") instanceof String fingerprint) {
                    posted.putIfAbsent(fingerprint, message);
                }
            }
            cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isBlank()) {
                break;
            }
        }
        scannedSince = since;
        return posted.get(request.fingerprint());
    }

    private void postThread(String id, String ts, List<String> replies, String requestId) {
        for (String text : replies) {
            try {
                pace();
                calls.call("chat.postMessage (thread)", channel, () -> methods.chatPostMessage(
                        r -> r.channel(id).threadTs(ts).text(text).mrkdwn(true)));
            } catch (SlackFailure failure) {
                LOG.warn("thread of request {} incomplete: {}", requestId, failure.getMessage());
                return;
            }
        }
    }

    /** Keeps posts about a second apart, as Slack allows per channel. */
    private void pace() throws SlackFailure {
        Instant now = clock.instant();
        if (lastPost != null && now.isBefore(lastPost.plus(POST_SPACING))) {
            try {
                sleeper.sleep(Duration.between(now, lastPost.plus(POST_SPACING)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SlackFailure("Slack chat.postMessage in " + channel + " failed: interrupted; retriable", true);
            }
        }
        lastPost = clock.instant();
    }

    // ---- decisions

    private ReactionsGetResponse.Message reactions(MessageRef ref) throws SlackFailure {
        ReactionsGetResponse response = calls.call("reactions.get", channel,
                () -> methods.reactionsGet(r -> r.channel(ref.channel()).timestamp(ref.ts()).full(true)));
        return response.getMessage();
    }

    private Optional<ReviewDecision> fromReactions(MessageRef ref, ReactionsGetResponse.Message message)
            throws SlackFailure {
        List<Reaction> reactions = message.getReactions() == null ? List.of() : message.getReactions();
        String bot = botUser();
        for (Reaction reaction : reactions) {
            Optional<Verdict> verdict = ReviewCommands.parseReaction(reaction.getName());
            if (verdict.isEmpty() || reaction.getUsers() == null) {
                continue;
            }
            for (String user : reaction.getUsers()) {
                if (reviewers.contains(user) && !user.equals(bot)) {
                    return Optional.of(new ReviewDecision(verdict.get(), user, "", clock.instant()));
                }
            }
            for (String user : reaction.getUsers()) {
                if (!user.equals(bot)) {
                    noteIgnored(ref, user, ":" + reaction.getName() + ":");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ReviewDecision> fromReplies(MessageRef ref) throws SlackFailure {
        ConversationsRepliesResponse replies = calls.call("conversations.replies", channel,
                () -> methods.conversationsReplies(r -> r.channel(ref.channel()).ts(ref.ts()).limit(200)));
        String bot = botUser();
        ReviewDecision first = null;
        for (Message message : replies.getMessages()) {
            if (ref.ts().equals(message.getTs()) || message.getBotId() != null || message.getUser() == null
                    || message.getUser().equals(bot) || message.getText() == null) {
                continue;
            }
            Optional<ReviewCommands.Command> command = ReviewCommands.parseReply(message.getText());
            if (command.isEmpty()) {
                continue;
            }
            String user = message.getUser();
            if (!reviewers.contains(user)) {
                noteIgnored(ref, user, "`" + command.get().verdict().name().toLowerCase(Locale.ROOT) + "`");
            } else if (first == null) {
                first = new ReviewDecision(command.get().verdict(), user, command.get().notes(), clock.instant());
            } else if (first.verdict() != command.get().verdict()) {
                String key = ref.ts() + "/late/" + message.getTs();
                if (noted.add(key)) {
                    reply(ref, "_Ignored <@" + user + ">'s later `" + command.get().verdict().name()
                            .toLowerCase(Locale.ROOT) + "`: the first decision, by <@" + first.reviewer()
                            + ">, stands._", "note");
                }
            }
        }
        return Optional.ofNullable(first);
    }

    private void noteIgnored(MessageRef ref, String user, String what) throws SlackFailure {
        if (noted.add(ref.ts() + "/" + user + "/" + what)) {
            reply(ref, "_Ignored " + what + " by <@" + user + ">: only configured reviewers decide._", "note");
        }
    }

    private void markDecided(MessageRef ref, @Nullable List<LayoutBlock> blocks, ReviewDecision decision) {
        decided.putIfAbsent(ref.requestId(), decision);
        if (shownVerdicts.containsKey(ref.ts())) {
            return;
        }
        String verb = switch (decision.verdict()) {
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
            case NEEDS_WORK -> "Needs work, says";
        };
        String line = "*" + verb + "* by <@" + decision.reviewer() + ">"
                + (decision.notes().isBlank() ? "" : ": " + SlackMessage.escape(decision.notes()));
        try {
            update(ref, blocks, line, decision.verdict());
        } catch (SlackFailure failure) {
            LOG.warn("decision not shown on request {}: {}", ref.requestId(), failure.getMessage());
        }
    }

    private void update(MessageRef ref, @Nullable List<LayoutBlock> blocks, String line, Verdict verdict)
            throws SlackFailure {
        List<LayoutBlock> shown = new ArrayList<>();
        for (LayoutBlock block : blocks == null ? List.<LayoutBlock>of() : blocks) {
            if (!SlackMessage.STATUS_BLOCK.equals(block.getBlockId())
                    && !SlackMessage.ACTIONS_BLOCK.equals(block.getBlockId())) {
                shown.add(block);
            }
        }
        shown.add(SlackMessage.section(line, SlackMessage.STATUS_BLOCK));
        calls.call("chat.update", channel, () -> methods.chatUpdate(
                r -> r.channel(ref.channel()).ts(ref.ts()).blocks(shown).text(line)));
        shownVerdicts.put(ref.ts(), verdict);
    }

    private void reply(MessageRef ref, String text, String operation) throws SlackFailure {
        pace();
        calls.call("chat.postMessage (" + operation + ")", channel, () -> methods.chatPostMessage(
                r -> r.channel(ref.channel()).threadTs(ref.ts()).text(text)));
    }

    private @Nullable String botUser() throws SlackFailure {
        if (botUser == null) {
            botUser = calls.call("auth.test", channel, () -> methods.authTest(r -> r)).getUserId();
        }
        return botUser;
    }

    // ---- decisions through Socket Mode

    /** A button click or modal submission, after its ack: decided here, then handed to the listeners. */
    private void interacted(Interaction interaction) {
        Optional<ReviewDecision> decision;
        synchronized (this) {
            decision = decide(interaction);
        }
        // outside the lock: listeners record in the ledger and call statusChanged from their own locks
        decision.ifPresent(made -> {
            for (DecisionListener listener : listeners) {
                try {
                    listener.decided(name, interaction.requestId(), made);
                } catch (RuntimeException failure) {
                    LOG.warn("decision on {} not recorded by a listener: {}", interaction.requestId(),
                            failure.toString());
                }
            }
        });
    }

    private Optional<ReviewDecision> decide(Interaction interaction) {
        MessageRef ref = new MessageRef(interaction.channel(), interaction.ts(), interaction.requestId(), null);
        String what = "the " + switch (interaction.verdict()) {
            case APPROVED -> "*Approve*";
            case REJECTED -> "*Reject*";
            case NEEDS_WORK -> "*Needs work*";
        } + " button";
        try {
            if (interaction.user().equals(botUser())) {
                return Optional.empty();
            }
            if (!reviewers.contains(interaction.user())) {
                ephemeral(interaction, reviewers.isEmpty()
                        ? "No reviewers are configured for Kaizen4j requests here, so nobody's click decides."
                        : "Only the configured reviewers decide on Kaizen4j requests; your click on request `"
                                + SlackMessage.escape(interaction.requestId()) + "` changed nothing.");
                noteIgnored(ref, interaction.user(), what);
                return Optional.empty();
            }
            ReviewDecision earlier = decided.get(interaction.requestId());
            List<LayoutBlock> blocks = null;
            if (earlier == null) {
                blocks = reactions(ref).getBlocks();
                if (blocks != null && blocks.stream().noneMatch(b -> SlackMessage.ACTIONS_BLOCK.equals(b.getBlockId()))) {
                    ephemeral(interaction, "Request `" + SlackMessage.escape(interaction.requestId())
                            + "` is already decided; see its message. Your click changed nothing.");
                    return Optional.empty();
                }
            } else {
                ephemeral(interaction, "Request `" + SlackMessage.escape(interaction.requestId())
                        + "` is already decided: " + word(earlier.verdict()) + " by <@" + earlier.reviewer()
                        + ">. Your click changed nothing.");
                return Optional.empty();
            }
            if (interaction.kind() == Interaction.Kind.BUTTON && interaction.verdict() != Verdict.APPROVED) {
                calls.call("views.open", channel, () -> methods.viewsOpen(
                        r -> r.triggerId(interaction.triggerId()).view(interaction.modal())));
                return Optional.empty();
            }
            ReviewDecision decision = new ReviewDecision(interaction.verdict(), interaction.user(),
                    interaction.notes(), clock.instant());
            decided.put(interaction.requestId(), decision);
            markDecided(ref, blocks, decision);
            LOG.info("request {} {} by {} in Slack", interaction.requestId(), word(decision.verdict()),
                    decision.reviewer());
            return Optional.of(decision);
        } catch (SlackFailure failure) {
            LOG.warn("{} on request {} not handled: {}", what, interaction.requestId(), failure.getMessage());
            return Optional.empty();
        }
    }

    private void ephemeral(Interaction interaction, String text) {
        try {
            calls.call("chat.postEphemeral", channel, () -> methods.chatPostEphemeral(
                    r -> r.channel(interaction.channel()).user(interaction.user()).text(text)));
        } catch (SlackFailure failure) {
            LOG.warn("reply to {} on request {} not shown: {}", interaction.user(), interaction.requestId(),
                    failure.getMessage());
        }
    }

    private static String word(Verdict verdict) {
        return switch (verdict) {
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
            case NEEDS_WORK -> "needs work";
        };
    }

    /** A request message: its channel id and timestamp, from a submission's external id {@code C123/1700000000.000100}. */
    private record MessageRef(String channel, String ts, String requestId, @Nullable List<LayoutBlock> blocks) {

        static Optional<MessageRef> parse(Submission submission) {
            String external = submission.externalId();
            int slash = external == null ? -1 : external.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            return Optional.of(new MessageRef(external.substring(0, slash), external.substring(slash + 1),
                    submission.requestId(), null));
        }

        MessageRef withRequest(String id, @Nullable List<LayoutBlock> shown) {
            return new MessageRef(channel, ts, id, shown);
        }
    }

    /** Builds a {@link SlackBackChannel}. */
    public static final class Builder {

        private @Nullable SlackBackChannelConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** The settings; required. */
        public Builder config(SlackBackChannelConfig config) {
            this.config = requireNonNull(config, "config");
            return this;
        }

        /** The clock that paces posts and reads of thread replies; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The channel.
         *
         * @throws dev.kaizen4j.KaizenException listing every invalid or missing setting
         */
        public SlackBackChannel build() {
            return new SlackBackChannel(this);
        }
    }
}
