package dev.kaizen4j.samples.cli;

import dev.kaizen4j.DecisionSync;
import dev.kaizen4j.DecisionUpdate;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.SyncResult;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.notifier.supabase.SupabaseBackChannel;
import dev.kaizen4j.notifier.supabase.SupabaseDatabase;
import dev.kaizen4j.publish.PatchFileChangePublisher;
import dev.kaizen4j.review.DecisionListener;
import dev.kaizen4j.review.FileBackChannel;
import dev.kaizen4j.review.RequestMarkdown;
import dev.kaizen4j.review.Verdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kaizen4j review}: list, show and decide on the requests held by the file back-channel. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "List, show, approve, reject or ask for more work on improvement requests; confirm applied changes.",
        subcommands = {
            ReviewCommand.ListRequests.class,
            ReviewCommand.Show.class,
            ReviewCommand.Approve.class,
            ReviewCommand.Reject.class,
            ReviewCommand.NeedsWork.class,
            ReviewCommand.Sync.class,
            ReviewCommand.Listen.class,
            ReviewCommand.MarkApplied.class
        })
final class ReviewCommand implements Runnable {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared plumbing of the review subcommands. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        ReviewCommand review;

        @Spec
        CommandSpec spec;

        @Mixin
        StateOptions state = new StateOptions();

