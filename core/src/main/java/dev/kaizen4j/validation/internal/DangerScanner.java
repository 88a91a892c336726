package dev.kaizen4j.validation.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.kaizen4j.validation.DangerousOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every use of a dangerous operation in a compilation unit, however it is spelled: simple
 * names through single, wildcard and static imports and {@code java.lang}, qualified names, variables
 * and fields (also {@code var}) that hold a dangerous object, casts, call chains, method references,
 * and code in lambdas, anonymous, local and nested classes and initializers.
 *
 * <p>Resolution is deliberately over-approximate: a name declared with several types anywhere in the
 * file has all of them, and a method name that is only ever dangerous is reported on a receiver whose
 * type cannot be told.
 */
public final class DangerScanner {

    /** One dangerous use. */
    public record Use(DangerousOperation operation, String what, Node node, String toleranceKey) {
    }

    private static final Set<String> JAVA_LANG = Set.of("Runtime", "System", "Class", "ClassLoader",
            "ProcessBuilder", "ProcessHandle", "Process", "Thread", "SecurityManager", "Module", "ModuleLayer",
            "Object", "String", "Compiler", "InheritableThreadLocal", "Package");
    private static final int MAX_DEPTH = 12;

    private final DangerCatalog catalog;
    private final CompilationUnit unit;
    private final Map<String, String> singleImports = new HashMap<>();
    private final List<String> wildcardPackages = new ArrayList<>();
    private final Map<String, String> staticImports = new HashMap<>();
    private final List<String> staticWildcardOwners = new ArrayList<>();
    private final Set<String> localTypes = new HashSet<>();
    private final Map<String, List<Object>> variables = new HashMap<>();
    private final Map<String, List<Type>> localMethodReturns = new HashMap<>();
    private final Map<Node, Set<String>> typeCache = new java.util.IdentityHashMap<>();
    private final List<Use> uses = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    private DangerScanner(CompilationUnit unit, DangerCatalog catalog) {
        this.unit = unit;
        this.catalog = catalog;
    }

    /** Every dangerous use in {@code unit}, in source order. */
    public static List<Use> scan(CompilationUnit unit, DangerCatalog catalog) {
        DangerScanner scanner = new DangerScanner(unit, catalog);
        scanner.index();
        scanner.walk();
        scanner.uses.sort(java.util.Comparator.comparingInt((Use use) -> Nodes.line(use.node()))
                .thenComparingInt(use -> Nodes.column(use.node())));
        return scanner.uses;
    }

