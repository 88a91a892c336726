package dev.kaizen4j.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The agent source the validator tests change: a langchain4j market researcher with two tools. */
final class AgentSources {

    static final String RESEARCHER = load("/validation/MarketResearcher.java.txt");

    private static final String WEB_SEARCH_TRY =
            "        public String webSearch(@P(\"the search query\") String query) {\n            try {\n";
    private static final String LAST_IMPORT = "import java.util.stream.Collectors;\n";
    private static final String CONSTRUCTOR = "    private MarketResearcher() {\n";
    private static final String TOOLS_FIELDS = "        private final ChatModel summarizer;\n";

    private AgentSources() {
    }

    static String load(String resource) {
        try (InputStream in = AgentSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The researcher with {@code statement} as the first statement of the web-search tool's try block. */
    static String withStatement(String statement) {
        return replaceOnce(RESEARCHER, WEB_SEARCH_TRY, WEB_SEARCH_TRY + "                " + statement + "\n");
    }

    /** The researcher with a member added to the outer class. */
    static String withMember(String member) {
        return replaceOnce(RESEARCHER, CONSTRUCTOR, member + "\n\n" + CONSTRUCTOR);
    }

    /** The researcher with a member added to the nested tools class. */
    static String withToolsMember(String member) {
        return replaceOnce(RESEARCHER, TOOLS_FIELDS, TOOLS_FIELDS + "\n        " + member + "\n");
    }

    /** {@code source} with an import added after the last one. */
    static String withImport(String source, String importDeclaration) {
        return replaceOnce(source, LAST_IMPORT, LAST_IMPORT + importDeclaration + "\n");
    }

    static String replaceOnce(String source, String target, String replacement) {
        int index = source.indexOf(target);
        if (index < 0) {
            throw new IllegalArgumentException("not found in source: " + target);
        }
        return source.substring(0, index) + replacement + source.substring(index + target.length());
    }
}
