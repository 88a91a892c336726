package dev.kaizen4j.validation;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SafeCodeValidator} on JavaParser's AST: rejects syntax errors, new dangerous calls and
 * removed public or protected signatures.
 */
public final class JavaParserSafeCodeValidator implements SafeCodeValidator {

    private static final Set<String> DANGEROUS_CALLS = Set.of(
            "Runtime.exec", "System.exit", "Runtime.halt", "Class.forName", "System.loadLibrary", "System.load",
            "System.setProperty", "System.setSecurityManager", "Files.delete", "Files.write", "Files.writeString");
    private static final Set<String> DANGEROUS_TYPES = Set.of(
            "ProcessBuilder", "Socket", "ServerSocket", "URLClassLoader", "ObjectInputStream", "FileOutputStream",
            "InitialContext", "ScriptEngineManager");

    private final JavaParser parser = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    @Override
    public ValidationResult validate(String currentSource, String proposedSource) {
        List<Violation> violations = new ArrayList<>();
        CompilationUnit proposed;
        CompilationUnit current;
        synchronized (parser) {
            proposed = parse(proposedSource, violations, "proposed");
            current = currentSource.isBlank() ? null : parse(currentSource, violations, "current");
        }
        if (proposed == null) {
            return ValidationResult.rejected(violations);
        }
        Map<String, Integer> existing = current == null ? Map.of() : dangerousUses(current, new ArrayList<>());
        List<Node> proposedUses = new ArrayList<>();
        Map<String, Integer> uses = dangerousUses(proposed, proposedUses);
        Map<String, Integer> remaining = new HashMap<>(existing);
        for (Node use : proposedUses) {
            String key = key(use);
            if (remaining.getOrDefault(key, 0) > 0) {
                remaining.merge(key, -1, Integer::sum);
                continue;
            }
            violations.add(new Violation("dangerous-operation", "new use of " + key, line(use), column(use), use.toString()));
        }
        if (current != null) {
            Set<String> proposedSignatures = Set.copyOf(signatures(proposed));
            for (String signature : signatures(current)) {
                if (!proposedSignatures.contains(signature)) {
                    violations.add(new Violation("interface-changed", "public or protected member removed or changed: "
                            + signature, 0, 0, signature));
                }
            }
        }
        return violations.isEmpty() ? ValidationResult.accepted(Set.of()) : ValidationResult.rejected(violations);
    }

    private CompilationUnit parse(String source, List<Violation> violations, String which) {
        ParseResult<CompilationUnit> result = parser.parse(source);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            return result.getResult().get();
        }
        for (Problem problem : result.getProblems()) {
            int line = problem.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(0);
            int column = problem.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.column).orElse(0);
            violations.add(new Violation("syntax", which + " code does not parse: " + problem.getMessage(), line, column, ""));
        }
        return null;
    }

    private static Map<String, Integer> dangerousUses(CompilationUnit unit, List<Node> nodes) {
        Map<String, Integer> counts = new HashMap<>();
        for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
            String name = call.getScope().map(scope -> scope.toString() + "." + call.getNameAsString())
                    .orElse(call.getNameAsString());
            String shortName = name.substring(Math.max(0, name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            if (DANGEROUS_CALLS.contains(shortName) || name.endsWith(".exec")) {
                nodes.add(call);
                counts.merge(key(call), 1, Integer::sum);
            }
        }
        for (ObjectCreationExpr creation : unit.findAll(ObjectCreationExpr.class)) {
            if (DANGEROUS_TYPES.contains(creation.getType().getNameAsString())) {
                nodes.add(creation);
                counts.merge(key(creation), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String key(Node node) {
        if (node instanceof MethodCallExpr call) {
            return call.getScope().map(Object::toString).orElse("") + "." + call.getNameAsString();
        }
        return "new " + ((ObjectCreationExpr) node).getType().getNameAsString();
    }

    private static List<String> signatures(CompilationUnit unit) {
        List<String> signatures = new ArrayList<>();
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            if (type.isPublic() || type.isProtected()) {
                signatures.add("type " + type.getFullyQualifiedName().orElse(type.getNameAsString()));
            }
        }
        for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
            if (callable.isPublic() || callable.isProtected()) {
                signatures.add(callable.getDeclarationAsString(true, false, false) + " " + callable.getAnnotations());
            }
        }
        return signatures;
    }

    private static int line(Node node) {
        return node.getBegin().map(position -> position.line).orElse(0);
    }

    private static int column(Node node) {
        return node.getBegin().map(position -> position.column).orElse(0);
    }
}
