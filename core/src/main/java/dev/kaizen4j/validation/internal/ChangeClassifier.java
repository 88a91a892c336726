package dev.kaizen4j.validation.internal;

import static dev.kaizen4j.proposal.ModificationCategory.ADD_TOOL;
import static dev.kaizen4j.proposal.ModificationCategory.ADD_VALIDATION;
import static dev.kaizen4j.proposal.ModificationCategory.ADJUST_PARAMETERS;
import static dev.kaizen4j.proposal.ModificationCategory.IMPROVE_ERROR_HANDLING;
import static dev.kaizen4j.proposal.ModificationCategory.MODIFY_BACKSTORY;
import static dev.kaizen4j.proposal.ModificationCategory.UPDATE_PROMPT;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.kaizen4j.proposal.ModificationCategory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Classifies the difference between two compilation units into modification categories, edit by
 * edit, from what the code does: guards, checks and their helpers are {@code add_validation}; try,
 * catch, retries, back-off and fallbacks are {@code improve_error_handling}; new tools and new calls to
 * the agent's tools are {@code add_tool}; prompt text and annotations are {@code update_prompt} or
 * {@code modify_backstory}; constants and configuration values are {@code adjust_parameters}.
 * Supporting edits (a private field, helper or record, logging, a local variable, a renamed local)
 * have no category of their own: they take the categories of the edits they serve, and calls to a
 * helper take the categories of what the helper's body does. Identifier names never decide a category
 * of code (only of text constants, whose names say what the text is for). An edit that fits no
 * category is reported as unclassified (category {@code null}) with the closest category.
 */
public final class ChangeClassifier {

    /**
     * One edit.
     *
     * @param category its category, or {@code null} when it fits none or only supports others
     * @param description what changed, in words
     * @param line the line in the proposed code, or 0
     * @param snippet the changed code, shortened
     * @param neutral whether the edit only supports others (logging, a local variable, a private helper
     *     with no category of its own); a change made only of neutral edits also lists, as edits of their
     *     own, the categories they stand for, or one unclassified edit when they stand for none
     * @param closest for a neutral edit, the category it stands for when the change has nothing else
     *     (for example {@code adjust_parameters} for a new constant), or {@code null}; for an unclassified
     *     edit, the category nearest to it, or {@code null} when nothing suggests one
     */
    public record Edit(@Nullable ModificationCategory category, String description, int line, String snippet,
            boolean neutral, @Nullable ModificationCategory closest) {
    }

