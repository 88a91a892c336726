package dev.kaizen4j.validation;

/**
 * The stable rule ids of {@link Violation}s. Dangerous operations use {@link DangerousOperation#ruleId()}.
 */
public final class RuleIds {

    /** The proposed (or current) code does not parse. */
    public static final String SYNTAX = "syntax";
    /** The input is larger than the validator's limit. */
    public static final String INPUT_TOO_LARGE = "input-too-large";
    /** Unicode escapes or invisible characters hide what the code does. */
    public static final String OBFUSCATED_SOURCE = "obfuscated-source";
    /** A public or protected type or member was removed. */
    public static final String INTERFACE_REMOVED = "interface-removed";
    /** A public or protected type or member changed its signature, modifiers or supertypes. */
    public static final String INTERFACE_CHANGED = "interface-changed";
    /** An annotation that callers or frameworks rely on was removed or changed. */
    public static final String ANNOTATION_CHANGED = "annotation-changed";
    /** An edit fits none of the modification categories. */
    public static final String CATEGORY_UNCLASSIFIED = "category-unclassified";
    /** An edit fits a modification category the host does not allow. */
    public static final String CATEGORY_NOT_ALLOWED = "category-not-allowed";
    /** The modification declares a category its edits do not have. */
    public static final String CATEGORY_MISMATCH = "category-mismatch";
    /** The proposed code does not change the program. */
    public static final String NO_CHANGE = "no-change";
    /** The validator could not analyse the input; rejected to be safe. */
    public static final String UNANALYZABLE = "unanalyzable";

    /** The proposed prompt is empty. */
    public static final String PROMPT_EMPTY = "prompt-empty";
    /** The proposed prompt is longer than the limit. */
    public static final String PROMPT_TOO_LONG = "prompt-too-long";
    /** A template placeholder of the current prompt is missing. */
    public static final String PLACEHOLDER_REMOVED = "placeholder-removed";
    /** The proposed prompt introduces a template placeholder the current one does not have. */
    public static final String PLACEHOLDER_ADDED = "placeholder-added";
    /** The proposed prompt holds what looks like a credential. */
    public static final String SECRET = "secret";
    /** The proposed prompt tells the model to drop its rules or safeguards. */
    public static final String SAFEGUARD_OVERRIDE = "safeguard-override";
    /** The proposed prompt tells the model to send data elsewhere or reveal it. */
    public static final String DATA_EXFILTRATION = "data-exfiltration";
    /** The proposed text holds invisible or direction-changing characters. */
    public static final String HIDDEN_CHARACTERS = "hidden-characters";
    /** The proposed prompt holds a long encoded blob that a reviewer cannot read. */
    public static final String ENCODED_PAYLOAD = "encoded-payload";

    private RuleIds() {
    }
}
