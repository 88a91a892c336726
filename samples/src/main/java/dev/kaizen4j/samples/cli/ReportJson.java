package dev.kaizen4j.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaizen4j.KaizenException;
import dev.kaizen4j.analysis.EffectivenessReport;
import dev.kaizen4j.analysis.Finding;
import dev.kaizen4j.internal.Json;
import dev.kaizen4j.source.SourceProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a report as JSON: {@code team}, {@code metrics}, {@code agents}, {@code findings} (each
 * with its {@code rate}), {@code attributions} ({@code task_id}, {@code agent}, {@code step},
 * {@code confidence}, {@code reason}), {@code ranking} and {@code skipped_input}.
 */
final class ReportJson {

    private ReportJson() {}

    static void write(Path file, EffectivenessReport report, List<SourceProblem> skipped, long skippedCount) {
        ObjectMapper json = Json.mapper();
        ObjectNode root = json.valueToTree(report);
        JsonNode findings = root.get("findings");
        for (int i = 0; i < report.findings().size(); i++) {
            Finding finding = report.findings().get(i);
            ((ObjectNode) findings.get(i)).put("rate", finding.rate());
        }
        ObjectNode skippedNode = root.putObject("skipped_input");
        skippedNode.put("count", skippedCount);
        skippedNode.set("first", json.valueToTree(skipped));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException failure) {
            throw KaizenException.invalidInput("cannot write the report to " + file + ": " + failure.getMessage());
        }
    }
}
