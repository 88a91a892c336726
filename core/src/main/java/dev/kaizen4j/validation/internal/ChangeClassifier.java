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
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
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
import com.github.javaparser.ast.stmt.EmptyStmt;
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
 * edit. An edit that fits no category is reported as unclassified (category {@code null}).
 */
public final class ChangeClassifier {

    /**
     * One edit.
     *
     * @param category its category, or {@code null} when it fits none
     * @param description what changed, in words
     * @param line the line in the proposed code, or 0
     * @param snippet the changed code, shortened
     * @param neutral whether the edit only supports others (logging, a local variable) and has no category
     *     of its own; a change made only of neutral edits fits no category
     */
    public record Edit(@Nullable ModificationCategory category, String description, int line, String snippet,
            boolean neutral) {
    }

    private static final Pattern BACKSTORY = Pattern.compile("(?i)back_?story|biography|\\bbio\\b|persona_?history");
    private static final Pattern PROMPT = Pattern.compile(
            "(?i)prompt|instruction|template|system_?message|user_?message|persona|guideline|role|goal|"
                    + "\\b(Tool|P|Description|StructuredPrompt)\\b|tool_?description");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)^\\s*([a-z][a-z0-9+.-]*://|[\\w-]+(\\.[\\w-]+)*\\.(com|net|org|io|dev|ai|xyz|ru|cn|co|me|app|site|info|biz|tk|top)(:\\d+)?(/|$)|\\d{1,3}(\\.\\d{1,3}){3}|/(etc|tmp|var|home|root|usr|bin)/|[A-Za-z]:\\\\)");
    private static final Pattern VALIDATION_CALL = Pattern.compile(
            "^(requireNonNull\\w*|check\\w*|validate\\w*|require\\w*|assert\\w*|ensure\\w*|verify\\w*|isTrue|notNull|notBlank|notEmpty|precondition\\w*)$");
    private static final Pattern VALIDATION_NAME = Pattern.compile("(?i)^(validate|check|require|ensure|verify|isvalid|sanitize|assert)");
    private static final Pattern ERROR_NAME = Pattern.compile("(?i)(retry|retries|fallback|recover|withbackoff|backoff|handle\\w*(error|exception|failure)|onerror|onfailure)");
    private static final Pattern LOGGER = Pattern.compile("(?i)^(log|logger|LOG|LOGGER|slf4j|System\\.err|System\\.out)$");
    private static final Set<String> LOG_METHODS = Set.of("trace", "debug", "info", "warn", "error", "log",
            "println", "printf", "print", "atWarn", "atError", "atInfo", "atDebug");
    private static final Set<String> BENIGN_CALLS = Set.of("getMessage", "getLocalizedMessage", "getCause", "toString",
            "getClass", "getSimpleName", "getName", "size", "isEmpty", "isBlank", "length", "trim", "strip",
            "equals", "equalsIgnoreCase", "contains", "startsWith", "endsWith", "matches", "format", "formatted",
            "valueOf", "of", "ofMillis", "ofSeconds", "ofMinutes", "toMillis", "toSeconds", "sleep", "currentTimeMillis",
            "nanoTime", "min", "max", "pow", "abs", "interrupt", "currentThread", "isInterrupted", "addSuppressed",
            "printStackTrace", "isPresent", "orElse", "get", "stream", "anyMatch", "allMatch", "noneMatch", "filter",
            "map", "toList", "collect", "joining", "toLowerCase", "toUpperCase", "charAt", "substring", "indexOf",
            "hashCode", "compareTo", "isNaN", "isFinite", "requireNonNull", "requireNonNullElse", "ofNullable", "empty",
            "emptyList", "copyOf", "asList", "join", "split", "replace", "isAfter", "isBefore", "now", "plus", "minus",
            "multipliedBy", "getSeconds", "toNanos", "parkNanos", "random", "nextInt", "nextLong", "current");

    private final List<Edit> edits = new ArrayList<>();
    private final Map<Node, String> printed = new IdentityHashMap<>();
    private @Nullable CompilationUnit oldUnit;
    private @Nullable Set<String> oldUnitStatements;
    private @Nullable Set<String> oldUnitCalls;

    private ChangeClassifier() {
    }

    /** The edits that turn {@code current} into {@code proposed}. */
    public static List<Edit> classify(CompilationUnit current, CompilationUnit proposed) {
        ChangeClassifier classifier = new ChangeClassifier();
        classifier.compareUnits(current, proposed);
        return classifier.edits;
    }

    private void compareUnits(CompilationUnit current, CompilationUnit proposed) {
        oldUnit = current;
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
                addedType(type, toolNames);
            } else {
                compareType(before, type);
            }
        }
        for (TypeDeclaration<?> removed : old.values()) {
            unclassified("removes type " + removed.getNameAsString(), parent);
        }
    }

    private void addedType(TypeDeclaration<?> type, Set<String> toolNames) {
        boolean hasTool = type.findFirst(MethodDeclaration.class, ChangeClassifier::isTool).isPresent();
        if (hasTool || toolNames.contains(type.getNameAsString())) {
            edit(ADD_TOOL, "adds type " + type.getNameAsString() + " for a tool", type);
        } else {
            unclassified("adds type " + type.getNameAsString(), type);
        }
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
            if (!oldCallables.containsKey(entry.getKey()) && isTool(entry.getValue())) {
                entry.getValue().walk(node -> {
                    if (node instanceof MethodCallExpr call) {
                        toolReferences.add(call.getNameAsString());
                    } else if (node instanceof NameExpr name) {
                        toolReferences.add(name.getNameAsString());
                    } else if (node instanceof ClassOrInterfaceType type) {
                        toolReferences.add(type.getNameAsString());
                    } else if (node instanceof FieldAccessExpr access) {
                        toolReferences.add(access.getNameAsString());
                    }
                });
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
        oldFields.values().forEach(removed -> unclassified("removes field " + removed.getNameAsString(), after));
        for (Map.Entry<String, CallableDeclaration<?>> entry : newCallables.entrySet()) {
            CallableDeclaration<?> old = oldCallables.remove(entry.getKey());
            if (old == null) {
                addedCallable(entry.getValue(), toolReferences);
            } else {
                compareCallable(old, entry.getValue());
            }
        }
        oldCallables.keySet().forEach(removed -> unclassified("removes " + removed, after));
        for (Map.Entry<String, InitializerDeclaration> entry : newInitializers.entrySet()) {
            InitializerDeclaration old = oldInitializers.remove(entry.getKey());
            if (old == null) {
                unclassified("adds an initializer block", entry.getValue());
            } else {
                compareBlocks(old.getBody().getStatements(), entry.getValue().getBody().getStatements(),
                        statementTexts(old), statementTexts(entry.getValue()), callNames(old));
            }
        }
        oldInitializers.values().forEach(removed -> unclassified("removes an initializer block", after));
        Map<String, TypeDeclaration<?>> nestedBefore = new LinkedHashMap<>();
        oldNested.forEach(type -> nestedBefore.putIfAbsent(type.getNameAsString(), type));
        for (TypeDeclaration<?> nested : newNested) {
            TypeDeclaration<?> old = nestedBefore.remove(nested.getNameAsString());
            if (old == null) {
                addedType(nested, toolReferences);
            } else {
                compareType(old, nested);
            }
        }
        nestedBefore.values().forEach(removed -> unclassified("removes type " + removed.getNameAsString(), after));
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
        if (toolReferences.contains(name)) {
            edit(ADD_TOOL, "adds field " + name + " for a tool", variable);
        } else if (init != null && isConstant(init) && BACKSTORY.matcher(name).find()) {
            edit(MODIFY_BACKSTORY, "adds backstory text " + name, variable);
        } else if (init != null && isConstant(init) && PROMPT.matcher(name).find()) {
            edit(UPDATE_PROMPT, "adds prompt text " + name, variable);
        } else if (init != null && isParameterValue(init)) {
            edit(ADJUST_PARAMETERS, "adds parameter " + name, variable);
        } else if (init != null && init.toString().contains("getLogger")) {
            edits.add(new Edit(null, "adds logger " + name, Nodes.line(variable), firstLine(variable), true));
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
        } else if (isParameterValue(oldInit) && isParameterValue(newInit)) {
            edit(ADJUST_PARAMETERS, "changes parameter " + name, after);
        } else {
            unclassified("changes the value of field " + name, after);
        }
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

    /** A number, boolean or a value like {@code Duration.ofSeconds(30)} built only from literals. */
    private static boolean isParameterValue(Expression expression) {
        if (expression instanceof LiteralExpr && !(expression instanceof StringLiteralExpr)
                && !(expression instanceof TextBlockLiteralExpr)) {
            return true;
        }
        if (expression instanceof UnaryExpr unary) {
            return isParameterValue(unary.getExpression());
        }
        if (expression instanceof BinaryExpr binary) {
            return isParameterValue(binary.getLeft()) && isParameterValue(binary.getRight());
        }
        if (expression instanceof MethodCallExpr call && call.getScope().filter(NameExpr.class::isInstance).isPresent()
                && Set.of("ofMillis", "ofSeconds", "ofMinutes", "ofHours", "ofDays", "valueOf")
                .contains(call.getNameAsString())) {
            return call.getArguments().stream().allMatch(ChangeClassifier::isParameterValue);
        }
        return false;
    }

    // ---------------------------------------------------------------- callables

    private void addedCallable(CallableDeclaration<?> callable, Set<String> toolReferences) {
        String name = callable.getNameAsString();
        if (isTool(callable)) {
            edit(ADD_TOOL, "adds tool " + name, callable);
            return;
        }
        if (toolReferences.contains(name)) {
            edit(ADD_TOOL, "adds " + name + ", used by a new tool", callable);
            return;
        }
        BlockStmt body = body(callable);
        if (body == null) {
            unclassified("adds " + key(callable), callable);
            return;
        }
        if (oldUnitStatements == null || oldUnitCalls == null) {
            oldUnitStatements = oldUnit == null ? Set.of() : statementTexts(oldUnit);
            oldUnitCalls = oldUnit == null ? Set.of() : callNames(oldUnit);
        }
        Pools pools = new Pools(oldUnitStatements, oldUnitCalls);
        boolean named = VALIDATION_NAME.matcher(name).find() || ERROR_NAME.matcher(name).find();
        Set<ModificationCategory> categories = EnumSet.noneOf(ModificationCategory.class);
        for (Statement statement : body.getStatements()) {
            Set<ModificationCategory> found = classifyAdded(statement, named, pools);
            if (found == null) {
                unclassified("adds " + key(callable) + " with " + firstLine(statement), statement);
                return;
            }
            categories.addAll(found);
        }
        if (VALIDATION_NAME.matcher(name).find()) {
            categories.add(ADD_VALIDATION);
        } else if (ERROR_NAME.matcher(name).find()) {
            categories.add(IMPROVE_ERROR_HANDLING);
        }
        if (categories.isEmpty()) {
            unclassified("adds " + key(callable), callable);
        }
        for (ModificationCategory category : categories) {
            edit(category, "adds " + key(callable), callable);
        }
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
        compareBlocks(oldBody.getStatements(), newBody.getStatements(), statementTexts(oldBody),
                statementTexts(newBody), callNames(oldBody));
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

    private record Pools(Set<String> oldStatements, Set<String> oldCalls) {
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
                continue; // moved, for example into a new try block or guard
            }
            Statement partner = null;
            for (Statement candidate : unmatchedAdded) {
                if (candidate.getClass() == old.getClass() && !pools.oldStatements().contains(print(candidate))) {
                    partner = candidate;
                    break;
                }
            }
            if (partner != null && compareStatements(old, partner, newStatements, pools)) {
                unmatchedAdded.remove(partner);
            } else {
                unmatchedRemoved.add(old);
            }
        }
        for (Statement statement : unmatchedAdded) {
            Set<ModificationCategory> categories = classifyAdded(statement, false, pools);
            if (categories == null) {
                unclassified("adds " + firstLine(statement), statement);
            } else if (categories.isEmpty()) {
                edits.add(new Edit(null, "adds " + firstLine(statement), Nodes.line(statement), firstLine(statement),
                        true));
            } else {
                categories.forEach(category -> edit(category, "adds " + firstLine(statement), statement));
            }
        }
        for (Statement statement : unmatchedRemoved) {
            Node where = added.isEmpty() ? statement : added.get(0);
            unclassified("removes " + firstLine(statement), where, Nodes.line(where));
        }
    }

    /** Whether a removed statement lives on in the new code, as it was or split into declaration and assignment. */
    private boolean isMoved(Statement old, Set<String> newStatements) {
        if (newStatements.contains(print(old))) {
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
                    pools.oldCalls());
            return true;
        }
        if (before instanceof TryStmt oldTry && after instanceof TryStmt newTry) {
            if (!oldTry.getResources().toString().equals(newTry.getResources().toString())) {
                edit(IMPROVE_ERROR_HANDLING, "changes the resources of a try statement", newTry);
            }
            compareBlocks(oldTry.getTryBlock().getStatements(), newTry.getTryBlock().getStatements(),
                    pools.oldStatements(), newStatements, pools.oldCalls());
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
                Set<ModificationCategory> categories = classifyAdded(newIf.getElseStmt().get(), false, pools);
                if (categories == null) {
                    unclassified("adds an else branch", newIf.getElseStmt().get());
                } else {
                    edit(ADD_VALIDATION, "adds an else branch", newIf.getElseStmt().get());
                }
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
        compareBlocks(a, b, pools.oldStatements(), newStatements, pools.oldCalls());
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
     * The categories of an added statement, or {@code null} when it fits none. {@code wrapped} is true
     * inside new error handling (try blocks, catch clauses, retry loops) and validation helpers, where
     * statements that only call what the code called before are allowed.
     */
    private @Nullable Set<ModificationCategory> classifyAdded(Statement statement, boolean wrapped, Pools pools) {
        Set<ModificationCategory> none = EnumSet.noneOf(ModificationCategory.class);
        if (pools.oldStatements().contains(print(statement))) {
            return none;
        }
        if (statement instanceof ThrowStmt) {
            return wrapped ? none : EnumSet.of(ADD_VALIDATION);
        }
        if (statement instanceof AssertStmt) {
            return EnumSet.of(ADD_VALIDATION);
        }
        if (statement instanceof EmptyStmt || statement instanceof BreakStmt || statement instanceof ContinueStmt) {
            return none;
        }
        if (statement instanceof ReturnStmt ret) {
            return ret.getExpression().map(e -> isSimple(e) || (wrapped && callsOnlyKnown(e, pools))).orElse(true)
                    ? none : null;
        }
        if (statement instanceof ExpressionStmt expressionStatement) {
            Expression expression = expressionStatement.getExpression();
            if (isValidationCall(expression)) {
                return EnumSet.of(ADD_VALIDATION);
            }
            if (isLogging(expression) || isSimpleUpdate(expression)) {
                return none;
            }
            if (expression instanceof VariableDeclarationExpr declaration) {
                for (VariableDeclarator variable : declaration.getVariables()) {
                    Expression init = variable.getInitializer().orElse(null);
                    if (init != null && isValidationCall(init)) {
                        return EnumSet.of(ADD_VALIDATION);
                    }
                    if (init != null && !isSimpleOrBenign(init) && !(wrapped && callsOnlyKnown(init, pools))) {
                        return null;
                    }
                }
                return none;
            }
            return wrapped && callsOnlyKnown(expression, pools) ? none : null;
        }
        if (statement instanceof BlockStmt block) {
            return all(block.getStatements(), wrapped, pools, none);
        }
        if (statement instanceof IfStmt ifStmt) {
            Set<ModificationCategory> inner = all(branch(ifStmt.getThenStmt()), true, pools, none);
            if (inner != null && ifStmt.getElseStmt().isPresent()) {
                Set<ModificationCategory> other = all(branch(ifStmt.getElseStmt().get()), true, pools, none);
                inner = other == null ? null : union(inner, other);
            }
            if (inner == null || !callsOnlyKnown(ifStmt.getCondition(), pools) && !isSimple(ifStmt.getCondition())) {
                return null;
            }
            return wrapped ? inner : union(inner, EnumSet.of(ADD_VALIDATION));
        }
        if (statement instanceof TryStmt tryStmt) {
            Set<ModificationCategory> inner = all(tryStmt.getTryBlock().getStatements(), true, pools, none);
            for (CatchClause clause : tryStmt.getCatchClauses()) {
                inner = inner == null ? null : all(clause.getBody().getStatements(), true, pools, inner);
            }
            if (inner != null && tryStmt.getFinallyBlock().isPresent()) {
                inner = all(tryStmt.getFinallyBlock().get().getStatements(), true, pools, inner);
            }
            if (inner == null || !tryStmt.getResources().stream().allMatch(r -> callsOnlyKnown(r, pools))) {
                return null;
            }
            return union(inner, EnumSet.of(IMPROVE_ERROR_HANDLING));
        }
        Statement body = loopBody(statement);
        if (body != null && (statement instanceof SynchronizedStmt || statement instanceof LabeledStmt
                || body.findFirst(TryStmt.class).isPresent())) {
            Set<ModificationCategory> inner = all(branch(body), true, pools, none);
            boolean headerKnown = statement.getChildNodes().stream()
                    .filter(child -> child != body && child instanceof Expression)
                    .allMatch(child -> callsOnlyKnown((Expression) child, pools) || isSimple((Expression) child));
            if (inner == null || !headerKnown) {
                return null;
            }
            return statement instanceof SynchronizedStmt || statement instanceof LabeledStmt ? inner
                    : union(inner, EnumSet.of(IMPROVE_ERROR_HANDLING));
        }
        return null;
    }

    private @Nullable Set<ModificationCategory> all(List<Statement> statements, boolean wrapped, Pools pools,
            Set<ModificationCategory> start) {
        Set<ModificationCategory> result = EnumSet.noneOf(ModificationCategory.class);
        result.addAll(start);
        for (Statement statement : statements) {
            Set<ModificationCategory> found = classifyAdded(statement, wrapped, pools);
            if (found == null) {
                return null;
            }
            result.addAll(found);
        }
        return result;
    }

    private static List<Statement> branch(Statement statement) {
        return statement instanceof BlockStmt block ? block.getStatements() : List.of(statement);
    }

    private static Set<ModificationCategory> union(Set<ModificationCategory> a, Set<ModificationCategory> b) {
        Set<ModificationCategory> result = EnumSet.noneOf(ModificationCategory.class);
        result.addAll(a);
        result.addAll(b);
        return result;
    }

    private static boolean isValidationCall(Expression expression) {
        return expression instanceof MethodCallExpr call && VALIDATION_CALL.matcher(call.getNameAsString()).matches();
    }

    private static boolean isLogging(Expression expression) {
        if (!(expression instanceof MethodCallExpr call) || !LOG_METHODS.contains(call.getNameAsString())) {
            return false;
        }
        Expression scope = call.getScope().orElse(null);
        while (scope instanceof MethodCallExpr inner) {
            scope = inner.getScope().orElse(null);
        }
        return scope != null && LOGGER.matcher(scope.toString()).matches()
                && call.getArguments().stream().allMatch(ChangeClassifier::isSimpleOrBenign);
    }

    private static boolean isSimpleOrBenign(Expression expression) {
        return isSimple(expression) || expression.findAll(MethodCallExpr.class).stream()
                .allMatch(call -> BENIGN_CALLS.contains(call.getNameAsString()))
                && expression.findFirst(ObjectCreationExpr.class).isEmpty()
                && expression.findFirst(LambdaExpr.class).isEmpty();
    }

    private static boolean isSimpleUpdate(Expression expression) {
        if (expression instanceof UnaryExpr unary) {
            return unary.getExpression() instanceof NameExpr || unary.getExpression() instanceof FieldAccessExpr;
        }
        if (expression instanceof AssignExpr assign) {
            return isSimple(assign.getValue());
        }
        return expression instanceof MethodCallExpr call && call.getNameAsString().equals("sleep")
                && call.getArguments().stream().allMatch(ChangeClassifier::isSimple);
    }

    /** Literals, names, field reads, {@code this}, and operators on them. */
    private static boolean isSimple(Expression expression) {
        if (expression instanceof LiteralExpr || expression instanceof NameExpr || expression instanceof ThisExpr
                || expression instanceof com.github.javaparser.ast.expr.NullLiteralExpr) {
            return true;
        }
        if (expression instanceof FieldAccessExpr access) {
            return isSimple(access.getScope());
        }
        if (expression instanceof BinaryExpr binary) {
            return isSimple(binary.getLeft()) && isSimple(binary.getRight());
        }
        if (expression instanceof UnaryExpr unary) {
            return isSimple(unary.getExpression());
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return isSimple(enclosed.getInner());
        }
        if (expression instanceof CastExpr cast) {
            return isSimple(cast.getExpression());
        }
        if (expression instanceof ConditionalExpr conditional) {
            return isSimple(conditional.getCondition()) && isSimple(conditional.getThenExpr())
                    && isSimple(conditional.getElseExpr());
        }
        return false;
    }

    /** Whether an expression calls only what the code called before, or harmless library methods. */
    private static boolean callsOnlyKnown(Node expression, Pools pools) {
        if (expression.findFirst(LambdaExpr.class).isPresent()
                && expression.findFirst(LambdaExpr.class).get().findFirst(MethodCallExpr.class,
                call -> !pools.oldCalls().contains(call.getNameAsString())
                        && !BENIGN_CALLS.contains(call.getNameAsString())).isPresent()) {
            return false;
        }
        for (MethodCallExpr call : expression.findAll(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            if (!pools.oldCalls().contains(name) && !BENIGN_CALLS.contains(name) && !LOG_METHODS.contains(name)
                    && !VALIDATION_CALL.matcher(name).matches()) {
                return false;
            }
        }
        for (ObjectCreationExpr creation : expression.findAll(ObjectCreationExpr.class)) {
            String type = creation.getType().getNameAsString();
            if (!type.endsWith("Exception") && !type.endsWith("Error") && !pools.oldCalls().contains("new " + type)
                    && !Set.of("ArrayList", "StringBuilder", "LinkedHashMap", "HashMap", "HashSet").contains(type)) {
                return false;
            }
            if (creation.getAnonymousClassBody().isPresent()) {
                return false;
            }
        }
        return true;
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

    private static Set<String> callNames(Node root) {
        Set<String> names = new HashSet<>();
        root.walk(node -> {
            if (node instanceof MethodCallExpr call) {
                names.add(call.getNameAsString());
            } else if (node instanceof ObjectCreationExpr creation) {
                names.add("new " + creation.getType().getNameAsString());
            }
        });
        return names;
    }

    private String print(Node node) {
        return printed.computeIfAbsent(node, Node::toString);
    }

    private void edit(ModificationCategory category, String description, Node node) {
        edits.add(new Edit(category, description, Nodes.line(node), firstLine(node), false));
    }

    private void unclassified(String description, Node node) {
        edits.add(new Edit(null, description, Nodes.line(node), firstLine(node), false));
    }

    private void unclassified(String description, Node node, int line) {
        edits.add(new Edit(null, description, line, firstLine(node), false));
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
