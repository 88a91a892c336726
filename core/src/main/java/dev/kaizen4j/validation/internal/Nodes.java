package dev.kaizen4j.validation.internal;

import com.github.javaparser.ast.Node;

/** Small helpers on AST nodes. */
public final class Nodes {

    private Nodes() {
    }

    /** The 1-based line where the node begins, or 0. */
    public static int line(Node node) {
        return node.getBegin().map(position -> position.line).orElse(0);
    }

    /** The 1-based column where the node begins, or 0. */
    public static int column(Node node) {
        return node.getBegin().map(position -> position.column).orElse(0);
    }

    /** The node printed without comments, as a normal form for comparisons. */
    public static String print(Node node) {
        return node.toString();
    }
}
