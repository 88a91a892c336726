package dev.kaizen4j.validation.internal;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import dev.kaizen4j.validation.RuleIds;
import dev.kaizen4j.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of a file other code and frameworks rely on: public and protected types and members with
 * their signatures and supertypes, and every annotation a framework reads (langchain4j's
 * {@code @Tool}, {@code @SystemMessage}, {@code @V}, ...), whatever the member's visibility.
 */
public final class ApiSurface {

    private static final Set<String> IGNORED_ANNOTATIONS = Set.of("Override", "SuppressWarnings", "SafeVarargs");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("value", "description", "text");

    private record Item(String key, boolean api, String detail, Set<String> supertypes,
            Map<String, AnnotationExpr> annotations, Node node) {
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Set<String> frameworkAnnotations;
    private final Set<String> textAnnotations;

    private ApiSurface(Set<String> frameworkAnnotations, Set<String> textAnnotations) {
        this.frameworkAnnotations = frameworkAnnotations;
        this.textAnnotations = textAnnotations;
    }

    /**
     * The API surface of a file.
     *
     * @param frameworkAnnotations simple names of annotations kept on members of any visibility
     * @param textAnnotations simple names of annotations whose text ({@code value}) may change
     */
    public static ApiSurface of(CompilationUnit unit, Set<String> frameworkAnnotations, Set<String> textAnnotations) {
        ApiSurface surface = new ApiSurface(frameworkAnnotations, textAnnotations);
        for (TypeDeclaration<?> type : unit.getTypes()) {
            surface.addType(type, type.getNameAsString(), false);
        }
        return surface;
    }

    /** Every way {@code proposed} breaks this (current) surface. */
    public List<Violation> brokenBy(ApiSurface proposed) {
        List<Violation> violations = new ArrayList<>();
        for (Item old : items.values()) {
            Item now = proposed.items.get(old.key());
            if (now == null) {
                if (old.api() || !old.annotations().isEmpty()) {
                    String name = old.key().contains("#") ? old.key().substring(0, old.key().indexOf('(') < 0
                            ? old.key().length() : old.key().indexOf('(')) : old.key();
                    boolean renamed = proposed.items.keySet().stream().anyMatch(key -> key.startsWith(name + "(")
                            || key.equals(name));
                    violations.add(new Violation(old.api() ? RuleIds.INTERFACE_REMOVED : RuleIds.ANNOTATION_CHANGED,
                            describe(old.key()) + (renamed ? " changed its parameters" : " was removed")
                                    + (old.api() ? "" : ", with its " + names(old.annotations())),
                            proposed.lineNear(old.key()), 0, old.key()));
                }
                continue;
            }
            if (old.api()) {
                if (!old.detail().equals(now.detail())) {
                    violations.add(new Violation(RuleIds.INTERFACE_CHANGED, describe(old.key()) + " changed from '"
                            + old.detail() + "' to '" + now.detail() + "'", Nodes.line(now.node()), 0, now.detail()));
                }
                for (String supertype : old.supertypes()) {
                    if (!now.supertypes().contains(supertype)) {
                        violations.add(new Violation(RuleIds.INTERFACE_CHANGED, describe(old.key())
                                + " no longer extends or implements " + supertype, Nodes.line(now.node()), 0, supertype));
                    }
                }
            } else if (!now.api() && !old.detail().equals(now.detail()) && !old.annotations().isEmpty()
                    && old.key().contains("(")) {
                violations.add(new Violation(RuleIds.ANNOTATION_CHANGED, describe(old.key())
                        + " with " + names(old.annotations()) + " changed its signature", Nodes.line(now.node()), 0,
                        now.detail()));
            }
            for (Map.Entry<String, AnnotationExpr> entry : old.annotations().entrySet()) {
                AnnotationExpr after = now.annotations().get(entry.getKey());
                String where = describe(old.key()) + (entry.getKey().contains(" ")
                        ? " " + entry.getKey().substring(0, entry.getKey().lastIndexOf(' ')) : "");
                String annotation = "@" + entry.getValue().getNameAsString();
                if (after == null) {
                    violations.add(new Violation(RuleIds.ANNOTATION_CHANGED, annotation + " was removed from " + where,
                            Nodes.line(now.node()), 0, entry.getValue().toString()));
                } else if (!fixedPart(entry.getValue()).equals(fixedPart(after))) {
                    violations.add(new Violation(RuleIds.ANNOTATION_CHANGED, annotation + " of " + where + " changed",
                            Nodes.line(after), Nodes.column(after), after.toString()));
                }
            }
        }
        return violations;
    }

    private int lineNear(String key) {
        String owner = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
        Item type = items.get(owner.startsWith("type ") ? owner : "type " + owner);
        return type == null ? 0 : Nodes.line(type.node());
    }

    private static String names(Map<String, AnnotationExpr> annotations) {
        Set<String> names = new TreeSet<>();
        annotations.values().forEach(a -> names.add("@" + a.getNameAsString()));
        return String.join(", ", names);
    }

    private static String describe(String key) {
        return key.startsWith("type ") ? key : key.replace('#', '.');
    }

    /** The part of an annotation that must not change: everything but a text annotation's text. */
    private String fixedPart(AnnotationExpr annotation) {
        String name = simple(annotation.getNameAsString());
        if (!textAnnotations.contains(name)) {
            return annotation.toString();
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            StringBuilder fixed = new StringBuilder(name);
            for (MemberValuePair pair : normal.getPairs()) {
                fixed.append(' ').append(pair.getNameAsString());
                if (!TEXT_ATTRIBUTES.contains(pair.getNameAsString())) {
                    fixed.append('=').append(pair.getValue());
                }
            }
            return fixed.toString();
        }
        return name;
    }

    private void addType(TypeDeclaration<?> type, String path, boolean inInterface) {
        boolean api = type.isPublic() || type.isProtected() || (inInterface && !type.isPrivate());
        Set<String> supertypes = new TreeSet<>();
        String kind;
        if (type instanceof ClassOrInterfaceDeclaration declaration) {
            kind = declaration.isInterface() ? "interface" : "class";
            declaration.getExtendedTypes().forEach(t -> supertypes.add(t.asString()));
            declaration.getImplementedTypes().forEach(t -> supertypes.add(t.asString()));
            kind += declaration.getTypeParameters().isEmpty() ? "" : declaration.getTypeParameters().toString();
        } else if (type instanceof EnumDeclaration declaration) {
            kind = "enum";
            declaration.getImplementedTypes().forEach(t -> supertypes.add(t.asString()));
        } else if (type instanceof RecordDeclaration declaration) {
            kind = "record" + declaration.getTypeParameters() + declaration.getParameters();
            declaration.getImplementedTypes().forEach(t -> supertypes.add(t.asString()));
        } else {
            kind = type instanceof AnnotationDeclaration ? "@interface" : "type";
        }
        String detail = visibility(type, inInterface) + modifiers(type, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL,
                Modifier.Keyword.ABSTRACT, Modifier.Keyword.SEALED) + kind + " " + type.getNameAsString();
        put(new Item("type " + path, api, detail, supertypes, annotations(type, ""), type));
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface()
                || type instanceof AnnotationDeclaration;
        if (type instanceof EnumDeclaration enumeration) {
            for (EnumConstantDeclaration constant : enumeration.getEntries()) {
                put(new Item(path + "#" + constant.getNameAsString(), api, "constant", Set.of(),
                        annotations(constant, ""), constant));
            }
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                addType(nested, path + "." + nested.getNameAsString(), isInterface);
            } else if (member instanceof CallableDeclaration<?> callable) {
                addCallable(callable, path, api, isInterface);
            } else if (member instanceof FieldDeclaration field) {
                boolean fieldApi = api && (field.isPublic() || field.isProtected() || isInterface);
                for (VariableDeclarator variable : field.getVariables()) {
                    String detail2 = visibility(field, isInterface)
                            + modifiers(field, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL) + variable.getType();
                    put(new Item(path + "#" + variable.getNameAsString(), fieldApi, detail2, Set.of(),
                            annotations(field, ""), variable));
                }
            }
        }
    }

