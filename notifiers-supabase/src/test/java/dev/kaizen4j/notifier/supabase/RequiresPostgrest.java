package dev.kaizen4j.notifier.supabase;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs the real PostgREST: where it cannot run (no {@code npm}), each test
 * method is reported as skipped with the reason. The class itself stays enabled so that every test shows
 * up in the report; such classes start PostgREST lazily, in {@code @BeforeEach}, never for a skipped test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgrest.Condition.class)
public @interface RequiresPostgrest {

    /** Disables test methods, not classes, when PostgREST is unavailable. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("checked per test");
            }
            return PostgrestServer.unavailableReason()
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("PostgREST " + PostgrestServer.PACKAGE));
        }
    }
}
