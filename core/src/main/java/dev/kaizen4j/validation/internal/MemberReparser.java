package dev.kaizen4j.validation.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a source that differs from an already parsed one only inside a run of members of one class,
 * interface or enum, by parsing just those members and putting them into a copy of the parsed tree.
 * The result is the tree a full parse gives, positions included; when that cannot be guaranteed the
 * answer is empty and the caller parses the whole source.
 *
 * <p>Why the result matches a full parse: the text before the first replaced member is identical, so
 * it lexes and parses the same, and that member starts with a token the edit does not touch. The
 * replaced text must parse as a sequence of member declarations on its own, closed by a brace on the
 * same line (so no comment, string or text block is left open), and it ends with the member's
 * unchanged {@code ;} or {@code }}, a token nothing can extend; the identical text after it therefore
 * parses the same too. Sources with unicode escapes, whose positions JavaParser remaps, are not handled.
 */
public final class MemberReparser {

    /** Above this share of the source, parsing only the changed members saves too little to bother. */
    private static final double MAX_SHARE = 0.5;
    /** Marks a tree built here, whose tokens do not hold its positions. */
    private static final DataKey<Boolean> REPARSED = new DataKey<>() {
    };
    private static final String WRAPPER_NAME = "MemberReparserWrapper";
    private static final String WRAPPER = "class " + WRAPPER_NAME + "{";

    private final String parsedSource;
    private final String source;
    private final int[] parsedLines;
    private int prefix;
    private int suffix;

    private MemberReparser(String parsedSource, String source) {
        this.parsedSource = parsedSource;
        this.source = source;
        this.parsedLines = lineStarts(parsedSource);
    }

    /**
     * The tree of {@code source}, built from {@code parsed}, the tree of {@code parsedSource}, which is
     * left unchanged; empty when the edit is not confined to whole members.
     */
    public static Optional<CompilationUnit> reparse(String parsedSource, CompilationUnit parsed, String source,
            ParserConfiguration configuration) {
        if (parsedSource.contains("\\u") || source.contains("\\u") || configuration.isPreprocessUnicodeEscapes()) {
            return Optional.empty();
        }
        return new MemberReparser(parsedSource, source).run(parsed, configuration);
    }

    private record Span(List<Integer> path, int first, int last, int begin, int end) {
    }

    private Optional<CompilationUnit> run(CompilationUnit parsed, ParserConfiguration configuration) {
        int limit = Math.min(parsedSource.length(), source.length());
        while (prefix < limit && parsedSource.charAt(prefix) == source.charAt(prefix)) {
            prefix++;
        }
        while (suffix < limit - prefix && parsedSource.charAt(parsedSource.length() - 1 - suffix)
                == source.charAt(source.length() - 1 - suffix)) {
            suffix++;
        }
        @Nullable Span span = null;
        NodeList<TypeDeclaration<?>> types = parsed.getTypes();
        for (int index = 0; index < types.size() && span == null; index++) {
            List<Integer> path = new ArrayList<>(List.of(index));
            span = span(types.get(index), path);
        }
        if (span == null) {
            return Optional.empty();
        }
        int delta = source.length() - parsedSource.length();
        int newEnd = span.end() + delta;
        if (newEnd - span.begin() > source.length() * MAX_SHARE) {
            return Optional.empty();
        }
        Position begin = position(parsedLines, span.begin());
        if (begin.line < 2) {
            return Optional.empty();
        }
        String members = source.substring(span.begin(), newEnd + 1);
        String wrapped = WRAPPER + "\n".repeat(begin.line - 1) + " ".repeat(begin.column - 1) + members + " }";
        ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(wrapped);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit wrapper = result.getResult().get();
        Position newEndPosition = position(lineStarts(source), newEnd);
        if (wrapper.getPackageDeclaration().isPresent() || !wrapper.getImports().isEmpty()
                || wrapper.getTypes().size() != 1 || !(wrapper.getType(0) instanceof ClassOrInterfaceDeclaration holder)
                || holder.isCompact() || !holder.getNameAsString().equals(WRAPPER_NAME) || !holder.getBegin().equals(Optional.of(Position.HOME))
                || !holder.getEnd().equals(Optional.of(new Position(newEndPosition.line, newEndPosition.column + 2)))) {
            // the edit closed the wrapper early (JavaParser then reads top-level members into an implicit class)
            return Optional.empty();
        }
        CompilationUnit copy = copy(parsed, position(parsedLines, span.end()), newEndPosition);
        if (copy == null) {
            return Optional.empty();
        }
        TypeDeclaration<?> owner = copy.getType(span.path().get(0));
        for (int index : span.path().subList(1, span.path().size())) {
            owner = (TypeDeclaration<?>) owner.getMember(index);
        }
        NodeList<BodyDeclaration<?>> ownerMembers = owner.getMembers();
        List<Node> children = new ArrayList<>(owner.getChildNodes());
        Set<Node> oldMembers = Collections.newSetFromMap(new IdentityHashMap<>());
        oldMembers.addAll(ownerMembers);
        for (int index = span.last(); index >= span.first(); index--) {
            ownerMembers.remove(index);
        }
        List<BodyDeclaration<?>> replacements = new ArrayList<>(holder.getMembers());
        for (int index = 0; index < replacements.size(); index++) {
            ownerMembers.add(span.first() + index, replacements.get(index));
        }
        keepChildOrder(owner, children, oldMembers);
        copy.setData(REPARSED, Boolean.TRUE);
        return Optional.of(copy);
    }

