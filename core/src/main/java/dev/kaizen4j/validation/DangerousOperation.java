package dev.kaizen4j.validation;

import java.util.Locale;

/**
 * The kinds of operation a proposed code change may not introduce. Each one's {@link #ruleId()} is
 * the rule id of the violations it causes.
 */
public enum DangerousOperation {
    /** Starting or controlling operating-system processes. */
    PROCESS_EXECUTION("process-execution", "process execution"),
    /** Stopping the JVM ({@code System.exit}, {@code Runtime.halt}). */
    JVM_EXIT("jvm-exit", "stopping the JVM"),
    /** Reflection and method handles, which reach anything the compiler would refuse. */
    REFLECTION("reflection", "reflection or method handles"),
    /** Loading or compiling classes at run time ({@code Class.forName}, class loaders, compilers). */
    CLASS_LOADING("class-loading", "dynamic class loading"),
    /** Native libraries and foreign functions. */
    NATIVE_CODE("native-code", "native code"),
    /** {@code sun.misc.Unsafe} and JDK-internal APIs. */
    UNSAFE_MEMORY("unsafe-memory", "Unsafe or JDK-internal API"),
    /** Java deserialization of untrusted bytes. */
    DESERIALIZATION("deserialization", "Java deserialization"),
    /** JNDI lookups. */
    JNDI_LOOKUP("jndi-lookup", "JNDI lookup"),
    /** Script engines, shells and interpreters. */
    SCRIPT_ENGINE("script-engine", "script engine or interpreter"),
    /** Writing, moving or deleting files. */
    FILE_WRITE("file-write", "file write or delete"),
    /** Opening network connections or name lookups. */
    NETWORK("network", "network connection"),
    /** Changing JVM-wide system properties. */
    SYSTEM_PROPERTIES("system-properties", "changing system properties"),
    /** Changing the security manager, policy, providers, class-loader or module set-up. */
    SECURITY_SETUP("security-setup", "changing the security or class-loader set-up");

    private final String ruleId;
    private final String description;

    DangerousOperation(String ruleId, String description) {
        this.ruleId = ruleId;
        this.description = description;
    }

    /** The rule id of violations of this kind, for example {@code process-execution}. */
    public String ruleId() {
        return ruleId;
    }

    /** A short description in words. */
    public String description() {
        return description;
    }

    /** The operation with this rule id or constant name, case-insensitive. */
    public static java.util.Optional<DangerousOperation> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DangerousOperation operation : values()) {
            if (operation.ruleId.equals(wanted) || operation.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    .equals(wanted)) {
                return java.util.Optional.of(operation);
            }
        }
        return java.util.Optional.empty();
    }
}