        RunnerContext context() {
            return RunnerContext.of(review.root, state);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        RequestRecord record(ImprovementLedger ledger, String id) {
            return ledger.find(id).orElseThrow(() -> KaizenException.invalidInput("no request '" + id + "' in "
                    + context().ledgerLocation() + "; see kaizen4j review list"));
        }

        static String reviewer(RunnerContext context, String flag) {
            return context.settings().get(flag, "reviewer")
                    .or(() -> context.settings().environment("USER"))
                    .orElse("reviewer");
        }

        static String status(RequestRecord record) {
            return record.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List requests and their status.")
    static final class ListRequests extends Subcommand {
        @Override
        public Integer call() {
            List<RequestRecord> records = context().ledger().records();
            PrintWriter out = out();
            if (records.isEmpty()) {
                out.println("No requests yet. Run: kaizen4j run");
            }
            for (RequestRecord record : records) {
                out.printf(Locale.ROOT, "%-26s %-22s %s%n", record.requestId(), status(record),
                        record.request().proposal().summary());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a request: rationale, evidence, diff and its history.")
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Override
        public Integer call() {
            RequestRecord record = record(context().ledger(), id);
            PrintWriter out = out();
            out.println("# " + record.request().title());
            out.println("status: " + status(record));
            out.println();
            out.print(RequestMarkdown.render(record.request()));
            out.println();
            out.println("History:");
            for (LedgerEntry entry : record.history()) {
                out.printf(Locale.ROOT, "  %s  %-22s %s%n", entry.at(), entry.status().name().toLowerCase(Locale.ROOT),
                        entry.note() == null ? "" : entry.note());
            }
            out.flush();
            return 0;
        }
    }

    /** Records a decision on the file back-channel, then syncs it into the ledger. */
    abstract static class Decide extends Subcommand {
        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Option(names = "--notes", paramLabel = "TEXT", description = "Notes for the ledger and the next cycle.")
        String notes = "";

        @Option(names = "--reviewer", paramLabel = "NAME",
                description = "Who decides (env KAIZEN_REVIEWER, else the USER variable).")
        String reviewer;

        abstract Verdict verdict();

        @Override
        public Integer call() {
            RunnerContext context = context();
            ImprovementLedger ledger = context.ledger();
            RequestRecord record = record(ledger, id);
            if (!record.status().isAwaitingDecision()) {
                throw KaizenException.invalidInput("request " + id + " is " + status(record)
                        + ", not awaiting a decision");
            }
            String who = reviewer(context, reviewer);
            SyncResult sync = decideAndSync(this, context, ledger, record, who);
            PrintWriter out = out();
            out.printf(Locale.ROOT, "%s %s by %s%n", id, verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), who);
            for (DecisionUpdate update : sync.updates()) {
                if (update.published() != null) {
                    out.println("Change published: " + update.published().reference());
                    if (update.published().publisher().equals(PatchFileChangePublisher.NAME)) {
                        out.println("Apply it at the root of the team's repository with: git apply "
                                + update.published().reference());
                        out.println("Once it is merged, record it with: kaizen4j review mark-applied " + id);
                    }
                } else if (update.publishError() != null) {
                    out.println("Publishing failed; the request stays approved and is retried on the next sync: "
                            + update.publishError());
                }
            }
            RequestRecord after = record(ledger, id);
            out.println("Ledger: " + id + " is now " + status(after));
            // The sync reads every submitted request on the channel: say which could not be read, this one or others.
            Sync.printUnread(out, sync);
            out.flush();
            return after.status().isAwaitingDecision() ? RunCommand.EXIT_CYCLE_ERRORS : 0;
        }
    }

    /** Decides on the channel the request went to (the Supabase table, else the file channel), then syncs. */
    private static SyncResult decideAndSync(Decide command, RunnerContext context, ImprovementLedger ledger,
            RequestRecord record, String who) {
        Clock clock = command.review.root.clock();
        Optional<SupabaseDatabase> database = context.database();
        if (database.isPresent() && record.submission() != null
                && SupabaseBackChannel.NAME.equals(record.submission().channel())) {
            try (SupabaseBackChannel channel = SupabaseBackChannel.jdbc(database.get().dataSource(), clock)) {
                if (channel.decide(command.id, command.verdict(), who, command.notes).isEmpty()) {
                    throw KaizenException.invalidInput("request " + command.id + " is no longer pending in"
                            + " team_improvement_requests; pick up the decision made there with: kaizen4j review sync"
                            + " --back-channel supabase");
                }
                return new DecisionSync(ledger, channel, context.patchPublisher(), clock).sync();
            }
        }
        FileBackChannel channel = context.fileBackChannel();
        channel.decide(command.id, command.verdict(), who, command.notes);
        return new DecisionSync(ledger, channel, context.patchPublisher(), clock).sync();
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a request.")
    static final class Approve extends Decide {
        @Override
        Verdict verdict() {
            return Verdict.APPROVED;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request.")
    static final class Reject extends Decide {
        @Override
        Verdict verdict() {
            return Verdict.REJECTED;
        }
    }

    @Command(name = "needs-work", mixinStandardHelpOptions = true,
            description = "Ask for more work; the notes feed the next cycle's discussion.")
    static final class NeedsWork extends Decide {
        @Override
        Verdict verdict() {
            return Verdict.NEEDS_WORK;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Pull decisions from the back-channel into the ledger and publish approved changes.")
    static final class Sync extends Subcommand {
        @Option(names = "--back-channel", paramLabel = "NAME",
                description = "The back-channel to read: file, github, a plugin's name, or several as file,github"
                        + " (env KAIZEN_BACK_CHANNEL)."
                        + " Default: file.")
        String backChannel;

        @Override
        public Integer call() {
            RunnerContext context = context();
            List<String> channels = BackChannels.names(context, backChannel);
            SyncResult sync;
            try (BackChannels.Opened opened = BackChannels.open(context, channels)) {
                sync = new DecisionSync(context.ledger(), opened.channel(), opened.publisher(), review.root.clock())
                        .sync();
            }
            print(out(), sync);
            return sync.complete() ? 0 : RunCommand.EXIT_CYCLE_ERRORS;
        }

        /**
         * What a sync did: the decisions picked up, publications and changes of published changes, and the
         * decisions that could not be read.
         */
        static void print(PrintWriter out, SyncResult sync) {
            List<DecisionUpdate> updates = sync.updates();
            out.println(updates.stream().filter(u -> u.publication() == null).count() + " decisions picked up");
            for (DecisionUpdate update : updates) {
                if (update.publication() != null) {
                    out.printf(Locale.ROOT, "  %s: %s, %s%n", update.requestId(),
                            update.publication().state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            update.publication().detail());
                    continue;
                }
                out.printf(Locale.ROOT, "  %s: %s by %s%s%s%n", update.requestId(),
                        update.decision().verdict().name().toLowerCase(Locale.ROOT), update.decision().reviewer(),
                        update.published() == null ? "" : ", published: " + update.published().reference(),
                        update.publishError() == null ? "" : ", publishing failed (will retry): " + update.publishError());
            }
            printUnread(out, sync);
            out.flush();
        }

        /** The decisions a sync could not read, if any, and what becomes of their requests. */
        static void printUnread(PrintWriter out, SyncResult sync) {
            new ReportPrinter(out).errors(sync.errors());
            if (!sync.complete()) {
                out.println("Some decisions could not be read (listed above); those requests stay submitted and the"
                        + " next sync asks again.");
            }
        }
    }

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = "Record decisions as reviewers make them on back-channels that deliver them as events"
                    + " (Slack buttons through Socket Mode) and publish approved changes, until stopped (Ctrl-C).")
    static final class Listen extends Subcommand {
        @Option(names = "--back-channel", paramLabel = "NAME",
                description = "The back-channel(s) to listen to, as for review sync (env KAIZEN_BACK_CHANNEL).")
        String backChannel;

        @Override
        public Integer call() {
            RunnerContext context = context();
            List<String> channels = BackChannels.names(context, backChannel);
            PrintWriter out = out();
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread onExit = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "kaizen4j-listen-stop");
            boolean listening = false;
            try (BackChannels.Opened opened = BackChannels.open(context, channels)) {
                if (!opened.channel().deliversDecisions()) {
                    throw KaizenException.invalidInput("back-channel " + String.join(",", channels)
                            + " does not deliver decisions as they are made; read them with kaizen4j review sync"
                            + " --back-channel " + String.join(",", channels)
                            + ", or configure the channel for events as the README's section on it says");
                }
                ImprovementLedger ledger = context.ledger();
                DecisionSync sync = new DecisionSync(ledger, opened.channel(), opened.publisher(), review.root.clock());
                out.print("Decisions made while nobody listened: ");
                Sync.print(out, sync.sync());
                DecisionListener record = sync.listener(null);
                opened.channel().decisionsTo((channel, id, decision) -> {
                    record.decided(channel, id, decision);
                    synchronized (out) {
                        out.printf(Locale.ROOT, "%s: %s by %s on %s; the ledger says %s%n", id,
                                decision.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                decision.reviewer(), channel,
                                ledger.find(id).map(Subcommand::status).orElse("nothing (not in the ledger)"));
                        out.flush();
                    }
                });
                Runtime.getRuntime().addShutdownHook(onExit);
                listening = true;
                out.println("Listening for decisions on " + opened.channel().name() + "; Ctrl-C stops.");
                out.flush();
                stop.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits until the channels are closed
                }
                if (listening) {
                    out.println("Stopped listening.");
                    out.flush();
                }
                stopped.countDown();
            }
            return 0;
        }
    }

    @Command(name = "mark-applied", mixinStandardHelpOptions = true,
            description = "Record that a published change (a patch) is now in the team's repository: it becomes merged.")
    static final class MarkApplied extends Subcommand {
        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Option(names = "--notes", paramLabel = "TEXT", description = "Where or how it was applied, e.g. a commit.")
        String notes = "";

        @Option(names = "--reviewer", paramLabel = "NAME",
                description = "Who confirms it (env KAIZEN_REVIEWER, else the USER variable).")
        String reviewer;

        @Override
        public Integer call() {
            RunnerContext context = context();
            ImprovementLedger ledger = context.ledger();
            record(ledger, id);
            String who = reviewer(context, reviewer);
            new DecisionSync(ledger, context.fileBackChannel(), null, review.root.clock()).markMerged(id, who, notes);
            PrintWriter out = out();
            out.println(id + " marked applied by " + who);
            out.println("Ledger: " + id + " is now " + status(record(ledger, id)));
            out.flush();
            return 0;
        }
    }
}