    /**
     * Puts the children of {@code owner} back in the order a parse gives them, members where the old
     * members were, as tree walks follow it.
     */
    private static void keepChildOrder(TypeDeclaration<?> owner, List<Node> children, Set<Node> oldMembers) {
        List<Node> order = new ArrayList<>();
        boolean placed = false;
        for (Node child : children) {
            if (!oldMembers.contains(child)) {
                order.add(child);
            } else if (!placed) {
                order.addAll(owner.getMembers());
                placed = true;
            }
        }
        if (!placed) {
            order.addAll(owner.getMembers());
        }
        order.forEach(child -> child.setParentNode(null));
        order.forEach(child -> child.setParentNode(owner));
    }

    /** The run of members of {@code type} (or of a type nested in it) that holds every changed character. */
    private @Nullable Span span(TypeDeclaration<?> type, List<Integer> path) {
        // records and annotation types have members of their own kinds; a compact source file's
        // implicit class has no braces around its members
        if (!(type instanceof ClassOrInterfaceDeclaration || type instanceof EnumDeclaration)
                || type instanceof ClassOrInterfaceDeclaration declaration && declaration.isCompact()) {
            return null;
        }
        int changedEnd = parsedSource.length() - suffix;
        NodeList<BodyDeclaration<?>> members = type.getMembers();
        int first = -1;
        int last = -1;
        int begin = 0;
        int end = 0;
        for (int index = 0; index < members.size(); index++) {
            BodyDeclaration<?> member = members.get(index);
            if (member.getBegin().isEmpty() || member.getEnd().isEmpty() || member.getTokenRange().isEmpty()) {
                return null;
            }
            int memberBegin = offset(member.getBegin().get());
            int memberEnd = offset(member.getEnd().get());
            int firstToken = member.getTokenRange().get().getBegin().getText().length();
            if (memberBegin + firstToken <= prefix) {
                first = index;
                begin = memberBegin;
            }
            if (last < 0 && memberEnd >= changedEnd) {
                last = index;
                end = memberEnd;
            }
        }
        if (first < 0 || last < first || end >= parsedSource.length()
                || (parsedSource.charAt(end) != '}' && parsedSource.charAt(end) != ';')) {
            return null;
        }
        if (first == last && members.get(first) instanceof TypeDeclaration<?> nested) {
            List<Integer> nestedPath = new ArrayList<>(path);
            nestedPath.add(first);
            Span inner = span(nested, nestedPath);
            if (inner != null) {
                return inner;
            }
        }
        return new Span(path, first, last, begin, end);
    }

    /**
     * A copy, with every position after {@code oldEnd} moved to where it is in the new source. A clone
     * takes positions from tokens, which are stale in a tree built by this class: there they are copied.
     */
    private static @Nullable CompilationUnit copy(CompilationUnit unit, Position oldEnd, Position newEnd) {
        CompilationUnit copy = unit.clone();
        if (!unit.containsData(REPARSED)) {
            return oldEnd.equals(newEnd) || moveAll(copy, copy, oldEnd, newEnd) ? copy : null;
        }
        return moveAll(unit, copy, oldEnd, newEnd) ? copy : null;
    }

    /** Gives {@code to} and its descendants the moved positions of {@code from}, a tree of the same shape. */
    private static boolean moveAll(Node from, Node to, Position oldEnd, Position newEnd) {
        if (from.getClass() != to.getClass()) {
            return false;
        }
        Range range = from.getRange().orElse(null);
        if (range == null) {
            to.setRange(null);
        } else {
            Position begin = moved(range.begin, oldEnd, newEnd);
            Position end = moved(range.end, oldEnd, newEnd);
            if (from != to || begin != range.begin || end != range.end) {
                to.setRange(begin == range.begin && end == range.end ? range : new Range(begin, end));
            }
        }
        List<Node> fromChildren = from.getChildNodes();
        List<Node> toChildren = to.getChildNodes();
        if (fromChildren.size() != toChildren.size()) {
            return false;
        }
        for (int index = 0; index < fromChildren.size(); index++) {
            if (!moveAll(fromChildren.get(index), toChildren.get(index), oldEnd, newEnd)) {
                return false;
            }
        }
        return true;
    }

    private static Position moved(Position position, Position oldEnd, Position newEnd) {
        if (!position.isAfter(oldEnd)) {
            return position;
        }
        if (position.line == oldEnd.line) {
            return new Position(newEnd.line, position.column + newEnd.column - oldEnd.column);
        }
        return new Position(position.line + newEnd.line - oldEnd.line, position.column);
    }

    private int offset(Position position) {
        return parsedLines[position.line - 1] + position.column - 1;
    }

    /** Line and column of an offset, counting lines as JavaParser does. */
    private static Position position(int[] lineStarts, int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return new Position(low + 1, offset - lineStarts[low] + 1);
    }

    /** The offset where each line starts; a line ends at {@code \n}, {@code \r} or {@code \r\n}. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\r' && index + 1 < text.length() && text.charAt(index + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = index + 1;
            }
        }
        return java.util.Arrays.copyOf(starts, count);
    }
}