    private static final Pattern BACKSTORY = Pattern.compile("(?i)back_?story|biography|\\bbio\\b|persona_?history");
    private static final Pattern PROMPT = Pattern.compile(
            "(?i)prompt|instruction|template|system_?message|user_?message|persona|guideline|role|goal|"
                    + "\\b(Tool|P|Description|StructuredPrompt)\\b|tool_?description");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)^\\s*([a-z][a-z0-9+.-]*://|[\\w-]+(\\.[\\w-]+)*\\.(com|net|org|io|dev|ai|xyz|ru|cn|co|me|app|site|info|biz|tk|top)(:\\d+)?(/|$)|\\d{1,3}(\\.\\d{1,3}){3}|/(etc|tmp|var|home|root|usr|bin)/|[A-Za-z]:\\\\)");
    /** Checks of the JDK and of common precondition libraries (Guava, Commons Lang, Spring). */
    private static final Set<String> CHECK_OWNERS = Set.of("Objects", "Preconditions", "Validate", "Assert", "Verify",
            "Optional");
    private static final Pattern CHECK_METHOD = Pattern.compile(
            "^(requireNonNull\\w*|checkArgument|checkState|checkNotNull|checkElementIndex|checkPositionIndex|checkIndex"
                    + "|checkFromToIndex|checkFromIndexSize|notNull|notBlank|notEmpty|isTrue|hasText|hasLength|state"
                    + "|inclusiveBetween|exclusiveBetween|matchesPattern|noNullElements|validState|verify|ofNullable"
                    + "|orElseThrow)$");
    private static final Set<String> GUARD_TESTS = Set.of("isEmpty", "isBlank", "length", "size", "matches",
            "isPresent", "hasText", "isNaN", "isInfinite", "isFinite", "isNull", "nonNull");
    private static final Set<String> WAIT_METHODS = Set.of("sleep", "parkNanos", "orTimeout", "completeOnTimeout");
    private static final Pattern LOGGER = Pattern.compile("(?i)^(log|logger|LOG|LOGGER|slf4j|System\\.err|System\\.out)$");
    private static final Set<String> LOG_METHODS = Set.of("trace", "debug", "info", "warn", "error", "log",
            "println", "printf", "print", "atWarn", "atError", "atInfo", "atDebug");
    /** Simple names of java.lang types and of the JDK types agents hold as values, never as tools. */
    private static final Set<String> VALUE_TYPES = Set.of("String", "Object", "Integer", "Long", "Double", "Float",
            "Short", "Byte", "Boolean", "Character", "Number", "CharSequence", "StringBuilder", "Math", "Thread",
            "Runnable", "Iterable", "Comparable", "Exception", "RuntimeException", "Error", "Throwable", "Enum",
            "Record", "Void", "Class", "System", "Runtime", "Process", "ProcessBuilder", "ClassLoader");
    private static final Set<String> DATA_FACTORIES = Set.of("of", "ofEntries", "entry", "asList", "copyOf",
            "ofMillis", "ofSeconds", "ofMinutes", "ofHours", "ofDays", "valueOf", "compile", "unmodifiableSet",
            "unmodifiableList", "unmodifiableMap", "emptyList", "emptySet", "emptyMap", "singletonList", "singleton",
            "formatted", "strip", "stripIndent", "trim", "join");

    private final List<Edit> edits = new ArrayList<>();
    /** The node of each edit, for the category nearest to it. */
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, String> printed = new IdentityHashMap<>();
    private final Map<String, Set<ModificationCategory>> helperCategories = new HashMap<>();
    private final CompilationUnit oldUnit;
    private final CompilationUnit newUnit;
    private @Nullable Set<String> oldUnitStatements;
    private @Nullable Set<String> oldCallShapes;
    private @Nullable Set<String> oldMethodNames;
    private @Nullable Map<String, List<CallableDeclaration<?>>> newMethods;
    private @Nullable Set<String> toolMethodNames;
    private @Nullable Set<String> collaborators;
    private @Nullable Set<String> newNames;
    /** Statements of the members a change adds: where a removed statement may have moved to. */
    private final Set<String> addedMemberStatements = new HashSet<>();
    /** Whether the callable being compared is a tool: its plain edits change what the tool returns. */
    private boolean inTool;

    private ChangeClassifier(CompilationUnit oldUnit, CompilationUnit newUnit) {
        this.oldUnit = oldUnit;
        this.newUnit = newUnit;
    }

    /** The edits that turn {@code current} into {@code proposed}. */
    public static List<Edit> classify(CompilationUnit current, CompilationUnit proposed) {
        ChangeClassifier classifier = new ChangeClassifier(current, proposed);
        classifier.compareUnits(current, proposed);
        classifier.onlySupportingEdits();
        return classifier.edits;
    }

    /**
     * A change made only of supporting edits has the categories they stand for (a new constant is a
     * parameter, plain code in a tool changes the tool); when they stand for none, the change fits no
     * category, reported at its first edit with the category nearest to it.
     */
    private void onlySupportingEdits() {
        if (edits.isEmpty() || !edits.stream().allMatch(Edit::neutral)) {
            return;
        }
        List<Edit> supporting = List.copyOf(edits);
        for (Edit edit : supporting) {
            if (edit.closest() != null) {
                edits.add(new Edit(edit.closest(), edit.description(), edit.line(), edit.snippet(), false, null));
            }
        }
        if (edits.size() == supporting.size()) {
            Edit first = supporting.get(0);
            edits.add(new Edit(null, "it only " + first.description(), first.line(), first.snippet(), false,
                    closest(nodes.get(0))));
        }
    }

    private void compareUnits(CompilationUnit current, CompilationUnit proposed) {
        String oldPackage = current.getPackageDeclaration().map(Object::toString).orElse("");
        String newPackage = proposed.getPackageDeclaration().map(Object::toString).orElse("");
        if (!current.getTypes().isEmpty() && !oldPackage.equals(newPackage)) {
            unclassified("changes the package", proposed.getPackageDeclaration().map(n -> (Node) n).orElse(proposed));
        }
        compareTypeLists(current.getTypes(), proposed.getTypes(), proposed);
    }

    private void compareTypeLists(List<? extends TypeDeclaration<?>> oldTypes, List<? extends TypeDeclaration<?>> newTypes,
            Node parent) {
        Map<String, TypeDeclaration<?>> old = new LinkedHashMap<>();
        oldTypes.forEach(type -> old.putIfAbsent(type.getNameAsString(), type));
        Set<String> toolNames = new HashSet<>();
        for (TypeDeclaration<?> type : newTypes) {
            TypeDeclaration<?> before = old.remove(type.getNameAsString());
            if (before == null) {
                addedType(type, toolNames, false);
            } else {
                compareType(before, type);
            }
        }
        for (TypeDeclaration<?> removed : old.values()) {
            unclassified("removes type " + removed.getNameAsString(), parent);
        }
    }

    private void addedType(TypeDeclaration<?> type, Set<String> toolNames, boolean nested) {
        boolean hasTool = type.findFirst(MethodDeclaration.class, ChangeClassifier::isTool).isPresent();
        if (hasTool || toolNames.contains(type.getNameAsString())) {
            edit(ADD_TOOL, "adds type " + type.getNameAsString() + " for a tool", type);
            return;
        }
        if (!nested) {
            unclassified("adds type " + type.getNameAsString(), type);
            return;
        }
        // a nested record or class supports the edits that use it; its methods say what it does
        Set<ModificationCategory> categories = EnumSet.noneOf(ModificationCategory.class);
        for (CallableDeclaration<?> callable : type.findAll(CallableDeclaration.class)) {
            BlockStmt body = body(callable);
            if (body != null) {
                categories.addAll(block(body.getStatements(), pools(null)));
            }
        }
        if (categories.isEmpty()) {
            neutral("adds type " + type.getNameAsString(), type, null);
        }
        categories.forEach(category -> edit(category, "adds type " + type.getNameAsString(), type));
    }

    private void compareType(TypeDeclaration<?> before, TypeDeclaration<?> after) {
        if (before.equals(after)) {
            return;
        }
        compareHeader(before, after);
        Map<String, VariableDeclarator> oldFields = new LinkedHashMap<>();
        Map<String, CallableDeclaration<?>> oldCallables = new LinkedHashMap<>();
        Map<String, InitializerDeclaration> oldInitializers = new LinkedHashMap<>();
        List<TypeDeclaration<?>> oldNested = new ArrayList<>();
        index(before, oldFields, oldCallables, oldInitializers, oldNested);
        Map<String, VariableDeclarator> newFields = new LinkedHashMap<>();
        Map<String, CallableDeclaration<?>> newCallables = new LinkedHashMap<>();
        Map<String, InitializerDeclaration> newInitializers = new LinkedHashMap<>();
        List<TypeDeclaration<?>> newNested = new ArrayList<>();
        index(after, newFields, newCallables, newInitializers, newNested);

        Set<String> toolReferences = new HashSet<>();
        for (Map.Entry<String, CallableDeclaration<?>> entry : newCallables.entrySet()) {
            if (!oldCallables.containsKey(entry.getKey())) {
                addedMemberStatements.addAll(statementTexts(entry.getValue()));
                if (isTool(entry.getValue())) {
                    referencedNames(entry.getValue(), toolReferences);
                }
            }
        }
        for (Map.Entry<String, VariableDeclarator> entry : newFields.entrySet()) {
            VariableDeclarator old = oldFields.remove(entry.getKey());
            if (old == null) {
                addedField(entry.getValue(), toolReferences);
            } else {
                compareField(old, entry.getValue());
            }
        }
        oldFields.values().forEach(removed -> removedMember("field " + removed.getNameAsString(),
                removed.getNameAsString(), removed.getParentNode().orElse(removed), after));
        for (Map.Entry<String, CallableDeclaration<?>> entry : newCallables.entrySet()) {
            CallableDeclaration<?> old = oldCallables.remove(entry.getKey());
            if (old == null) {
                addedCallable(entry.getValue(), toolReferences);
            } else {
                compareCallable(old, entry.getValue());
            }
        }
        oldCallables.forEach((key, removed) -> removedMember(key, removed.getNameAsString(), removed, after));
        for (Map.Entry<String, InitializerDeclaration> entry : newInitializers.entrySet()) {
            InitializerDeclaration old = oldInitializers.remove(entry.getKey());
            if (old == null) {
                // an initializer that fills a constant table is configuration, otherwise it supports others
                Set<ModificationCategory> categories = block(entry.getValue().getBody().getStatements(), pools(null));
                if (categories.isEmpty()) {
                    neutral("adds an initializer block", entry.getValue(), ADJUST_PARAMETERS);
                }
                categories.forEach(category -> edit(category, "adds an initializer block", entry.getValue()));
            } else {
                compareBlocks(old.getBody().getStatements(), entry.getValue().getBody().getStatements(),
                        statementTexts(old), statementTexts(entry.getValue()), callShapes(old));
            }
        }
        oldInitializers.values().forEach(removed -> unclassified("removes an initializer block", after));
        Map<String, TypeDeclaration<?>> nestedBefore = new LinkedHashMap<>();
        oldNested.forEach(type -> nestedBefore.putIfAbsent(type.getNameAsString(), type));
        for (TypeDeclaration<?> nested : newNested) {
            TypeDeclaration<?> old = nestedBefore.remove(nested.getNameAsString());
            if (old == null) {
                addedType(nested, toolReferences, true);
            } else {
                compareType(old, nested);
            }
        }
        nestedBefore.values().forEach(removed -> removedMember("type " + removed.getNameAsString(),
                removed.getNameAsString(), removed, after));
    }

    /** A private member nothing refers to any more is clean-up; removing anything else changes the program. */
    private void removedMember(String what, String name, Node removed, Node where) {
        boolean isPrivate = removed instanceof com.github.javaparser.ast.nodeTypes.modifiers.NodeWithPrivateModifier<?> m
                && m.isPrivate();
        if (isPrivate && !newNames().contains(name)) {
            neutral("removes unused " + what, where, null);
        } else {
            unclassified("removes " + what, where);
        }
    }

    private void compareHeader(TypeDeclaration<?> before, TypeDeclaration<?> after) {
        String oldHeader = header(before, false);
        String newHeader = header(after, false);
        if (oldHeader.equals(newHeader)) {
            return;
        }
        if (header(before, true).equals(header(after, true))) {
            List<LiteralExpr> oldLiterals = new ArrayList<>();
            List<LiteralExpr> newLiterals = new ArrayList<>();
            before.getAnnotations().forEach(a -> oldLiterals.addAll(MaskedPrinter.literals(a)));
            after.getAnnotations().forEach(a -> newLiterals.addAll(MaskedPrinter.literals(a)));
            literalEdits(oldLiterals, newLiterals);
            if (before instanceof EnumDeclaration oldEnum && after instanceof EnumDeclaration newEnum) {
                for (int i = 0; i < oldEnum.getEntries().size(); i++) {
                    literalEdits(MaskedPrinter.literals(oldEnum.getEntry(i)), MaskedPrinter.literals(newEnum.getEntry(i)));
                }
            }
            return;
        }
        unclassified("changes the declaration of type " + after.getNameAsString(), after);
    }

    private String header(TypeDeclaration<?> type, boolean masked) {
        StringBuilder header = new StringBuilder();
        for (AnnotationExpr annotation : type.getAnnotations()) {
            header.append(masked ? MaskedPrinter.print(annotation) : annotation.toString()).append(' ');
        }
        header.append(type.getModifiers()).append(' ').append(type.getClass().getSimpleName()).append(' ')
                .append(type.getNameAsString());
        if (type instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c) {
            header.append(c.getTypeParameters()).append(c.getExtendedTypes()).append(c.getImplementedTypes())
                    .append(c.getPermittedTypes()).append(c.isInterface());
        } else if (type instanceof com.github.javaparser.ast.body.RecordDeclaration r) {
            header.append(r.getTypeParameters()).append(r.getParameters()).append(r.getImplementedTypes());
        } else if (type instanceof EnumDeclaration e) {
            header.append(e.getImplementedTypes());
            for (EnumConstantDeclaration constant : e.getEntries()) {
                header.append(' ').append(masked ? MaskedPrinter.print(constant) : constant.toString());
            }
        }
        return header.toString();
    }

    private static void index(TypeDeclaration<?> type, Map<String, VariableDeclarator> fields,
            Map<String, CallableDeclaration<?>> callables, Map<String, InitializerDeclaration> initializers,
            List<TypeDeclaration<?>> nested) {
        int initializer = 0;
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration field) {
                field.getVariables().forEach(v -> fields.putIfAbsent(v.getNameAsString(), v));
            } else if (member instanceof CallableDeclaration<?> callable) {
                callables.putIfAbsent(key(callable), callable);
            } else if (member instanceof InitializerDeclaration init) {
                initializers.put((init.isStatic() ? "static " : "") + "initializer " + initializer++, init);
            } else if (member instanceof TypeDeclaration<?> inner) {
                nested.add(inner);
            }
        }
    }

    private static String key(CallableDeclaration<?> callable) {
        List<String> types = new ArrayList<>();
        for (Parameter parameter : callable.getParameters()) {
            types.add(parameter.getType().asString() + (parameter.isVarArgs() ? "..." : ""));
        }
        return (callable instanceof ConstructorDeclaration ? "constructor " : "method ") + callable.getNameAsString()
                + "(" + String.join(",", types) + ")";
    }

    // ---------------------------------------------------------------- fields

    private void addedField(VariableDeclarator variable, Set<String> toolReferences) {
        String name = variable.getNameAsString();
        Expression init = variable.getInitializer().orElse(null);
        boolean data = init != null && isData(init);
        if (toolReferences.contains(name)) {
            edit(ADD_TOOL, "adds field " + name + " for a tool", variable);
        } else if (init != null && isConstant(init) && BACKSTORY.matcher(name).find()) {
            edit(MODIFY_BACKSTORY, "adds backstory text " + name, variable);
        } else if (init != null && isConstant(init) && PROMPT.matcher(name).find()) {
            edit(UPDATE_PROMPT, "adds prompt text " + name, variable);
        } else if (init != null && init.toString().contains("getLogger")) {
            neutral("adds logger " + name, variable, null);
        } else if (newNames().contains(name)) {
            // a constant, pattern or table the change uses: it serves the edits that read it
            neutral("adds field " + name, variable, data ? ADJUST_PARAMETERS : null);
        } else if (data) {
            edit(ADJUST_PARAMETERS, "adds parameter " + name, variable);
        } else {
            unclassified("adds field " + name, variable);
        }
    }

    private void compareField(VariableDeclarator before, VariableDeclarator after) {
        String name = after.getNameAsString();
        FieldDeclaration oldField = (FieldDeclaration) before.getParentNode().orElseThrow();
        FieldDeclaration newField = (FieldDeclaration) after.getParentNode().orElseThrow();
        if (before.equals(after) && oldField.getModifiers().equals(newField.getModifiers())
                && oldField.getAnnotations().equals(newField.getAnnotations())) {
            return;
        }
        String oldDeclaration = oldField.getModifiers() + " " + before.getType() + " " + oldField.getAnnotations();
        String newDeclaration = newField.getModifiers() + " " + after.getType() + " " + newField.getAnnotations();
        if (!oldDeclaration.equals(newDeclaration)) {
            unclassified("changes the declaration of field " + name, after);
        }
        Expression oldInit = before.getInitializer().orElse(null);
        Expression newInit = after.getInitializer().orElse(null);
        if (oldInit == null || newInit == null) {
            if (oldInit != newInit) {
                unclassified("changes the initial value of field " + name, after);
            }
            return;
        }
        if (print(oldInit).equals(print(newInit))) {
            return;
        }
        if (MaskedPrinter.print(oldInit).equals(MaskedPrinter.print(newInit))) {
            literalEdits(MaskedPrinter.literals(oldInit), MaskedPrinter.literals(newInit));
        } else if (isConstant(oldInit) && isConstant(newInit) && BACKSTORY.matcher(name).find()) {
            edit(MODIFY_BACKSTORY, "changes backstory text " + name, after);
        } else if (isConstant(oldInit) && isConstant(newInit) && PROMPT.matcher(name).find()) {
            edit(UPDATE_PROMPT, "changes prompt text " + name, after);
        } else if (isData(oldInit) && isData(newInit) && !addressIn(newInit)) {
            edit(ADJUST_PARAMETERS, "changes the value of " + name, after);
        } else {
            unclassified("changes the value of field " + name, after);
        }
    }

    private static boolean addressIn(Expression expression) {
        return expression.findAll(StringLiteralExpr.class).stream()
                .anyMatch(literal -> ADDRESS.matcher(literal.getValue()).find());
    }

    /** Literals, names and operators on them: a constant expression. */
    private static boolean isConstant(Expression expression) {
        if (expression instanceof LiteralExpr || expression instanceof NameExpr) {
            return true;
        }
        if (expression instanceof FieldAccessExpr access) {
            return isConstant(access.getScope());
        }
        if (expression instanceof BinaryExpr binary) {
            return isConstant(binary.getLeft()) && isConstant(binary.getRight());
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return isConstant(enclosed.getInner());
        }
        if (expression instanceof UnaryExpr unary) {
            return isConstant(unary.getExpression());
        }
        if (expression instanceof MethodCallExpr call && Set.of("formatted", "strip", "stripIndent", "trim", "join")
                .contains(call.getNameAsString())) {
            return call.getScope().map(ChangeClassifier::isConstant).orElse(true)
                    && call.getArguments().stream().allMatch(ChangeClassifier::isConstant);
        }
        return false;
    }

    /**
     * Configuration data: constants, and values built only from them with the JDK's factories, such as
     * {@code Duration.ofSeconds(30)}, {@code Set.of("a", "b")}, {@code Pattern.compile("[a-z]+")} or
     * an empty {@code new HashSet<>()} an initializer fills.
     */
    private static boolean isData(Expression expression) {
        if (isConstant(expression)) {
            return true;
        }
        if (expression instanceof CastExpr cast) {
            return isData(cast.getExpression());
        }
        if (expression instanceof MethodCallExpr call) {
            return DATA_FACTORIES.contains(call.getNameAsString())
                    && call.getScope().map(s -> s instanceof NameExpr || s instanceof FieldAccessExpr || isData(s))
                    .orElse(false)
                    && call.getArguments().stream().allMatch(ChangeClassifier::isData);
        }
        if (expression instanceof ObjectCreationExpr creation) {
            return creation.getAnonymousClassBody().isEmpty()
                    && creation.getArguments().stream().allMatch(ChangeClassifier::isData);
        }
        if (expression instanceof com.github.javaparser.ast.expr.ArrayCreationExpr array) {
            return array.getInitializer().map(ChangeClassifier::isData).orElse(true);
        }
        if (expression instanceof com.github.javaparser.ast.expr.ArrayInitializerExpr array) {
            return array.getValues().stream().allMatch(ChangeClassifier::isData);
        }
        return false;
    }

    // ---------------------------------------------------------------- callables

    private void addedCallable(CallableDeclaration<?> callable, Set<String> toolReferences) {
        String name = callable.getNameAsString();
        BlockStmt body = body(callable);
        Set<ModificationCategory> categories = body == null ? EnumSet.noneOf(ModificationCategory.class)
                : block(body.getStatements(), pools(null));
        if (isTool(callable)) {
            edit(ADD_TOOL, "adds tool " + name, callable);
        } else if (toolReferences.contains(name)) {
            edit(ADD_TOOL, "adds " + name + ", used by a new tool", callable);
        } else if (categories.isEmpty()) {
            // a helper with no category of its own serves the edits that call it
            neutral("adds " + key(callable), callable, null);
        }
        categories.forEach(category -> edit(category, "adds " + key(callable), callable));
    }

    private void compareCallable(CallableDeclaration<?> before, CallableDeclaration<?> after) {
        if (before.equals(after)) {
            return;
        }
        String oldSignature = signature(before, false);
        String newSignature = signature(after, false);
        if (!oldSignature.equals(newSignature)) {
            if (signature(before, true).equals(signature(after, true))) {
                literalEdits(annotationLiterals(before), annotationLiterals(after));
            } else if (textFree(signature(before, true)).equals(textFree(signature(after, true)))) {
                edit(UPDATE_PROMPT, "changes the prompt text of " + after.getNameAsString(), after);
            } else {
                unclassified("changes the signature of " + after.getNameAsString(), after);
            }
        }
        BlockStmt oldBody = body(before);
        BlockStmt newBody = body(after);
        if (oldBody == null || newBody == null) {
            if ((oldBody == null) != (newBody == null)) {
                unclassified("changes the body of " + after.getNameAsString(), after);
            }
            return;
        }
        inTool = isTool(after);
        compareBlocks(oldBody.getStatements(), newBody.getStatements(), statementTexts(oldBody),
                statementTexts(newBody), callShapes(oldBody));
        inTool = false;
    }

    private static final Pattern TEXT_ANNOTATION = Pattern.compile(
            "@(SystemMessage|UserMessage|Tool|P|Description|StructuredPrompt)\\((?:value\\s*=\\s*)?[^()=]*\\)");

    /** A signature with the text of prompt annotations blanked, to see whether only that text changed. */
    private static String textFree(String signature) {
        return TEXT_ANNOTATION.matcher(signature).replaceAll("@$1(…)");
    }

    private static List<LiteralExpr> annotationLiterals(CallableDeclaration<?> callable) {
        List<LiteralExpr> literals = new ArrayList<>();
        callable.getAnnotations().forEach(a -> literals.addAll(MaskedPrinter.literals(a)));
        callable.getParameters().forEach(p -> p.getAnnotations().forEach(a -> literals.addAll(MaskedPrinter.literals(a))));
        return literals;
    }

    private static String signature(CallableDeclaration<?> callable, boolean masked) {
        StringBuilder signature = new StringBuilder();
        for (AnnotationExpr annotation : callable.getAnnotations()) {
            signature.append(masked ? MaskedPrinter.print(annotation) : annotation.toString()).append(' ');
        }
        signature.append(callable.getModifiers()).append(callable.getTypeParameters());
        if (callable instanceof MethodDeclaration method) {
            signature.append(method.getType()).append(' ');
        }
        signature.append(callable.getNameAsString()).append('(');
        for (Parameter parameter : callable.getParameters()) {
            for (AnnotationExpr annotation : parameter.getAnnotations()) {
                signature.append(masked ? MaskedPrinter.print(annotation) : annotation.toString()).append(' ');
            }
            signature.append(parameter.getModifiers()).append(parameter.getType()).append(parameter.isVarArgs() ? "..." : "")
                    .append(' ').append(parameter.getNameAsString()).append(',');
        }
        signature.append(')').append(callable.getThrownExceptions());
        return signature.toString();
    }

    private static @Nullable BlockStmt body(CallableDeclaration<?> callable) {
        if (callable instanceof MethodDeclaration method) {
            return method.getBody().orElse(null);
        }
        if (callable instanceof ConstructorDeclaration constructor) {
            return constructor.getBody();
        }
        return null;
    }

    private static boolean isTool(CallableDeclaration<?> callable) {
        return callable.getAnnotations().stream().anyMatch(a -> a.getName().getIdentifier().equals("Tool"));
    }

    // ---------------------------------------------------------------- statements

    /**
     * What the code before a change had: its statements (a statement found there again is moved, not
     * new) and the shapes of its calls (a call found there again is no new tool call).
     */
    private record Pools(Set<String> oldStatements, Set<String> oldCallShapes) {
    }

    private static final Pools NOTHING_BEFORE = new Pools(Set.of(), Set.of());

    /** The pools of the whole current file, for members a change adds; for existing members, nothing before. */
    private Pools pools(@Nullable String existingMethod) {
        if (existingMethod != null) {
            return NOTHING_BEFORE;
        }
        if (oldUnitStatements == null || oldCallShapes == null) {
            oldUnitStatements = statementTexts(oldUnit);
            oldCallShapes = callShapes(oldUnit);
        }
        return new Pools(oldUnitStatements, oldCallShapes);
    }

    private void compareBlocks(List<Statement> before, List<Statement> after, Set<String> oldStatements,
            Set<String> newStatements, Set<String> oldCalls) {
        Pools pools = new Pools(oldStatements, oldCalls);
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endA = before.size();
        int endB = after.size();
        while (endA > start && endB > start && before.get(endA - 1).equals(after.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<String> a = new ArrayList<>(java.util.Collections.nCopies(before.size(), ""));
        List<String> b = new ArrayList<>(java.util.Collections.nCopies(after.size(), ""));
        for (int k = start; k < endA; k++) {
            a.set(k, print(before.get(k)));
        }
        for (int k = start; k < endB; k++) {
            b.set(k, print(after.get(k)));
        }
        int n = endA - start;
        int m = endB - start;
        if (n == 0 && m == 0) {
            return;
        }
        boolean[] keptA = new boolean[n];
        boolean[] keptB = new boolean[m];
        if ((long) n * m <= 40_000) {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a.get(start + i).equals(b.get(start + j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n && j < m) {
                if (a.get(start + i).equals(b.get(start + j))) {
                    keptA[i++] = true;
                    keptB[j++] = true;
                } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        // walk the gaps between kept statements, pairing removed and added statements of the same kind
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            List<Statement> removed = new ArrayList<>();
            List<Statement> added = new ArrayList<>();
            while (i < n && !keptA[i]) {
                removed.add(before.get(start + i++));
            }
            while (j < m && !keptB[j]) {
                added.add(after.get(start + j++));
            }
            gap(removed, added, newStatements, pools);
            if (i < n && j < m && keptA[i] && keptB[j]) {
                i++;
                j++;
            } else if (i >= n && j >= m) {
                break;
            } else if (removed.isEmpty() && added.isEmpty()) {
                // inconsistent alignment cannot happen, but never loop forever on hostile input
                if (i < n) {
                    i++;
                }
                if (j < m) {
                    j++;
                }
            }
        }
    }

    private void gap(List<Statement> removed, List<Statement> added, Set<String> newStatements, Pools pools) {
        List<Statement> unmatchedRemoved = new ArrayList<>();
        List<Statement> unmatchedAdded = new ArrayList<>(added);
        for (Statement old : removed) {
            if (isMoved(old, newStatements)) {
                continue; // moved, for example into a new try block, guard or helper
            }
            Statement partner = null;
            for (Statement candidate : unmatchedAdded) {
                if (candidate.getClass() == old.getClass() && !pools.oldStatements().contains(print(candidate))) {
                    partner = candidate;
                    break;
                }
            }
            if (partner == null) {
                unmatchedRemoved.add(old);
                continue;
            }
            unmatchedAdded.remove(partner);
            if (!compareStatements(old, partner, newStatements, pools)) {
                replaced(old, partner, pools);
            }
        }
        unmatchedAdded.forEach(statement -> added(statement, pools));
        for (Statement statement : unmatchedRemoved) {
            if (!added.isEmpty() || isLogging(statement)) {
                // rewritten together with the statements added in its place, which say what the edit does
                neutral("rewrites " + firstLine(statement), added.isEmpty() ? statement : added.get(0), null);
            } else {
                unclassified("removes " + firstLine(statement), statement, Nodes.line(statement));
            }
        }
    }

    /** A statement rewritten: the same code with other local names or types is a refactoring, otherwise new code. */
    private void replaced(Statement old, Statement replacement, Pools pools) {
        if (shape(old).equals(shape(replacement))) {
            neutral("renames in " + firstLine(replacement), replacement, null);
        } else {
            added(replacement, pools);
        }
    }

    private void added(Statement statement, Pools pools) {
        Set<ModificationCategory> categories = classifyAdded(statement, pools);
        if (categories.isEmpty()) {
            // plain code in a tool changes what the tool does; logging and locals elsewhere only support
            neutral("adds " + firstLine(statement), statement, inTool && !isLogging(statement) ? ADD_TOOL : null);
        }
        categories.forEach(category -> edit(category, "adds " + firstLine(statement), statement));
    }

    /** Whether a removed statement lives on in the new code, as it was or split into declaration and assignment. */
    private boolean isMoved(Statement old, Set<String> newStatements) {
        String text = print(old);
        if (newStatements.contains(text) || addedMemberStatements.contains(text)) {
            return true;
        }
        if (old instanceof ExpressionStmt statement && statement.getExpression() instanceof VariableDeclarationExpr declaration
                && declaration.getVariables().size() == 1) {
            VariableDeclarator variable = declaration.getVariable(0);
            return variable.getInitializer().isPresent() && newStatements.contains(
                    new ExpressionStmt(new AssignExpr(new NameExpr(variable.getNameAsString()),
                            variable.getInitializer().get().clone(), AssignExpr.Operator.ASSIGN)).toString());
        }
        return false;
    }

    /** Compares two statements of the same kind; false when they are not the same statement edited. */
    private boolean compareStatements(Statement before, Statement after, Set<String> newStatements, Pools pools) {
        if (MaskedPrinter.print(before).equals(MaskedPrinter.print(after))) {
            literalEdits(MaskedPrinter.literals(before), MaskedPrinter.literals(after));
            return true;
        }
        if (before instanceof BlockStmt oldBlock && after instanceof BlockStmt newBlock) {
            compareBlocks(oldBlock.getStatements(), newBlock.getStatements(), pools.oldStatements(), newStatements,
                    pools.oldCallShapes());
            return true;
        }
        if (before instanceof TryStmt oldTry && after instanceof TryStmt newTry) {
            if (!oldTry.getResources().toString().equals(newTry.getResources().toString())) {
                edit(IMPROVE_ERROR_HANDLING, "changes the resources of a try statement", newTry);
            }
            compareBlocks(oldTry.getTryBlock().getStatements(), newTry.getTryBlock().getStatements(),
                    pools.oldStatements(), newStatements, pools.oldCallShapes());
            if (!oldTry.getCatchClauses().toString().equals(newTry.getCatchClauses().toString())
                    || !oldTry.getFinallyBlock().map(Object::toString).orElse("")
                    .equals(newTry.getFinallyBlock().map(Object::toString).orElse(""))) {
                Node where = newTry.getCatchClauses().isEmpty() ? newTry : newTry.getCatchClauses().get(0);
                edit(IMPROVE_ERROR_HANDLING, "changes how a try statement handles failures", where);
            }
            return true;
        }
        if (before instanceof IfStmt oldIf && after instanceof IfStmt newIf) {
            String oldCondition = print(oldIf.getCondition());
            String newCondition = print(newIf.getCondition());
            if (!oldCondition.equals(newCondition)) {
                if (MaskedPrinter.print(oldIf.getCondition()).equals(MaskedPrinter.print(newIf.getCondition()))) {
                    literalEdits(MaskedPrinter.literals(oldIf.getCondition()), MaskedPrinter.literals(newIf.getCondition()));
                } else if (newCondition.contains(oldCondition)) {
                    edit(ADD_VALIDATION, "extends the condition " + oldCondition, newIf.getCondition());
                } else {
                    return false;
                }
            }
            compareBranch(oldIf.getThenStmt(), newIf.getThenStmt(), newStatements, pools);
            if (oldIf.getElseStmt().isPresent() && newIf.getElseStmt().isPresent()) {
                compareBranch(oldIf.getElseStmt().get(), newIf.getElseStmt().get(), newStatements, pools);
            } else if (newIf.getElseStmt().isPresent()) {
                edit(ADD_VALIDATION, "adds an else branch", newIf.getElseStmt().get());
                classifyAdded(newIf.getElseStmt().get(), pools).forEach(category -> edit(category, "adds an else branch",
                        newIf.getElseStmt().get()));
            } else if (oldIf.getElseStmt().isPresent()) {
                unclassified("removes an else branch", newIf);
            }
            return true;
        }
        Statement oldBody = loopBody(before);
        Statement newBody = loopBody(after);
        if (oldBody != null && newBody != null) {
            String oldHeader = print(before).replace(print(oldBody), "");
            String newHeader = print(after).replace(print(newBody), "");
            if (!oldHeader.equals(newHeader)) {
                String oldMasked = MaskedPrinter.print(before).replace(MaskedPrinter.print(oldBody), "");
                String newMasked = MaskedPrinter.print(after).replace(MaskedPrinter.print(newBody), "");
                if (!oldMasked.equals(newMasked)) {
                    return false;
                }
                List<LiteralExpr> oldLiterals = new ArrayList<>(MaskedPrinter.literals(before));
                oldLiterals.removeIf(oldBody::isAncestorOf);
                List<LiteralExpr> newLiterals = new ArrayList<>(MaskedPrinter.literals(after));
                newLiterals.removeIf(newBody::isAncestorOf);
                literalEdits(oldLiterals, newLiterals);
            }
            compareBranch(oldBody, newBody, newStatements, pools);
            return true;
        }
        return false;
    }

    private void compareBranch(Statement before, Statement after, Set<String> newStatements, Pools pools) {
        if (print(before).equals(print(after))) {
            return;
        }
        List<Statement> a = before instanceof BlockStmt block ? block.getStatements() : List.of(before);
        List<Statement> b = after instanceof BlockStmt block ? block.getStatements() : List.of(after);
        compareBlocks(a, b, pools.oldStatements(), newStatements, pools.oldCallShapes());
    }

    private static @Nullable Statement loopBody(Statement statement) {
        if (statement instanceof ForStmt s) {
            return s.getBody();
        }
        if (statement instanceof ForEachStmt s) {
            return s.getBody();
        }
        if (statement instanceof WhileStmt s) {
            return s.getBody();
        }
        if (statement instanceof DoStmt s) {
            return s.getBody();
        }
        if (statement instanceof SynchronizedStmt s) {
            return s.getBody();
        }
        if (statement instanceof LabeledStmt s) {
            return s.getStatement();
        }
        return null;
    }

    /**
     * The categories of what an added statement does; empty when it only supports other edits (a local
     * variable, logging, a plain call). Guards, throws and checks are validation; try, catch, throws
     * from a catch, and waiting (back-off, timeouts) are error handling; a call to a tool of the agent
     * that the code did not make before is a new tool call; a call to a method of the file brings the
     * categories of that method's body.
     */
    private Set<ModificationCategory> classifyAdded(Statement statement, Pools pools) {
        Set<ModificationCategory> found = EnumSet.noneOf(ModificationCategory.class);
        if (pools.oldStatements().contains(print(statement))) {
            return found;
        }
        statement.walk(node -> {
            if (node instanceof TryStmt) {
                found.add(IMPROVE_ERROR_HANDLING);
            } else if (node instanceof ThrowStmt) {
                found.add(insideCatch(node, statement) ? IMPROVE_ERROR_HANDLING : ADD_VALIDATION);
            } else if (node instanceof AssertStmt) {
                found.add(ADD_VALIDATION);
            } else if (node instanceof IfStmt check && !insideCatch(node, statement) && isGuard(check)) {
                found.add(ADD_VALIDATION);
            } else if (node instanceof MethodCallExpr call) {
                found.addAll(callCategories(call, pools));
            }
        });
        return found;
    }

    /** An if that leaves early, or that tests for a missing, empty, oversized or malformed value. */
    private static boolean isGuard(IfStmt check) {
        List<Statement> then = branch(check.getThenStmt());
        Statement last = then.isEmpty() ? null : then.get(then.size() - 1);
        if (last instanceof ReturnStmt || last instanceof ThrowStmt || last instanceof ContinueStmt
                || last instanceof BreakStmt) {
            return true;
        }
        return check.getCondition().findFirst(Node.class, node -> node instanceof com.github.javaparser.ast.expr.NullLiteralExpr
                || node instanceof MethodCallExpr call && GUARD_TESTS.contains(call.getNameAsString())).isPresent();
    }

    private static List<Statement> branch(Statement statement) {
        return statement instanceof BlockStmt block ? block.getStatements() : List.of(statement);
    }

    private Set<ModificationCategory> block(List<Statement> statements, Pools pools) {
        Set<ModificationCategory> result = EnumSet.noneOf(ModificationCategory.class);
        statements.forEach(statement -> result.addAll(classifyAdded(statement, pools)));
        return result;
    }

    private static boolean insideCatch(Node node, Node root) {
        Node current = node.getParentNode().orElse(null);
        while (current != null && current != root) {
            if (current instanceof CatchClause) {
                return true;
            }
            current = current.getParentNode().orElse(null);
        }
        return current instanceof CatchClause;
    }

    private Set<ModificationCategory> callCategories(MethodCallExpr call, Pools pools) {
        String name = call.getNameAsString();
        Expression scope = call.getScope().orElse(null);
        if (WAIT_METHODS.contains(name)) {
            return EnumSet.of(IMPROVE_ERROR_HANDLING);
        }
        if (scope == null || scope instanceof ThisExpr) {
            if (toolMethodNames().contains(name)) {
                return isNewCall(call, pools) ? EnumSet.of(ADD_TOOL) : Set.of();
            }
            if (newMethods().containsKey(name)) {
                return helperCategories(name);
            }
            return isCheck(call) ? EnumSet.of(ADD_VALIDATION) : Set.of();
        }
        if (isCheck(call)) {
            return EnumSet.of(ADD_VALIDATION);
        }
        String receiver = scope instanceof NameExpr n ? n.getNameAsString()
                : scope instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr ? f.getNameAsString() : null;
        if (receiver != null && collaborators().contains(receiver) && isNewCall(call, pools)) {
            return EnumSet.of(ADD_TOOL);
        }
        return Set.of();
    }

    /** A precondition check of the JDK or a common library, called on its class or statically imported from it. */
    private boolean isCheck(MethodCallExpr call) {
        if (!CHECK_METHOD.matcher(call.getNameAsString()).matches()) {
            return false;
        }
        Expression scope = call.getScope().orElse(null);
        if (scope == null) {
            return newUnit.getImports().stream().anyMatch(i -> i.isStatic()
                    && (i.isAsterisk() ? CHECK_OWNERS.contains(i.getName().getIdentifier())
                    : i.getName().getIdentifier().equals(call.getNameAsString())
                    && i.getName().getQualifier().map(q -> CHECK_OWNERS.contains(q.getIdentifier())).orElse(false)));
        }
        if (scope instanceof NameExpr owner) {
            return CHECK_OWNERS.contains(owner.getNameAsString());
        }
        if (scope instanceof FieldAccessExpr owner) {
            return CHECK_OWNERS.contains(owner.getNameAsString());
        }
        // orElseThrow at the end of an Optional chain
        return call.getNameAsString().equals("orElseThrow") && scope instanceof MethodCallExpr;
    }

    private boolean isNewCall(MethodCallExpr call, Pools pools) {
        return !pools.oldCallShapes().contains(shape(call));
    }

    /** What calling a method of the file does: the categories of its body, computed once per name. */
    private Set<ModificationCategory> helperCategories(String name) {
        Set<ModificationCategory> known = helperCategories.get(name);
        if (known != null) {
            return known;
        }
        helperCategories.put(name, Set.of()); // recursion ends here
        Set<ModificationCategory> categories = EnumSet.noneOf(ModificationCategory.class);
        Pools pools = pools(oldMethodNames().contains(name) ? name : null);
        for (CallableDeclaration<?> method : newMethods().getOrDefault(name, List.of())) {
            BlockStmt body = body(method);
            if (body != null) {
                categories.addAll(block(body.getStatements(), pools));
            }
        }
        helperCategories.put(name, categories);
        return categories;
    }

    private Set<String> toolMethodNames() {
        if (toolMethodNames == null) {
            toolMethodNames = new HashSet<>();
            newUnit.findAll(MethodDeclaration.class, ChangeClassifier::isTool)
                    .forEach(method -> toolMethodNames.add(method.getNameAsString()));
        }
        return toolMethodNames;
    }

    private Map<String, List<CallableDeclaration<?>>> newMethods() {
        if (newMethods == null) {
            newMethods = new HashMap<>();
            newUnit.findAll(MethodDeclaration.class)
                    .forEach(method -> newMethods.computeIfAbsent(method.getNameAsString(), k -> new ArrayList<>()).add(method));
        }
        return newMethods;
    }

    private Set<String> oldMethodNames() {
        if (oldMethodNames == null) {
            oldMethodNames = new HashSet<>();
            oldUnit.findAll(MethodDeclaration.class).forEach(method -> oldMethodNames.add(method.getNameAsString()));
        }
        return oldMethodNames;
    }

    /** Names the proposed code refers to: what a new field or a removed member may be used by. */
    private Set<String> newNames() {
        if (newNames == null) {
            newNames = new HashSet<>();
            referencedNames(newUnit, newNames);
        }
        return newNames;
    }

    private static void referencedNames(Node root, Set<String> names) {
        root.walk(node -> {
            if (node instanceof NameExpr name) {
                names.add(name.getNameAsString());
            } else if (node instanceof MethodCallExpr call) {
                names.add(call.getNameAsString());
            } else if (node instanceof FieldAccessExpr access) {
                names.add(access.getNameAsString());
            } else if (node instanceof com.github.javaparser.ast.expr.MethodReferenceExpr reference) {
                names.add(reference.getIdentifier());
            } else if (node instanceof ClassOrInterfaceType type) {
                names.add(type.getNameAsString());
            }
        });
    }

    /**
     * Fields holding the agent's tools and services: fields whose type is not the JDK's, nor a logger,
     * nor declared in the file. Calls on them are tool calls.
     */
    private Set<String> collaborators() {
        if (collaborators == null) {
            collaborators = new HashSet<>();
            Set<String> declared = new HashSet<>();
            newUnit.findAll(TypeDeclaration.class).forEach(type -> declared.add(type.getNameAsString()));
            Map<String, String> imported = new HashMap<>();
            newUnit.getImports().stream().filter(i -> !i.isStatic() && !i.isAsterisk())
                    .forEach(i -> imported.put(i.getName().getIdentifier(), i.getNameAsString()));
            for (FieldDeclaration field : newUnit.findAll(FieldDeclaration.class)) {
                for (VariableDeclarator variable : field.getVariables()) {
                    if (variable.getType() instanceof ClassOrInterfaceType type) {
                        String simple = type.getNameAsString();
                        String qualified = type.getScope().isPresent() ? type.getNameWithScope()
                                : imported.getOrDefault(simple, VALUE_TYPES.contains(simple) || declared.contains(simple)
                                ? "java.lang." + simple : simple);
                        if (!qualified.startsWith("java.") && !qualified.startsWith("javax.")
                                && !qualified.startsWith("org.slf4j.")) {
                            collaborators.add(variable.getNameAsString());
                        }
                    }
                }
            }
        }
        return collaborators;
    }

    private static boolean isLogging(Statement statement) {
        if (!(statement instanceof ExpressionStmt expression) || !(expression.getExpression() instanceof MethodCallExpr call)
                || !LOG_METHODS.contains(call.getNameAsString())) {
            return false;
        }
        Expression scope = call.getScope().orElse(null);
        while (scope instanceof MethodCallExpr inner) {
            scope = inner.getScope().orElse(null);
        }
        return scope != null && LOGGER.matcher(scope.toString()).matches();
    }

    /**
     * The structure of code without the names of locals and without types: two statements with the
     * same shape differ only by renamed variables, {@code var} or formatting. Call names, receivers of
     * calls and literals stay.
     */
    private String shape(Node root) {
        StringBuilder shape = new StringBuilder();
        shape(root, shape);
        return shape.toString();
    }

    private void shape(Node node, StringBuilder shape) {
        if (node instanceof com.github.javaparser.ast.type.Type || node instanceof com.github.javaparser.ast.expr.SimpleName) {
            return;
        }
        shape.append(node.getClass().getSimpleName());
        if (node instanceof MethodCallExpr call) {
            shape.append(':').append(call.getNameAsString());
            // the receiver when it is a tool or a class, not when it is a local that may be renamed
            call.getScope().filter(NameExpr.class::isInstance).map(Object::toString)
                    .filter(receiver -> collaborators().contains(receiver) || Character.isUpperCase(receiver.charAt(0)))
                    .ifPresent(receiver -> shape.append('@').append(receiver));
        } else if (node instanceof LiteralExpr) {
            shape.append(':').append(node);
        } else if (node instanceof FieldAccessExpr access) {
            shape.append(':').append(access.getNameAsString());
        } else if (node instanceof ObjectCreationExpr creation) {
            shape.append(':').append(creation.getType().getNameAsString());
        }
        shape.append(' ');
        for (Node child : node.getChildNodes()) {
            shape(child, shape);
        }
    }

    // ---------------------------------------------------------------- literals

    private void literalEdits(List<LiteralExpr> before, List<LiteralExpr> after) {
        int count = Math.min(before.size(), after.size());
        for (int i = 0; i < count; i++) {
            LiteralExpr oldLiteral = before.get(i);
            LiteralExpr newLiteral = after.get(i);
            if (print(oldLiteral).equals(print(newLiteral))) {
                continue;
            }
            classifyLiteral(newLiteral);
        }
        if (before.size() != after.size()) {
            unclassified("changes literals", after.isEmpty() ? before.get(0) : after.get(0));
        }
    }

    private void classifyLiteral(LiteralExpr literal) {
        boolean text = literal instanceof StringLiteralExpr || literal instanceof TextBlockLiteralExpr
                || literal instanceof CharLiteralExpr;
        if (!text) {
            edit(ADJUST_PARAMETERS, "changes the value " + literal + (context(literal).isBlank() ? ""
                    : " of " + context(literal).trim()), literal);
            return;
        }
        String context = context(literal);
        if (BACKSTORY.matcher(context).find()) {
            edit(MODIFY_BACKSTORY, "changes backstory text of " + context.trim(), literal);
        } else if (PROMPT.matcher(context).find()) {
            edit(UPDATE_PROMPT, "changes prompt text of " + context.trim(), literal);
        } else if (literal.findAncestor(ThrowStmt.class).isPresent() || literal.findAncestor(CatchClause.class).isPresent()) {
            edit(IMPROVE_ERROR_HANDLING, "changes an error message", literal);
        } else if (ADDRESS.matcher(literalText(literal)).find()) {
            unclassified("changes an address or path to " + literalText(literal), literal);
        } else {
            edit(ADJUST_PARAMETERS, "changes the text value " + shorten(literalText(literal))
                    + (context.isBlank() ? "" : " of " + context.trim()), literal);
        }
    }

    private static String literalText(LiteralExpr literal) {
        if (literal instanceof StringLiteralExpr string) {
            return string.getValue();
        }
        if (literal instanceof TextBlockLiteralExpr block) {
            return block.getValue();
        }
        return literal.toString();
    }

    /** Names around a literal: the variable, field, call argument, annotation or method it belongs to. */
    private static String context(Node literal) {
        StringBuilder names = new StringBuilder();
        boolean call = false;
        Node current = literal.getParentNode().orElse(null);
        while (current != null) {
            if (current instanceof VariableDeclarator variable) {
                names.append(' ').append(variable.getNameAsString());
            } else if (current instanceof AssignExpr assign) {
                names.append(' ').append(assign.getTarget());
            } else if (current instanceof MethodCallExpr method && !call) {
                names.append(' ').append(method.getNameAsString());
                call = true;
            } else if (current instanceof MemberValuePair pair) {
                names.append(' ').append(pair.getNameAsString());
            } else if (current instanceof AnnotationExpr annotation) {
                names.append(' ').append(annotation.getName().getIdentifier());
            } else if (current instanceof ReturnStmt) {
                current.findAncestor(MethodDeclaration.class).ifPresent(m -> names.append(' ').append(m.getNameAsString()));
            } else if (current instanceof BodyDeclaration<?>) {
                break;
            }
            current = current.getParentNode().orElse(null);
        }
        return names.toString();
    }

    // ---------------------------------------------------------------- helpers

    private Set<String> statementTexts(Node root) {
        Set<String> texts = new HashSet<>();
        root.walk(node -> {
            if (node instanceof Statement statement && !(node instanceof BlockStmt)) {
                texts.add(print(statement));
            }
        });
        return texts;
    }

    private Set<String> callShapes(Node root) {
        Set<String> shapes = new HashSet<>();
        root.walk(node -> {
            if (node instanceof MethodCallExpr call) {
                shapes.add(shape(call));
            }
        });
        return shapes;
    }

    private String print(Node node) {
        return printed.computeIfAbsent(node, Node::toString);
    }

    private void edit(ModificationCategory category, String description, Node node) {
        add(new Edit(category, description, Nodes.line(node), firstLine(node), false, null), node);
    }

    private void neutral(String description, Node node, @Nullable ModificationCategory closest) {
        add(new Edit(null, description, Nodes.line(node), firstLine(node), true, closest), node);
    }

    private void add(Edit edit, Node node) {
        edits.add(edit);
        nodes.add(node);
    }

    private void unclassified(String description, Node node) {
        unclassified(description, node, Nodes.line(node));
    }

    private void unclassified(String description, Node node, int line) {
        add(new Edit(null, description, line, firstLine(node), false, closest(node)), node);
    }

    /** The category nearest to an edit that fits none, from where it is. */
    private @Nullable ModificationCategory closest(Node node) {
        if (node instanceof LiteralExpr || node instanceof VariableDeclarator || node instanceof FieldDeclaration) {
            return ADJUST_PARAMETERS;
        }
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof CatchClause || current == node && current instanceof TryStmt) {
                return IMPROVE_ERROR_HANDLING;
            }
            if (current instanceof IfStmt || current instanceof ThrowStmt) {
                return ADD_VALIDATION;
            }
            if (current instanceof CallableDeclaration<?> callable) {
                return isTool(callable) ? ADD_TOOL : null;
            }
        }
        return null;
    }

    private static String firstLine(@Nullable Node node) {
        if (node == null) {
            return "";
        }
        String text = node.toString().strip();
        int newline = text.indexOf('\n');
        return shorten(newline < 0 ? text : text.substring(0, newline).strip());
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 119) + "…" : text;
    }
}
