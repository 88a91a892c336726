package dev.kaizen4j.validation.internal;

import static dev.kaizen4j.validation.DangerousOperation.*;

import dev.kaizen4j.validation.DangerousOperation;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What counts as dangerous: types whose mere use is dangerous, types dangerous to create or extend,
 * packages, methods by owner type, method names that are dangerous on a receiver of unknown type,
 * and the return types needed to follow call chains such as {@code Runtime.getRuntime().exec(..)}.
 */
public final class DangerCatalog {

    /** How a dangerous type is dangerous. */
    public enum Mention {
        /** Any reference to the type. */
        ANY,
        /** Creating an instance or extending it. */
        CREATE,
        /** Creating an instance with a file name, {@code File} or {@code Path} as first argument. */
        FILE_TARGET
    }

    /** A type rule. */
    public record TypeRule(DangerousOperation operation, Mention mention) {
    }

    /** The pseudo type of {@code System.getProperties()}. */
    public static final String SYSTEM_PROPERTIES_TYPE = "java.lang.System$Properties";

    private final Map<String, TypeRule> types = new HashMap<>();
    private final Map<String, DangerousOperation> packages = new HashMap<>();
    private final Map<String, DangerousOperation> methods = new HashMap<>();
    private final Map<String, DangerousOperation> unknownReceiverMethods = new HashMap<>();
    private final Map<String, String> returnTypes = new HashMap<>();
    private final Set<String> knownTypes = new HashSet<>();
    private final Set<DangerousOperation> allowed = EnumSet.noneOf(DangerousOperation.class);

    private DangerCatalog() {
    }

