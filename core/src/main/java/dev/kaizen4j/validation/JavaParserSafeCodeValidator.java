package dev.kaizen4j.validation;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import dev.kaizen4j.proposal.ModificationCategory;
import dev.kaizen4j.validation.internal.ApiSurface;
import dev.kaizen4j.validation.internal.ChangeClassifier;
import dev.kaizen4j.validation.internal.DangerCatalog;
import dev.kaizen4j.validation.internal.DangerScanner;
import dev.kaizen4j.validation.internal.MemberReparser;
import dev.kaizen4j.validation.internal.Nodes;
import dev.kaizen4j.validation.internal.SourceText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SafeCodeValidator} on JavaParser's AST. A proposal is rejected when
 * <ul>
 *   <li>either version does not parse ({@code syntax}), or is larger than the limit;</li>
 *   <li>it hides code behind unicode escapes or invisible characters ({@code obfuscated-source},
 *       {@code hidden-characters});</li>
 *   <li>it introduces a {@link DangerousOperation} (rule id {@link DangerousOperation#ruleId()}), however
 *       it is spelled: imports, qualified names, {@code var}, aliasing fields and locals, casts, call
 *       chains, lambdas, method references, anonymous and nested classes, initializers;</li>
 *   <li>it removes or changes a public or protected type or member, a supertype, or an annotation a
 *       framework relies on ({@code interface-removed}, {@code interface-changed},
 *       {@code annotation-changed});</li>
 *   <li>one of its edits has a {@link ModificationCategory modification category} the host does not allow
 *       ({@code category-not-allowed}), fits none under {@link CategoryPolicy#STRICT}
 *       ({@code category-unclassified}), or it changes nothing: the same text up to whitespace
 *       ({@code no-change}).</li>
 * </ul>
 * Categories come from what the code does (see the README's "Validation" section). Under the default
 * {@link CategoryPolicy#WARN}, an edit that fits no category is reported with the closest one and a
 * {@code category-unclassified} warning. An edit of comments or Javadoc only is {@code update_prompt}:
 * documentation of the agent's code. The result lists every violation and warning with its line and
 * the offending code, and the categories of the change. The validator never throws on bad input and
 * is safe to share between threads.
 */
public final class JavaParserSafeCodeValidator implements SafeCodeValidator {

    /** The default limit on the size of each source, in characters. */
    public static final int DEFAULT_MAX_SOURCE_LENGTH = 1_000_000;

    /** Annotations frameworks read, kept on members of any visibility (langchain4j's by default). */
    public static final Set<String> DEFAULT_FRAMEWORK_ANNOTATIONS = Set.of("Tool", "P", "SystemMessage", "UserMessage",
            "V", "MemoryId", "ToolMemoryId", "Description", "StructuredPrompt", "Moderate", "AiService", "UserName");

    /** Framework annotations whose text may change (their other attributes may not). */
    public static final Set<String> DEFAULT_TEXT_ANNOTATIONS = Set.of("Tool", "P", "SystemMessage", "UserMessage",
            "Description", "StructuredPrompt");

    private static final int CACHED_SOURCES = 8;

    // No language-level validation (any Java syntax JavaParser knows is read), no comments and no
    // line-ending detection: each costs parse time and nothing here reads them.
    private static final ParserConfiguration CONFIGURATION = configuration(false);
    // Unicode escapes are decoded, so the AST is what the compiler sees. Decoding is slow, and a source
    // without a backslash followed by u has nothing to decode.
    private static final ParserConfiguration DECODING_CONFIGURATION = configuration(true);

    private final DangerCatalog catalog;
    private final DangerPolicy policy;
    private final CategoryPolicy categoryPolicy;
    private final Set<ModificationCategory> allowedCategories;
    private final Set<String> frameworkAnnotations;
    private final Set<String> textAnnotations;
    private final boolean checkInterface;
    private final boolean incrementalParsing;
    private final int maxSourceLength;
    private final Map<String, Analysis> recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
            return size() > CACHED_SOURCES;
        }
    };

    /** A validator with the default deny list, policy and categories. */
    public JavaParserSafeCodeValidator() {
        this(builder());
    }

    private JavaParserSafeCodeValidator(Builder builder) {
        this.catalog = builder.catalog.copy();
        this.policy = builder.policy;
        this.categoryPolicy = builder.categoryPolicy;
        this.allowedCategories = Set.copyOf(builder.allowedCategories);
        this.frameworkAnnotations = Set.copyOf(builder.frameworkAnnotations);
        this.textAnnotations = Set.copyOf(builder.textAnnotations);
        this.checkInterface = builder.checkInterface;
        this.incrementalParsing = builder.incrementalParsing;
        this.maxSourceLength = builder.maxSourceLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The categories this validator accepts. */
    public Set<ModificationCategory> allowedCategories() {
        return allowedCategories;
    }

    @Override
    public ValidationResult validate(String currentSource, String proposedSource) {
        requireNonNull(currentSource, "currentSource");
        requireNonNull(proposedSource, "proposedSource");
        try {
            return check(currentSource, proposedSource);
        } catch (RuntimeException | StackOverflowError failure) {
            return ValidationResult.rejected(List.of(new Violation(RuleIds.UNANALYZABLE,
                    "the code could not be analysed (" + failure.getClass().getSimpleName() + "), so it is rejected",
                    0, 0, "")));
        }
    }

    private ValidationResult check(String currentSource, String proposedSource) {
        List<Violation> violations = new ArrayList<>();
        if (proposedSource.length() > maxSourceLength || currentSource.length() > maxSourceLength) {
            return ValidationResult.rejected(List.of(new Violation(RuleIds.INPUT_TOO_LARGE, "the code has more than "
                    + maxSourceLength + " characters", 0, 0, "")));
        }
        violations.addAll(SourceText.obfuscation(currentSource, proposedSource));
        SourceText proposedText = new SourceText(proposedSource);
        boolean newFile = currentSource.isBlank();
        Analysis known = newFile ? null : cached(currentSource);
        // a proposal usually edits a few members of the current file: only they need parsing
        CompilationUnit proposed = known == null || !incrementalParsing ? null
                : MemberReparser.reparse(currentSource, known.unit(), proposedSource, CONFIGURATION).orElse(null);
        if (proposed == null) {
            proposed = parse(proposedSource, "proposed", violations, proposedText);
        }
        if (proposed == null) {
            return ValidationResult.rejected(violations);
        }
        Analysis analysis = newFile ? new Analysis(new CompilationUnit(), Map.of(), null)
                : known != null ? known : analyse(currentSource, proposedSource, proposed, violations);
        if (analysis == null) {
            return ValidationResult.rejected(violations);
        }
        CompilationUnit current = analysis.unit();
        Map<String, Integer> tolerated = new HashMap<>(analysis.dangerousUses());
        if (policy == DangerPolicy.REJECT_ALL) {
            tolerated.clear();
        }
        for (DangerScanner.Use use : DangerScanner.scan(proposed, catalog)) {
            Integer left = tolerated.get(use.toleranceKey());
            if (left != null && left > 0) {
                tolerated.put(use.toleranceKey(), left - 1);
                continue;
            }
            int line = Nodes.line(use.node());
            violations.add(new Violation(use.operation().ruleId(), (newFile || policy == DangerPolicy.REJECT_ALL
                    ? "" : "new ") + use.operation().description() + ": " + use.what(), line, Nodes.column(use.node()),
                    proposedText.line(line)));
        }

        if (checkInterface && analysis.surface() != null) {
            violations.addAll(analysis.surface().brokenBy(ApiSurface.of(proposed, frameworkAnnotations, textAnnotations)));
        }

        Set<ModificationCategory> categories = EnumSet.noneOf(ModificationCategory.class);
        List<Violation> warnings = new ArrayList<>();
        List<ChangeClassifier.Edit> edits = ChangeClassifier.classify(current, proposed);
        Set<String> reported = new LinkedHashSet<>();
        for (ChangeClassifier.Edit edit : edits) {
            if (edit.category() != null) {
                categorized(edit.category(), edit, categories, violations, reported, proposedText);
            }
        }
        for (ChangeClassifier.Edit edit : edits) {
            if (!edit.neutral() && edit.category() == null) {
                unclassified(edit, edit.description(), categories, violations, warnings, reported, proposedText);
            }
        }
        if (edits.isEmpty()) {
            if (SourceText.sameIgnoringWhitespace(currentSource, proposedSource)) {
                violations.add(new Violation(RuleIds.NO_CHANGE, "the proposed code does not change the program", 0, 0,
                        ""));
            } else {
                // comments and Javadoc document the agent's code for the people and models that read it
                categorized(ModificationCategory.UPDATE_PROMPT, new ChangeClassifier.Edit(
                        ModificationCategory.UPDATE_PROMPT, "changes only comments or documentation", 0, "", false, null),
                        categories, violations, reported, proposedText);
            }
        }
        return ValidationResult.of(violations, categories, warnings);
    }

    private void categorized(ModificationCategory category, ChangeClassifier.Edit edit,
            Set<ModificationCategory> categories, List<Violation> violations, Set<String> reported, SourceText text) {
        categories.add(category);
        if (!allowedCategories.contains(category) && reported.add(edit.line() + " " + category)) {
            violations.add(new Violation(RuleIds.CATEGORY_NOT_ALLOWED, category.key() + " is not an allowed category: "
                    + edit.description(), edit.line(), 0, snippet(text, edit)));
        }
    }

    private void unclassified(ChangeClassifier.Edit edit, String description, Set<ModificationCategory> categories,
            List<Violation> violations, List<Violation> warnings, Set<String> reported, SourceText text) {
        if (!reported.add(edit.line() + " " + description)) {
            return;
        }
        if (categoryPolicy == CategoryPolicy.STRICT) {
            violations.add(new Violation(RuleIds.CATEGORY_UNCLASSIFIED, "edit fits none of the modification"
                    + " categories: " + description, edit.line(), 0, snippet(text, edit)));
            return;
        }
        ModificationCategory closest = edit.closest() != null ? edit.closest()
                : categories.isEmpty() ? ModificationCategory.ADJUST_PARAMETERS : categories.iterator().next();
        warnings.add(new Violation(RuleIds.CATEGORY_UNCLASSIFIED, "edit fits none of the modification categories,"
                + " reported as the closest, " + closest.key() + ", for the reviewer to judge: " + description,
                edit.line(), 0, snippet(text, edit)));
        categorized(closest, edit, categories, violations, reported, text);
    }

    /** What the validator knows about a current source; read-only once built, so it is shared. */
    private record Analysis(CompilationUnit unit, Map<String, Integer> dangerousUses, @Nullable ApiSurface surface) {
    }

    /**
     * The analysis of a current source, from a small cache: an improvement cycle validates several
     * proposals against the same file, and parsing is most of the work.
     */
    private @Nullable Analysis cached(String currentSource) {
        synchronized (recent) {
            return recent.get(currentSource);
        }
    }

    /** Parses and analyses a current source, and caches the result; empty when it does not parse. */
    private @Nullable Analysis analyse(String currentSource, String proposedSource, CompilationUnit proposed,
            List<Violation> violations) {
        CompilationUnit unit = !incrementalParsing ? null
                : MemberReparser.reparse(proposedSource, proposed, currentSource, CONFIGURATION).orElse(null);
        if (unit == null) {
            unit = parse(currentSource, "current", violations, new SourceText(currentSource));
        }
        if (unit == null) {
            return null;
        }
        Map<String, Integer> uses = new HashMap<>();
        for (DangerScanner.Use use : DangerScanner.scan(unit, catalog)) {
            uses.merge(use.toleranceKey(), 1, Integer::sum);
        }
        // printing a node sets the printer on its compilation unit once; do it before threads share the tree
        unit.getTypes().forEach(type -> type.getName().toString());
        Analysis analysis = new Analysis(unit, Map.copyOf(uses), ApiSurface.of(unit, frameworkAnnotations,
                textAnnotations));
        synchronized (recent) {
            recent.put(currentSource, analysis);
        }
        return analysis;
    }

    private static String snippet(SourceText text, ChangeClassifier.Edit edit) {
        String line = text.line(edit.line());
        return line.isEmpty() ? edit.snippet() : line;
    }

    private static ParserConfiguration configuration(boolean decodeUnicodeEscapes) {
        return new ParserConfiguration()
                .setLanguageLevel(null)
                .setAttributeComments(false)
                .setDetectOriginalLineSeparator(false)
                .setPreprocessUnicodeEscapes(decodeUnicodeEscapes);
    }

    private static @Nullable CompilationUnit parse(String source, String which, List<Violation> violations,
            SourceText text) {
        ParseResult<CompilationUnit> result = new JavaParser(source.contains("\\u") ? DECODING_CONFIGURATION
                : CONFIGURATION).parse(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            return result.getResult().get();
        }
        List<Problem> problems = result.getProblems();
        if (problems.isEmpty()) {
            violations.add(new Violation(RuleIds.SYNTAX, "the " + which + " code does not parse", 0, 0, ""));
        }
        for (Problem problem : problems.subList(0, Math.min(problems.size(), 5))) {
            int line = problem.getLocation().flatMap(TokenRange::toRange).map(r -> r.begin.line).orElse(0);
            int column = problem.getLocation().flatMap(TokenRange::toRange).map(r -> r.begin.column).orElse(0);
            String message = problem.getMessage();
            int newline = message.indexOf('\n');
            violations.add(new Violation(RuleIds.SYNTAX, "the " + which + " code does not parse: "
                    + (newline < 0 ? message : message.substring(0, newline)), which.equals("proposed") ? line : 0,
                    which.equals("proposed") ? column : 0, which.equals("proposed") ? text.line(line) : ""));
        }
        return null;
    }

    /** Settings of a {@link JavaParserSafeCodeValidator}. */
    public static final class Builder {

        private final DangerCatalog catalog = DangerCatalog.defaults();
        private DangerPolicy policy = DangerPolicy.TOLERATE_UNCHANGED;
        private CategoryPolicy categoryPolicy = CategoryPolicy.WARN;
        private final Set<ModificationCategory> allowedCategories = EnumSet.allOf(ModificationCategory.class);
        private final Set<String> frameworkAnnotations = new LinkedHashSet<>(DEFAULT_FRAMEWORK_ANNOTATIONS);
        private final Set<String> textAnnotations = new LinkedHashSet<>(DEFAULT_TEXT_ANNOTATIONS);
        private boolean checkInterface = true;
        private boolean incrementalParsing = true;
        private int maxSourceLength = DEFAULT_MAX_SOURCE_LENGTH;

        private Builder() {
        }

        /** What to do with dangerous uses the current code already has. Default: {@link DangerPolicy#TOLERATE_UNCHANGED}. */
        public Builder policy(DangerPolicy policy) {
            this.policy = requireNonNull(policy, "policy");
            return this;
        }

        /** Narrows the deny list: these operations are no longer reported. */
        public Builder allow(DangerousOperation... operations) {
            catalog.allowing(Set.copyOf(Arrays.asList(operations)));
            return this;
        }

        /** Reports these operations again after {@link #allow}. All are reported by default. */
        public Builder deny(DangerousOperation... operations) {
            catalog.denying(Set.copyOf(Arrays.asList(operations)));
            return this;
        }

        /** Widens the deny list with a type, by qualified name, whose every use is dangerous. */
        public Builder denyType(String qualifiedName, DangerousOperation operation) {
            catalog.withType(requireNonNull(qualifiedName, "qualifiedName"), requireNonNull(operation, "operation"));
            return this;
        }

        /** Widens the deny list with a whole package (and its subpackages). */
        public Builder denyPackage(String packageName, DangerousOperation operation) {
            catalog.withPackage(requireNonNull(packageName, "packageName"), requireNonNull(operation, "operation"));
            return this;
        }

        /** Widens the deny list with a method, by the qualified name of its owner type. */
        public Builder denyMethod(String ownerQualifiedName, String method, DangerousOperation operation) {
            catalog.withMethod(requireNonNull(ownerQualifiedName, "ownerQualifiedName"), requireNonNull(method, "method"),
                    requireNonNull(operation, "operation"));
            return this;
        }

        /**
         * What to do with an edit that fits no modification category: report it with the closest
         * category and a warning ({@link CategoryPolicy#WARN}, the default) or reject it
         * ({@link CategoryPolicy#STRICT}).
         */
        public Builder categoryPolicy(CategoryPolicy categoryPolicy) {
            this.categoryPolicy = requireNonNull(categoryPolicy, "categoryPolicy");
            return this;
        }

        /** The categories a change may have; edits of other categories are rejected. Default: all. */
        public Builder allowedCategories(Set<ModificationCategory> categories) {
            requireNonNull(categories, "categories");
            allowedCategories.clear();
            allowedCategories.addAll(categories);
            return this;
        }

        /** The categories a change may have; edits of other categories are rejected. Default: all. */
        public Builder allowedCategories(ModificationCategory... categories) {
            return allowedCategories(Set.copyOf(Arrays.asList(categories)));
        }

        /** More annotations (simple names) that must stay on members of any visibility. */
        public Builder preserveAnnotations(String... simpleNames) {
            frameworkAnnotations.addAll(Arrays.asList(simpleNames));
            return this;
        }

        /** Whether to check that public and protected signatures stay. Default: true. */
        public Builder checkInterface(boolean checkInterface) {
            this.checkInterface = checkInterface;
            return this;
        }

        /**
         * Whether to parse only the members a proposal changes, spliced into the tree of the current
         * file already parsed, instead of parsing the proposed file in full. Default: true. Several
         * times faster on large files when the current file was analysed before (as in a cycle); a
         * spliced tree equals a full parse (tested edit by edit, and both corpora of legitimate and
         * unsafe changes give the same verdicts both ways), and an edit outside whole members, an
         * import or unicode escapes fall back to a full parse. False parses every proposal in full.
         */
        public Builder incrementalParsing(boolean incrementalParsing) {
            this.incrementalParsing = incrementalParsing;
            return this;
        }

        /** The largest source, in characters, the validator reads. Default {@value JavaParserSafeCodeValidator#DEFAULT_MAX_SOURCE_LENGTH}. */
        public Builder maxSourceLength(int maxSourceLength) {
            if (maxSourceLength < 1) {
                throw new IllegalArgumentException("maxSourceLength must be positive: " + maxSourceLength);
            }
            this.maxSourceLength = maxSourceLength;
            return this;
        }

        public JavaParserSafeCodeValidator build() {
            return new JavaParserSafeCodeValidator(this);
        }
    }
}
