package dev.kaizen4j.samples.cli;

import dev.kaizen4j.CycleResult;
import dev.kaizen4j.ImprovementCycle;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ProposalOutcome;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.proposal.Proposal;
import dev.kaizen4j.proposal.PromptRefinement;
import dev.kaizen4j.review.RequestStatus;
import dev.kaizen4j.team.TeamSpec;
import dev.kaizen4j.team.TeamSpecLoader;
import dev.kaizen4j.verify.CrossTeamSuggester;
import dev.kaizen4j.verify.Verification;
import dev.kaizen4j.verify.VerificationArchive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kaizen4j suggest}: offers a change verified effective to other teams' agents of the same role. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Suggest a change verified effective (kaizen4j verify --request) to other teams: every agent"
                + " with the same role as the changed agent gets the same prompt refinement, adapted to its own"
                + " prompt, tagged with the origin request and the evidence.",
                "Suggestions go through the same validation, de-duplication, rate limit and human review as the"
                + " cycle's own proposals. The origin team's spec must be among the --team-spec files."})
final class SuggestCommand implements Callable<Integer> {

    @ParentCommand
    KaizenCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    StateOptions state = new StateOptions();

    @Option(names = "--from", paramLabel = "ID", required = true,
            description = "The request verified effective whose change to suggest.")
    String from;

    @Option(names = "--team-spec", paramLabel = "FILE", required = true, arity = "1..*",
            description = "Team specs: the origin team's and the teams to suggest to.")
    List<Path> teamSpecs = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "LIFT",
            description = "Smallest relative lift of the success rate worth suggesting. Default: 0.10.")
    double threshold = 0.10;

    @Option(names = "--back-channel", paramLabel = "NAME",
            description = "Where the suggestions go: file, github, a plugin's name, or several as file,github"
                    + " (env KAIZEN_BACK_CHANNEL). Default: file.")
    @Nullable String backChannel;

    @Override
    public Integer call() {
        RunnerContext context = RunnerContext.of(root, state);
        RequestRecord origin = context.ledger().find(from)
                .orElseThrow(() -> KaizenException.invalidInput("no request '" + from + "' in " + context.ledgerLocation()));
        if (origin.status() != RequestStatus.VERIFIED_EFFECTIVE) {
            throw KaizenException.invalidInput("request " + from + " is " + status(origin.status())
                    + "; only changes verified effective are suggested (kaizen4j verify --request " + from + ")");
        }
        if (!(origin.request().proposal() instanceof PromptRefinement refinement)) {
            throw KaizenException.invalidInput("request " + from + " changes code; only prompt refinements can be"
                    + " adapted to other teams' agents");
        }
        VerificationArchive archive = new VerificationArchive(context.stateDirectory().resolve("verifications"));
        Verification evidence = archive.find(from).orElseThrow(() -> KaizenException.invalidInput(
                "no verification of " + from + " in " + archive.directory() + "; run kaizen4j verify --request " + from));
        List<TeamSpec> teams = teamSpecs.stream().map(TeamSpecLoader::load).toList();
        if (teams.stream().noneMatch(team -> team.name().equals(refinement.team()))) {
            throw KaizenException.invalidInput("the spec of team " + refinement.team() + " is needed to know the role of "
                    + refinement.agent() + ": add it to --team-spec");
        }
        CrossTeamSuggester suggester;
        try {
            suggester = CrossTeamSuggester.builder().archive(archive).teams(teams).liftThreshold(threshold).build();
        } catch (IllegalArgumentException bad) {
            throw KaizenException.invalidInput(bad.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!suggester.qualifies(evidence)) {
            out.printf(Locale.ROOT, "%s: relative lift %s is below the threshold %s; nothing to suggest%n", from,
                    evidence.primary().relativeLift(), threshold);
            out.flush();
            return 0;
        }
        out.println("Suggesting " + from + " (" + refinement.summary() + "): " + evidence.summary());
        List<String> channels = BackChannels.names(context, backChannel);
        for (TeamSpec target : teams) {
            if (target.name().equals(refinement.team())) {
                continue;
            }
            List<PromptRefinement> suggestions = suggester.suggest(origin, target);
            if (suggestions.isEmpty()) {
                out.println("  " + target.name() + ": no agent with the same role, or the change is there already");
                continue;
            }
            List<Proposal> proposals = List.copyOf(suggestions);
            CycleResult result;
            try (BackChannels.Opened opened = BackChannels.open(context, channels)) {
                result = ImprovementCycle.builder()
                        .team(target)
                        .source((query, problems) -> Stream.empty())
                        .proposalGenerator((report, plan, team) -> proposals)
                        .ledger(context.ledger())
                        .backChannel(opened.channel())
                        .changePublisher(opened.publisher())
                        .clock(root.clock())
                        .listenForDecisions(false)
                        .build()
                        .run();
            }
            for (ProposalOutcome outcome : result.outcomes()) {
                out.println("  " + target.name() + ": " + outcome.requestId() + " " + status(outcome.status()) + " - "
                        + outcome.proposal().summary() + " (" + outcome.note() + ")");
                out.println(outcome.proposal().diff().indent(4).stripTrailing());
            }
        }
        out.flush();
        return 0;
    }

    private static String status(RequestStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
