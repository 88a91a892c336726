package dev.kaizen4j.validation.internal;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.DefaultPrettyPrinterVisitor;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.PrinterConfiguration;
import java.util.ArrayList;
import java.util.List;

/** Prints code with every literal replaced by a placeholder of its kind, to see whether only literals changed. */
final class MaskedPrinter {

    private static final DefaultPrettyPrinter PRINTER =
            new DefaultPrettyPrinter(Visitor::new, new DefaultPrinterConfiguration());

    private MaskedPrinter() {
    }

    static String print(Node node) {
        return PRINTER.print(node);
    }

    /** The literals below {@code node}, in the order the masked text shows them. */
    static List<LiteralExpr> literals(Node node) {
        List<LiteralExpr> literals = new ArrayList<>();
        node.walk(com.github.javaparser.ast.Node.TreeTraversal.PREORDER, child -> {
            if (child instanceof LiteralExpr literal && !(child instanceof com.github.javaparser.ast.expr.NullLiteralExpr)) {
                literals.add(literal);
            }
        });
        return literals;
    }

    private static final class Visitor extends DefaultPrettyPrinterVisitor {

        Visitor(PrinterConfiguration configuration) {
            super(configuration);
        }

        @Override
        public void visit(StringLiteralExpr n, Void arg) {
            printer.print("\"…\"");
        }

        @Override
        public void visit(TextBlockLiteralExpr n, Void arg) {
            printer.print("\"…\"");
        }

        @Override
        public void visit(CharLiteralExpr n, Void arg) {
            printer.print("'…'");
        }

        @Override
        public void visit(IntegerLiteralExpr n, Void arg) {
            printer.print("#");
        }

        @Override
        public void visit(LongLiteralExpr n, Void arg) {
            printer.print("#");
        }

        @Override
        public void visit(DoubleLiteralExpr n, Void arg) {
            printer.print("#");
        }

        @Override
        public void visit(BooleanLiteralExpr n, Void arg) {
            printer.print("?b");
        }
    }
}