    private void index() {
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        for (ImportDeclaration imp : unit.getImports()) {
            String name = imp.getNameAsString();
            if (imp.isStatic()) {
                if (imp.isAsterisk()) {
                    staticWildcardOwners.add(name);
                } else if (name.contains(".")) {
                    staticImports.put(name.substring(name.lastIndexOf('.') + 1), name.substring(0, name.lastIndexOf('.')));
                }
            } else if (imp.isAsterisk()) {
                wildcardPackages.add(name);
            } else {
                singleImports.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        wildcardPackages.add(pkg.isEmpty() ? "" : pkg.substring(0, pkg.length() - 1));
        unit.walk(node -> {
            if (node instanceof TypeDeclaration<?> type) {
                localTypes.add(type.getNameAsString());
            } else if (node instanceof VariableDeclarator variable) {
                variables.computeIfAbsent(variable.getNameAsString(), k -> new ArrayList<>()).add(variable);
            } else if (node instanceof Parameter parameter) {
                variables.computeIfAbsent(parameter.getNameAsString(), k -> new ArrayList<>()).add(parameter.getType());
            } else if (node instanceof TypePatternExpr pattern) {
                variables.computeIfAbsent(pattern.getNameAsString(), k -> new ArrayList<>()).add(pattern.getType());
            } else if (node instanceof MethodDeclaration method) {
                localMethodReturns.computeIfAbsent(method.getNameAsString(), k -> new ArrayList<>()).add(method.getType());
            }
        });
    }

    private void walk() {
        for (ImportDeclaration imp : unit.getImports()) {
            String name = imp.getNameAsString();
            if (imp.isStatic()) {
                String owner = imp.isAsterisk() ? name : name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                catalog.typeRule(owner).filter(rule -> rule.mention() == DangerCatalog.Mention.ANY)
                        .ifPresent(rule -> report(rule.operation(), "static import of " + owner, imp));
                if (!imp.isAsterisk()) {
                    String member = name.substring(name.lastIndexOf('.') + 1);
                    catalog.method(owner, member).ifPresent(op -> report(op, "static import of " + name, imp));
                }
            } else if (imp.isAsterisk()) {
                catalog.packageRule(name).ifPresent(op -> report(op, "import of " + name + ".*", imp));
            }
        }
        unit.walk(this::visit);
    }

    private void visit(Node node) {
        if (node instanceof ClassOrInterfaceType type) {
            visitType(type);
        } else if (node instanceof MethodCallExpr call) {
            visitCall(call);
        } else if (node instanceof MethodReferenceExpr reference) {
            visitReference(reference);
        } else if (node instanceof NameExpr || node instanceof FieldAccessExpr) {
            visitName((Expression) node);
        } else if (node instanceof MethodDeclaration method && method.isNative()) {
            report(DangerousOperation.NATIVE_CODE, "native method " + method.getNameAsString(), method);
        }
    }

    private void visitType(ClassOrInterfaceType type) {
        if (type.getParentNode().filter(parent -> parent instanceof ClassOrInterfaceType outer
                && outer.getScope().filter(scope -> scope == type).isPresent()).isPresent()) {
            return;
        }
        String qualified = resolveTypeName(type.getNameWithScope());
        Optional<DangerCatalog.TypeRule> rule = catalog.typeRule(qualified);
        if (rule.isEmpty()) {
            return;
        }
        Node parent = type.getParentNode().orElse(null);
        switch (rule.get().mention()) {
            case ANY -> report(rule.get().operation(), "use of " + qualified, type);
            case CREATE -> {
                if (parent instanceof ObjectCreationExpr || parent instanceof ClassOrInterfaceDeclaration
                        || parent instanceof EnumDeclaration || parent instanceof RecordDeclaration) {
                    report(rule.get().operation(), "creating or extending " + qualified, type);
                }
            }
            case FILE_TARGET -> {
                if (parent instanceof ObjectCreationExpr creation && !creation.getArguments().isEmpty()
                        && isFileLike(creation.getArgument(0))) {
                    report(rule.get().operation(), "opening a file with " + qualified, type);
                } else if (parent instanceof ClassOrInterfaceDeclaration) {
                    report(rule.get().operation(), "extending " + qualified, type);
                }
            }
        }
    }

    private void visitCall(MethodCallExpr call) {
        String name = call.getNameAsString();
        Set<String> owners = ownersOf(call);
        checkMember(owners, name, call, call.getScope().isEmpty());
    }

    private void visitReference(MethodReferenceExpr reference) {
        String name = reference.getIdentifier();
        Expression scope = reference.getScope();
        Set<String> owners = scope instanceof TypeExpr typeExpr
                ? Set.of(resolveTypeName(typeExpr.getType().asString().replaceAll("<.*>", "")))
                : typesOf(scope, 0);
        if (!name.equals("new")) {
            checkMember(owners, name, reference, false);
        }
    }

    private void checkMember(Set<String> owners, String name, Node node, boolean unqualified) {
        boolean known = false;
        for (String owner : owners) {
            Optional<DangerousOperation> op = catalog.method(owner, name);
            if (op.isPresent()) {
                report(op.get(), owner.replace("$", ".") + "." + name, node);
                return;
            }
            known |= catalog.knows(owner);
        }
        if (known || (unqualified && localMethodReturns.containsKey(name) && owners.isEmpty())) {
            return;
        }
        catalog.unknownReceiverMethod(name).ifPresent(op -> report(op, "call of " + name, node));
    }

    private void visitName(Expression name) {
        // a name used as a type, for static access: Unsafe.theUnsafe, MethodHandles.lookup(), java.lang.ProcessBuilder
        if (!isPureName(name) || isVariableRooted(name)) {
            return;
        }
        Node parent = name.getParentNode().orElse(null);
        if (parent instanceof ImportDeclaration) {
            return;
        }
        String qualified = resolveTypeName(name.toString());
        catalog.typeRule(qualified).filter(rule -> rule.mention() == DangerCatalog.Mention.ANY)
                .ifPresent(rule -> report(rule.operation(), "use of " + qualified, name));
    }

    private static boolean isPureName(Expression expression) {
        Expression current = expression;
        while (current instanceof FieldAccessExpr access) {
            current = access.getScope();
        }
        return current instanceof NameExpr;
    }

    private boolean isVariableRooted(Expression expression) {
        Expression current = expression;
        while (current instanceof FieldAccessExpr access) {
            current = access.getScope();
        }
        return variables.containsKey(((NameExpr) current).getNameAsString());
    }

    private Set<String> ownersOf(MethodCallExpr call) {
        if (call.getScope().isPresent()) {
            return typesOf(call.getScope().get(), 0);
        }
        String name = call.getNameAsString();
        String owner = staticImports.get(name);
        if (owner != null) {
            return Set.of(resolveTypeName(owner));
        }
        Set<String> owners = new LinkedHashSet<>();
        for (String wildcardOwner : staticWildcardOwners) {
            String resolved = resolveTypeName(wildcardOwner);
            if (catalog.method(resolved, name).isPresent() || catalog.returnType(resolved, name).isPresent()) {
                owners.add(resolved);
            }
        }
        return owners;
    }

    /** The possible qualified types of an expression; empty when unknown. */
    Set<String> typesOf(Expression expression, int depth) {
        if (depth > MAX_DEPTH) {
            return Set.of();
        }
        Set<String> cached = typeCache.get(expression);
        if (cached != null) {
            return cached;
        }
        typeCache.put(expression, Set.of());
        Set<String> types = computeTypes(expression, depth);
        typeCache.put(expression, types);
        return types;
    }

    private Set<String> computeTypes(Expression expression, int depth) {
        if (expression instanceof NameExpr name) {
            List<Object> declarations = variables.get(name.getNameAsString());
            if (declarations == null) {
                return Set.of(resolveTypeName(name.getNameAsString()));
            }
            return declaredTypes(declarations, depth);
        }
        if (expression instanceof FieldAccessExpr access) {
            if (access.getScope() instanceof ThisExpr || access.getScope() instanceof com.github.javaparser.ast.expr.SuperExpr) {
                List<Object> declarations = variables.get(access.getNameAsString());
                return declarations == null ? Set.of() : declaredTypes(declarations, depth);
            }
            if (isPureName(access) && !isVariableRooted(access)) {
                return Set.of(resolveTypeName(access.toString()));
            }
            return Set.of();
        }
        if (expression instanceof MethodCallExpr call) {
            String name = call.getNameAsString();
            if (name.equals("getClass") && call.getArguments().isEmpty()) {
                return Set.of("java.lang.Class");
            }
            Set<String> result = new LinkedHashSet<>();
            Set<String> owners = ownersOf(call);
            for (String owner : owners) {
                catalog.returnType(owner, name).ifPresent(result::add);
            }
            if (result.isEmpty()) {
                for (Type type : localMethodReturns.getOrDefault(name, List.of())) {
                    result.add(resolveType(type));
                }
            }
            return result;
        }
        if (expression instanceof ObjectCreationExpr creation) {
            return Set.of(resolveType(creation.getType()));
        }
        if (expression instanceof CastExpr cast) {
            return Set.of(resolveType(cast.getType()));
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return typesOf(enclosed.getInner(), depth + 1);
        }
        if (expression instanceof ConditionalExpr conditional) {
            Set<String> result = new LinkedHashSet<>(typesOf(conditional.getThenExpr(), depth + 1));
            result.addAll(typesOf(conditional.getElseExpr(), depth + 1));
            return result;
        }
        if (expression instanceof AssignExpr assign) {
            return typesOf(assign.getValue(), depth + 1);
        }
        if (expression instanceof ClassExpr) {
            return Set.of("java.lang.Class");
        }
        if (expression instanceof StringLiteralExpr || expression instanceof TextBlockLiteralExpr) {
            return Set.of("java.lang.String");
        }
        if (expression instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.PLUS
                && (typesOf(binary.getLeft(), depth + 1).contains("java.lang.String")
                || typesOf(binary.getRight(), depth + 1).contains("java.lang.String"))) {
            return Set.of("java.lang.String");
        }
        return Set.of();
    }

    private Set<String> declaredTypes(List<Object> declarations, int depth) {
        Set<String> result = new LinkedHashSet<>();
        for (Object declaration : declarations) {
            if (declaration instanceof VariableDeclarator variable) {
                if (!variable.getType().isVarType()) {
                    result.add(resolveType(variable.getType()));
                }
                // the object a variable holds may be more dangerous than its declared type says
                variable.getInitializer().ifPresent(init -> result.addAll(typesOf(init, depth + 1)));
            } else if (declaration instanceof Type type && !type.isUnknownType() && !type.isVarType()) {
                result.add(resolveType(type));
            }
        }
        return result;
    }

    private String resolveType(Type type) {
        if (type instanceof ClassOrInterfaceType classType) {
            return resolveTypeName(classType.getNameWithScope());
        }
        return type.asString();
    }

    /** The qualified name a (simple or qualified) type name stands for in this file. */
    String resolveTypeName(String name) {
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot);
        if (JAVA_LANG.contains(first)) {
            return "java.lang." + name;
        }
        String imported = singleImports.get(first);
        if (imported != null) {
            return imported + rest;
        }
        if (dot > 0 && Character.isLowerCase(first.charAt(0))) {
            return name;
        }
        if (!localTypes.contains(first)) {
            for (String pkg : wildcardPackages) {
                String candidate = pkg.isEmpty() ? first : pkg + "." + first;
                if (catalog.knows(candidate) || (!pkg.isEmpty() && catalog.typeRule(candidate).isPresent())) {
                    return candidate + rest;
                }
            }
        }
        return name;
    }

    private boolean isFileLike(Expression argument) {
        if (argument instanceof StringLiteralExpr || argument instanceof TextBlockLiteralExpr) {
            return true;
        }
        Set<String> types = typesOf(argument, 0);
        return types.contains("java.lang.String") || types.contains("java.io.File")
                || types.contains("java.nio.file.Path") || types.contains("String") || types.contains("File")
                || types.contains("Path");
    }

    private void report(DangerousOperation operation, String what, Node node) {
        String position = operation + "@" + Nodes.line(node) + ":" + Nodes.column(node);
        if (reported.add(position)) {
            uses.add(new Use(operation, what, node, operation + "|" + memberOf(node) + "|" + contextOf(node)
                    + "|" + bindingsOf(node)));
        }
    }

    /**
     * The initial values of the variables and fields the statement around a use reads, so a tolerated
     * use whose input changes (a new value of the command constant it runs) counts as a new use.
     */
    private String bindingsOf(Node node) {
        Node context = node;
        while (context.getParentNode().isPresent() && !(context instanceof Statement)
                && !(context instanceof BodyDeclaration<?>)) {
            context = context.getParentNode().get();
        }
        java.util.TreeSet<String> bindings = new java.util.TreeSet<>();
        collectBindings(context, bindings, 0);
        return String.join(";", bindings);
    }

    private void collectBindings(Node context, Set<String> bindings, int depth) {
        if (depth > 3 || bindings.size() > 50) {
            return;
        }
        for (NameExpr name : context.findAll(NameExpr.class)) {
            for (Object declaration : variables.getOrDefault(name.getNameAsString(), List.of())) {
                if (declaration instanceof VariableDeclarator variable && variable.getInitializer().isPresent()
                        && bindings.add(variable.getNameAsString() + "=" + variable.getInitializer().get())) {
                    collectBindings(variable.getInitializer().get(), bindings, depth + 1);
                }
            }
        }
    }

    private static String memberOf(Node node) {
        StringBuilder path = new StringBuilder();
        Node current = node;
        while (current != null) {
            if (current instanceof CallableDeclaration<?> callable) {
                path.insert(0, callable.getDeclarationAsString(false, false, false) + "/");
            } else if (current instanceof FieldDeclaration field) {
                path.insert(0, field.getVariables().toString() + "/");
            } else if (current instanceof TypeDeclaration<?> type) {
                path.insert(0, type.getNameAsString() + "/");
            } else if (current instanceof BodyDeclaration<?> && !(current instanceof TypeDeclaration<?>)) {
                path.insert(0, current.getClass().getSimpleName() + "/");
            }
            current = current.getParentNode().orElse(null);
        }
        return path.toString();
    }

    private static String contextOf(Node node) {
        Node current = node;
        while (current != null && !(current instanceof Statement) && !(current instanceof BodyDeclaration<?>)
                && !(current instanceof ImportDeclaration)) {
            current = current.getParentNode().orElse(null);
        }
        Node context = current == null ? node : current;
        if (context instanceof BodyDeclaration<?> && !(context instanceof FieldDeclaration)) {
            return Nodes.print(node);
        }
        return Nodes.print(context);
    }
}