    /** The default catalog. */
    public static DangerCatalog defaults() {
        DangerCatalog c = new DangerCatalog();
        c.type(PROCESS_EXECUTION, Mention.ANY, "java.lang.ProcessBuilder", "java.lang.ProcessHandle");
        c.methods("java.lang.Runtime", PROCESS_EXECUTION, "exec");
        c.methods("java.lang.Runtime", JVM_EXIT, "exit", "halt");
        c.methods("java.lang.System", JVM_EXIT, "exit");
        c.methods("java.lang.Runtime", NATIVE_CODE, "load", "loadLibrary");
        c.methods("java.lang.System", NATIVE_CODE, "load", "loadLibrary");
        c.pkg(NATIVE_CODE, "java.lang.foreign", "jdk.incubator.foreign", "com.sun.jna");

        c.type(REFLECTION, Mention.ANY, "java.lang.reflect.Method", "java.lang.reflect.Field",
                "java.lang.reflect.Constructor", "java.lang.reflect.Proxy", "java.lang.reflect.AccessibleObject",
                "java.lang.reflect.InvocationHandler", "java.lang.reflect.Executable", "java.lang.reflect.Member",
                "java.lang.reflect.RecordComponent", "java.lang.reflect.Modifier",
                "java.beans.Introspector", "java.beans.Statement", "java.beans.Expression", "java.beans.EventHandler");
        c.pkg(REFLECTION, "java.lang.invoke", "org.springframework.util.ReflectionUtils",
                "org.apache.commons.lang3.reflect", "net.bytebuddy", "org.objenesis", "javassist", "org.objectweb.asm",
                "cglib", "net.sf.cglib");
        c.methods("java.lang.Class", REFLECTION, "getMethod", "getMethods", "getDeclaredMethod",
                "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields", "getConstructor",
                "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "newInstance",
                "getEnclosingMethod", "getEnclosingConstructor", "getRecordComponents");
        c.methods("java.lang.Class", CLASS_LOADING, "forName");
        c.methods("java.lang.ClassLoader", CLASS_LOADING, "loadClass", "defineClass", "findClass", "findLoadedClass",
                "findSystemClass", "definePackage", "resolveClass");
        c.type(CLASS_LOADING, Mention.CREATE, "java.lang.ClassLoader");
        c.type(CLASS_LOADING, Mention.ANY, "java.net.URLClassLoader", "java.security.SecureClassLoader",
                "java.util.ServiceLoader", "javax.tools.ToolProvider", "javax.tools.JavaCompiler",
                "java.lang.instrument.Instrumentation", "java.lang.instrument.ClassFileTransformer",
                "java.lang.ModuleLayer", "java.lang.module.ModuleFinder");
        c.methods("java.lang.Thread", SECURITY_SETUP, "setContextClassLoader");
        c.methods("java.lang.Module", SECURITY_SETUP, "addOpens", "addExports", "addReads", "addUses");

        c.type(UNSAFE_MEMORY, Mention.ANY, "sun.misc.Unsafe", "jdk.internal.misc.Unsafe");
        c.pkg(UNSAFE_MEMORY, "sun", "jdk.internal", "com.sun.org.apache");

        c.type(DESERIALIZATION, Mention.ANY, "java.io.ObjectInputStream", "java.io.ObjectInput",
                "java.beans.XMLDecoder", "java.io.ObjectInputFilter", "com.thoughtworks.xstream.XStream",
                "org.apache.commons.lang3.SerializationUtils", "org.springframework.util.SerializationUtils",
                "com.esotericsoftware.kryo.Kryo", "org.yaml.snakeyaml.Yaml");

        c.pkg(JNDI_LOOKUP, "javax.naming", "org.springframework.jndi");
        c.pkg(SCRIPT_ENGINE, "javax.script", "jdk.jshell", "org.graalvm.polyglot", "groovy.lang", "groovy.util",
                "org.codehaus.groovy", "bsh", "org.mozilla.javascript", "org.openjdk.nashorn", "jdk.nashorn",
                "org.mvel2", "ognl", "org.apache.commons.jexl3", "org.springframework.expression");

        c.type(FILE_WRITE, Mention.ANY, "java.io.FileOutputStream", "java.io.FileWriter", "java.io.RandomAccessFile",
                "java.nio.channels.FileChannel", "java.nio.channels.AsynchronousFileChannel",
                "java.util.zip.ZipOutputStream", "java.util.jar.JarOutputStream", "org.apache.commons.io.FileUtils");
        c.type(FILE_WRITE, Mention.FILE_TARGET, "java.io.PrintWriter", "java.io.PrintStream", "java.util.Formatter");
        c.methods("java.nio.file.Files", FILE_WRITE, "write", "writeString", "delete", "deleteIfExists", "move",
                "copy", "createFile", "createDirectory", "createDirectories", "createTempFile", "createTempDirectory",
                "createLink", "createSymbolicLink", "newOutputStream", "newBufferedWriter", "newByteChannel",
                "setAttribute", "setPosixFilePermissions", "setOwner", "setLastModifiedTime");
        c.methods("java.io.File", FILE_WRITE, "delete", "deleteOnExit", "renameTo", "createNewFile", "mkdir",
                "mkdirs", "setWritable", "setReadable", "setExecutable", "setLastModified", "setReadOnly",
                "createTempFile");
        c.methods("java.nio.file.Path", FILE_WRITE, "register");

        c.type(NETWORK, Mention.ANY, "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket",
                "java.net.MulticastSocket", "java.net.URLConnection", "java.net.HttpURLConnection",
                "java.net.JarURLConnection", "java.nio.channels.SocketChannel", "java.nio.channels.ServerSocketChannel",
                "java.nio.channels.DatagramChannel", "java.nio.channels.AsynchronousSocketChannel",
                "java.nio.channels.AsynchronousServerSocketChannel", "java.net.InetAddress", "java.net.Inet4Address",
                "java.net.Inet6Address", "java.net.NetworkInterface", "java.net.ProxySelector", "java.net.Authenticator",
                "java.net.CookieHandler", "java.net.URLStreamHandler");
        c.pkg(NETWORK, "java.net.http", "javax.net", "okhttp3", "org.apache.http", "org.apache.hc", "java.rmi",
                "javax.rmi", "javax.mail", "jakarta.mail", "com.sun.net.httpserver", "org.springframework.web.client",
                "org.springframework.web.reactive.function.client", "io.netty", "org.eclipse.jetty.client",
                "com.squareup.okhttp", "retrofit2", "feign", "jakarta.ws.rs.client", "javax.ws.rs.client",
                "java.sql.DriverManager", "javax.websocket", "jakarta.websocket");
        c.methods("java.net.URL", NETWORK, "openConnection", "openStream", "getContent");
        c.methods("java.net.URI", NETWORK, "toURL");
        c.methods("java.net.URL", SECURITY_SETUP, "setURLStreamHandlerFactory");

        c.methods("java.lang.System", SYSTEM_PROPERTIES, "setProperty", "setProperties", "clearProperty");
        c.methods(SYSTEM_PROPERTIES_TYPE, SYSTEM_PROPERTIES, "setProperty", "put", "putAll", "remove", "clear",
                "load", "loadFromXML", "merge", "compute", "computeIfAbsent", "computeIfPresent", "replace",
                "replaceAll", "putIfAbsent");
        c.methods("java.lang.System", SECURITY_SETUP, "setSecurityManager", "setIn", "setOut", "setErr");
        c.methods("java.lang.Runtime", SECURITY_SETUP, "addShutdownHook", "removeShutdownHook");
        c.methods("java.lang.Thread", SECURITY_SETUP, "setDefaultUncaughtExceptionHandler");
        c.methods("java.security.Security", SECURITY_SETUP, "setProperty", "addProvider", "insertProviderAt",
                "removeProvider");
        c.type(SECURITY_SETUP, Mention.ANY, "java.lang.SecurityManager", "java.security.Policy",
                "java.security.AccessController", "java.security.ProtectionDomain", "javax.net.ssl.HttpsURLConnection",
                "javax.net.ssl.TrustManager", "javax.net.ssl.X509TrustManager", "javax.net.ssl.HostnameVerifier");

        c.unknown(PROCESS_EXECUTION, "exec");
        c.unknown(JVM_EXIT, "halt");
        c.unknown(NATIVE_CODE, "loadLibrary");
        c.unknown(REFLECTION, "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields",
                "getDeclaredConstructor", "getDeclaredConstructors", "setAccessible", "trySetAccessible", "invokeExact",
                "invokeWithArguments", "unreflect", "unreflectGetter", "unreflectSetter", "privateLookupIn",
                "findVirtual", "findStatic", "findSpecial", "findGetter", "findSetter", "findStaticGetter",
                "findStaticSetter", "findVarHandle", "newProxyInstance");
        c.unknown(CLASS_LOADING, "forName", "loadClass", "defineClass", "defineHiddenClass", "findClass");
        c.unknown(UNSAFE_MEMORY, "allocateInstance", "allocateMemory", "putAddress", "objectFieldOffset",
                "staticFieldOffset", "putObject", "compareAndSwapObject");
        c.unknown(DESERIALIZATION, "readObject", "readUnshared");
        c.unknown(SECURITY_SETUP, "setSecurityManager", "setContextClassLoader", "setURLStreamHandlerFactory");
        c.unknown(SYSTEM_PROPERTIES, "clearProperty");

        c.returns("java.lang.Runtime", "getRuntime", "java.lang.Runtime");
        c.returns("java.lang.System", "getProperties", SYSTEM_PROPERTIES_TYPE);
        c.returns("java.lang.Class", "forName", "java.lang.Class");
        c.returns("java.lang.Class", "getSuperclass", "java.lang.Class");
        c.returns("java.lang.Class", "getClassLoader", "java.lang.ClassLoader");
        c.returns("java.lang.Class", "getModule", "java.lang.Module");
        c.returns("java.lang.ClassLoader", "getSystemClassLoader", "java.lang.ClassLoader");
        c.returns("java.lang.ClassLoader", "getPlatformClassLoader", "java.lang.ClassLoader");
        c.returns("java.lang.ClassLoader", "getParent", "java.lang.ClassLoader");
        c.returns("java.lang.ClassLoader", "loadClass", "java.lang.Class");
        c.returns("java.lang.Thread", "currentThread", "java.lang.Thread");
        c.returns("java.lang.Thread", "getContextClassLoader", "java.lang.ClassLoader");
        c.returns("java.nio.file.Path", "toFile", "java.io.File");
        c.returns("java.io.File", "getParentFile", "java.io.File");
        c.returns("java.io.File", "getAbsoluteFile", "java.io.File");
        c.returns("java.io.File", "getCanonicalFile", "java.io.File");
        c.returns("java.io.File", "toPath", "java.nio.file.Path");
        c.returns("java.nio.file.Paths", "get", "java.nio.file.Path");
        c.returns("java.nio.file.Path", "of", "java.nio.file.Path");
        c.returns("java.nio.file.Path", "resolve", "java.nio.file.Path");
        c.returns("java.net.URI", "create", "java.net.URI");
        c.returns("java.net.URI", "toURL", "java.net.URL");
        c.knownTypes.addAll(java.util.List.of("java.lang.Object", "java.lang.String", "java.io.File",
                "java.nio.file.Path", "java.nio.file.Paths", "java.nio.file.Files", "java.net.URL", "java.net.URI",
                "java.lang.Runtime", "java.lang.System", "java.lang.Class", "java.lang.Thread", "java.lang.Module",
                "java.security.Security"));
        return c;
    }

