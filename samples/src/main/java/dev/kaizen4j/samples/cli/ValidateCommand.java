package dev.kaizen4j.samples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.validation.CategoryPolicy;
import dev.kaizen4j.validation.DefaultPromptValidator;
import dev.kaizen4j.validation.JavaParserSafeCodeValidator;
import dev.kaizen4j.validation.ValidationResult;
import dev.kaizen4j.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kaizen4j validate}: checks a proposed change against the current file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a proposed change against the current file: Java code with the safe-code validator,"
                + " or prompt text with --prompt.",
                "Exit code 0 when accepted, 1 when rejected, 2 on bad usage."})
final class ValidateCommand implements Callable<Integer> {

    static final int EXIT_REJECTED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--current", paramLabel = "FILE", required = true, description = "The file as it is.")
    Path current;

    @Option(names = "--proposed", paramLabel = "FILE", required = true, description = "The file as proposed.")
    Path proposed;

    @Option(names = "--prompt", description = "Validate the files as prompt text instead of Java code.")
    boolean prompt;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Option(names = "--strict-categories", description = "Reject a code edit that fits no modification category"
            + " (by default it is accepted with the closest category and a warning).")
    boolean strictCategories;

    @Override
    public Integer call() throws IOException {
        String currentText = read(current, "--current");
        String proposedText = read(proposed, "--proposed");
        ValidationResult result = prompt
                ? new DefaultPromptValidator().validate(currentText, proposedText)
                : JavaParserSafeCodeValidator.builder()
                        .categoryPolicy(strictCategories ? CategoryPolicy.STRICT : CategoryPolicy.WARN).build()
                        .validate(currentText, proposedText);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode verdict = Json.mapper().createObjectNode();
            verdict.put("accepted", result.isAccepted());
            verdict.set("categories", Json.mapper().valueToTree(
                    result.categories().stream().map(ModificationCategory::key).sorted().toList()));
            verdict.set("violations", Json.mapper().valueToTree(result.violations()));
            verdict.set("warnings", Json.mapper().valueToTree(result.warnings()));
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(verdict));
        } else {
            out.println(result.isAccepted() ? "ACCEPTED" : "REJECTED");
            if (!result.categories().isEmpty()) {
                out.println("categories: " + String.join(", ",
                        result.categories().stream().map(ModificationCategory::key).sorted().toList()));
            }
            for (Violation violation : result.violations()) {
                out.println("  " + violation);
            }
            for (Violation warning : result.warnings()) {
                out.println("  warning: " + warning);
            }
        }
        out.flush();
        return result.isAccepted() ? 0 : EXIT_REJECTED;
    }

    private static String read(Path file, String option) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw KaizenException.invalidInput(option + " file not found: " + file);
        }
    }
}