    private void addCallable(CallableDeclaration<?> callable, String path, boolean typeApi, boolean isInterface) {
        boolean api = typeApi && (callable.isPublic() || callable.isProtected() || (isInterface && !callable.isPrivate()));
        List<String> parameterTypes = new ArrayList<>();
        Map<String, AnnotationExpr> annotations = annotations(callable, "");
        NodeList<Parameter> parameters = callable.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            parameterTypes.add(parameter.getType().asString() + (parameter.isVarArgs() ? "..." : ""));
            annotations.putAll(annotations(parameter, "parameter " + parameter.getNameAsString() + " "));
        }
        String name = callable instanceof ConstructorDeclaration ? "<init>" : callable.getNameAsString();
        String key = path + "#" + name + "(" + String.join(",", parameterTypes) + ")";
        StringBuilder detail = new StringBuilder(visibility(callable, isInterface));
        detail.append(modifiers(callable, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL, Modifier.Keyword.ABSTRACT,
                Modifier.Keyword.DEFAULT));
        if (!callable.getTypeParameters().isEmpty()) {
            detail.append(callable.getTypeParameters()).append(' ');
        }
        if (callable instanceof MethodDeclaration method) {
            detail.append(method.getType()).append(' ');
        }
        detail.append(name).append('(').append(String.join(", ", parameterTypes)).append(')');
        if (!callable.getThrownExceptions().isEmpty()) {
            Set<String> thrown = new TreeSet<>();
            callable.getThrownExceptions().forEach(t -> thrown.add(t.asString()));
            detail.append(" throws ").append(String.join(", ", thrown));
        }
        put(new Item(key, api, detail.toString(), Set.of(), annotations, callable));
    }

    private void put(Item item) {
        items.putIfAbsent(item.key(), item);
    }

    private Map<String, AnnotationExpr> annotations(NodeWithAnnotations<?> node, String prefix) {
        Map<String, AnnotationExpr> result = new LinkedHashMap<>();
        boolean api = node instanceof NodeWithModifiers<?> m && (m.hasModifier(Modifier.Keyword.PUBLIC)
                || m.hasModifier(Modifier.Keyword.PROTECTED));
        for (AnnotationExpr annotation : node.getAnnotations()) {
            String name = simple(annotation.getNameAsString());
            if (IGNORED_ANNOTATIONS.contains(name)) {
                continue;
            }
            if (frameworkAnnotations.contains(name) || api || node instanceof Parameter) {
                result.putIfAbsent(prefix + name, annotation);
            }
        }
        if (node instanceof Parameter) {
            result.keySet().removeIf(key -> !frameworkAnnotations.contains(key.substring(key.lastIndexOf(' ') + 1)));
        }
        return result;
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String visibility(Node node, boolean inInterface) {
        if (node instanceof NodeWithModifiers<?> m) {
            if (m.hasModifier(Modifier.Keyword.PUBLIC) || (inInterface && !m.hasModifier(Modifier.Keyword.PRIVATE))) {
                return "public ";
            }
            if (m.hasModifier(Modifier.Keyword.PROTECTED)) {
                return "protected ";
            }
            if (m.hasModifier(Modifier.Keyword.PRIVATE)) {
                return "private ";
            }
        }
        return "";
    }

    private static String modifiers(NodeWithModifiers<?> node, Modifier.Keyword... keywords) {
        StringBuilder result = new StringBuilder();
        for (Modifier.Keyword keyword : keywords) {
            if (node.hasModifier(keyword)) {
                result.append(keyword.asString()).append(' ');
            }
        }
        return result.toString();
    }
}