    /** Adds a type (or, for a name in lower case, a package) whose use is dangerous. */
    public DangerCatalog withType(String qualifiedName, DangerousOperation operation) {
        type(operation, Mention.ANY, qualifiedName);
        return this;
    }

    /** Adds a package whose every type is dangerous to use. */
    public DangerCatalog withPackage(String packageName, DangerousOperation operation) {
        pkg(operation, packageName);
        return this;
    }

    /** Adds a method, by the qualified name of its owner type. */
    public DangerCatalog withMethod(String ownerQualifiedName, String method, DangerousOperation operation) {
        methods(ownerQualifiedName, operation, method);
        return this;
    }

    /** Stops reporting these operations. */
    public DangerCatalog allowing(Set<DangerousOperation> operations) {
        allowed.addAll(operations);
        return this;
    }

    /** Reports these operations again. */
    public DangerCatalog denying(Set<DangerousOperation> operations) {
        allowed.removeAll(operations);
        return this;
    }

    /** A copy, so a validator's builder can keep editing its own. */
    public DangerCatalog copy() {
        DangerCatalog c = new DangerCatalog();
        c.types.putAll(types);
        c.packages.putAll(packages);
        c.methods.putAll(methods);
        c.unknownReceiverMethods.putAll(unknownReceiverMethods);
        c.returnTypes.putAll(returnTypes);
        c.knownTypes.addAll(knownTypes);
        c.allowed.addAll(allowed);
        return c;
    }

    /** The rule of a type, of one of its enclosing types, or of its package. */
    public Optional<TypeRule> typeRule(String qualifiedName) {
        String name = qualifiedName;
        while (true) {
            TypeRule rule = types.get(name);
            if (rule != null) {
                return denied(rule.operation()) ? Optional.of(rule) : Optional.empty();
            }
            DangerousOperation pkg = packages.get(name);
            if (pkg != null) {
                return denied(pkg) ? Optional.of(new TypeRule(pkg, Mention.ANY)) : Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            name = name.substring(0, dot);
        }
    }

    /** The operation of a package's wildcard import, if that package is dangerous as a whole. */
    public Optional<DangerousOperation> packageRule(String packageName) {
        String name = packageName;
        while (true) {
            DangerousOperation operation = packages.get(name);
            if (operation != null) {
                return denied(operation) ? Optional.of(operation) : Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            name = name.substring(0, dot);
        }
    }

    /** The operation of calling {@code method} on {@code owner}. */
    public Optional<DangerousOperation> method(String owner, String method) {
        DangerousOperation operation = methods.get(owner + "#" + method);
        return operation != null && denied(operation) ? Optional.of(operation) : Optional.empty();
    }

    /** The operation of calling {@code method} on a receiver of unknown type. */
    public Optional<DangerousOperation> unknownReceiverMethod(String method) {
        DangerousOperation operation = unknownReceiverMethods.get(method);
        return operation != null && denied(operation) ? Optional.of(operation) : Optional.empty();
    }

    /** The qualified return type of {@code owner.method(..)}, when the catalog knows it. */
    public Optional<String> returnType(String owner, String method) {
        return Optional.ofNullable(returnTypes.get(owner + "#" + method));
    }

    /** Whether the catalog has anything to say about a type, so wildcard imports can resolve to it. */
    public boolean knows(String qualifiedName) {
        return knownTypes.contains(qualifiedName) || types.containsKey(qualifiedName);
    }

    private boolean denied(DangerousOperation operation) {
        return !allowed.contains(operation);
    }

    private void type(DangerousOperation operation, Mention mention, String... names) {
        for (String name : names) {
            types.put(name, new TypeRule(operation, mention));
            knownTypes.add(name);
        }
    }

    private void pkg(DangerousOperation operation, String... names) {
        for (String name : names) {
            packages.put(name, operation);
        }
    }

    private void methods(String owner, DangerousOperation operation, String... names) {
        knownTypes.add(owner);
        for (String name : names) {
            methods.put(owner + "#" + name, operation);
        }
    }

    private void unknown(DangerousOperation operation, String... names) {
        for (String name : names) {
            unknownReceiverMethods.put(name, operation);
        }
    }

    private void returns(String owner, String method, String type) {
        knownTypes.add(owner);
        returnTypes.put(owner + "#" + method, type);
    }
}
