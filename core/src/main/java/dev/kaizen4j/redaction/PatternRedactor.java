package dev.kaizen4j.redaction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Redactor} driven by regular expressions: the {@linkplain #defaultRules() default rules}
 * for common services plus the host's own patterns. Rules apply in order, each to the output of the
 * one before, so a marker is never matched again.
 */
public final class PatternRedactor implements Redactor {

    /** Words whose value is a secret; the weak ones ({@code key}, {@code auth}) need a generated-looking value. */
    private static final String KEYWORDS = "client[_-]?secret|secret[_-]?access[_-]?key|secret[_-]?key|secret"
            + "|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|password|passwd|pwd"
            + "|passphrase|credentials?|creds|private[_-]?key|access[_-]?key|key|auth";
    private static final String CAMEL_KEYWORDS = "ClientSecret|SecretAccessKey|SecretKey|Secret|ApiKey|AccessToken"
            + "|AuthToken|RefreshToken|Token|Password|Passwd|Pwd|Passphrase|Credentials?|Creds|PrivateKey|AccessKey|Key"
            + "|Auth";
    /** A keyword ending an identifier: {@code db_password}, {@code dbPassword}, {@code AWS_SECRET_ACCESS_KEY}. */
    private static final String KEYWORD = "(?=[CcSsAaTtRrPpKk])((?<![A-Za-z])(?i:" + KEYWORDS + ")|(?<=[a-z0-9])(?:" + CAMEL_KEYWORDS
            + "))(?![A-Za-z0-9_])";
    private static final String ASSIGNMENT = "[\"'\\]]{0,2}[ \t]*(?::=|=>|->|=(?!=)|:(?!:))[ \t]*";

    private static final List<RedactionRule> DEFAULT_RULES = List.of(
            new RedactionRule("private-key", Pattern.compile(
                    "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"), 0),
            RedactionRule.of("age-secret-key", "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
            prefixed("1password-token", "ops_eyJ", "[A-Za-z0-9+/]{250,}={0,3}"),
            RedactionRule.of("sentry-token", "\\b(?:sntrys_eyJ[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64}\\b)"),
            prefixed("jwt", "eyJ", "[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"),
            prefixed("anthropic-key", "sk-ant-", "[A-Za-z0-9_-]{20,}"),
            prefixed("openai-key", "sk-", "(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}"),
            RedactionRule.of("stripe-key", "\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
            prefixed("stripe-webhook-secret", "whsec_", "[A-Za-z0-9+/=]{32,}"),
            RedactionRule.of("github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
            RedactionRule.of("gitlab-token",
                    "\\b(?:gl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|agent)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20})"),
            prefixed("slack-token", "xox", "[abposre]-[A-Za-z0-9-]{10,}"),
            prefixed("slack-app-token", "xapp-", "\\d-[A-Z0-9]+-\\d+-[A-Za-z0-9]+"),
            RedactionRule.of("slack-webhook", "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+"),
            RedactionRule.of("discord-webhook",
                    "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]+"),
            RedactionRule.of("discord-bot-token", "\\b[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])"),
            RedactionRule.of("telegram-bot-token", "\\b\\d{8,10}:AA[0-9A-Za-z_-]{33}(?![A-Za-z0-9_-])"),
            RedactionRule.of("aws-access-key",
                    "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\\b"),
            prefixed("google-api-key", "AIza", "[0-9A-Za-z_-]{35}"),
            prefixed("google-oauth-secret", "GOCSPX-", "[A-Za-z0-9_-]{28}"),
            prefixed("google-oauth-token", "ya29", "\\.[A-Za-z0-9_-]{30,}"),
            RedactionRule.of("azure-ad-client-secret",
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
            new RedactionRule("azure-storage-key", Pattern.compile("(?i)(AccountKey=)([A-Za-z0-9+/]{86}==)"), 2),
            prefixed("huggingface-token", "hf_", "[A-Za-z0-9]{30,}"),
            prefixed("npm-token", "npm_", "[A-Za-z0-9]{36}\\b"),
            prefixed("pypi-token", "pypi-AgEIcHlwaS5vcmc", "[A-Za-z0-9_-]{50,}"),
            prefixed("rubygems-key", "rubygems_", "[a-f0-9]{48}\\b"),
            prefixed("clojars-token", "CLOJARS_", "[A-Za-z0-9]{60}\\b"),
            RedactionRule.of("sendgrid-key", "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
            RedactionRule.of("twilio-key", "\\bSK[0-9a-fA-F]{32}\\b"),
            RedactionRule.of("mailchimp-key", "\\b[0-9a-f]{32}-us\\d{1,2}\\b"),
            prefixed("mailgun-key", "key-", "[0-9a-f]{32}\\b"),
            prefixed("shopify-token", "shp", "(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\\b"),
            RedactionRule.of("square-token",
                    "\\b(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])"),
            prefixed("facebook-token", "EAA", "[MC][A-Za-z0-9]{100,}"),
            prefixed("shippo-token", "shippo_", "(?:live|test)_[a-f0-9]{40}\\b"),
            RedactionRule.of("easypost-key", "\\bEZ[AT]K[A-Za-z0-9]{54}\\b"),
            prefixed("duffel-token", "duffel_", "(?:test|live)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])"),
            RedactionRule.of("digitalocean-token", "\\bdo[opr]_v1_[a-f0-9]{64}\\b"),
            RedactionRule.of("doppler-token", "\\bdp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}\\b"),
            prefixed("dynatrace-token", "dt0c01", "\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}\\b"),
            prefixed("databricks-token", "dapi", "[a-f0-9]{32}(?:-\\d)?\\b"),
            prefixed("atlassian-token", "ATATT3", "[A-Za-z0-9_=-]{186}"),
            RedactionRule.of("newrelic-key", "\\bNR(?:AK|JS|II)-[A-Za-z0-9-]{19,32}\\b"),
            RedactionRule.of("grafana-token", "\\b(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\\b)"),
            RedactionRule.of("vault-token", "\\bhv[sb]\\.[A-Za-z0-9_-]{24,}"),
            RedactionRule.of("terraform-token", "\\b[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])"),
            prefixed("pulumi-token", "pul-", "[a-f0-9]{40}\\b"),
            prefixed("postman-key", "PMAK-", "[a-f0-9]{24}-[a-f0-9]{34}\\b"),
            prefixed("linear-key", "lin_api_", "[A-Za-z0-9]{40}\\b"),
            prefixed("notion-token", "ntn_", "[0-9]{11}[A-Za-z0-9]{35}\\b"),
            prefixed("planetscale-token", "pscale_", "(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}(?![A-Za-z0-9=._-])"),
            prefixed("prefect-key", "pnu_", "[A-Za-z0-9]{36}\\b"),
            prefixed("readme-key", "rdme_", "[a-z0-9]{70}\\b"),
            prefixed("perplexity-key", "pplx-", "[A-Za-z0-9]{48}\\b"),
            prefixed("langsmith-key", "lsv2_", "(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\\b"),
            prefixed("sourcegraph-token", "sgp_", "(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}\\b"),
            prefixed("flyio-token", "fo1_", "[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
            prefixed("frameio-token", "fio-u-", "[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])"),
            prefixed("alibaba-access-key", "LTAI", "[A-Za-z0-9]{20}\\b"),
            prefixed("adobe-client-secret", "p8e-", "[A-Za-z0-9]{32}\\b"),
            RedactionRule.of("cloudflare-origin-ca-key", "\\bv1\\.0-[a-f0-9]{24}-[a-f0-9]{146}\\b"),
            new RedactionRule("url-password", Pattern.compile(
                    "\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@\"']+:)([^\\s@/\"']+)(@)"), 2),
            new RedactionRule("bearer-token", Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9._~+/-]{16,}=*)"), 2),
            new RedactionRule("basic-auth", Pattern.compile("(?i)\\b(authorization:?\\s*basic\\s+)([A-Za-z0-9+/]{12,}={0,2})"), 2),
            // Keyword context, as detect-secrets' keyword plugin and gitleaks' generic rule read it.
            new RedactionRule("secret", Pattern.compile(KEYWORD + ASSIGNMENT + "([\"'`])([^\"'`\\s\\[\\]]{6,200})(?=\\2)"),
                    3, SecretValues::quoted),
            new RedactionRule("secret", Pattern.compile(
                    KEYWORD + ASSIGNMENT + "([^\\s\"'`,;()\\[\\]{}<>]{6,200})(?![\\w(.\\[])"), 2, SecretValues::unquoted),
            new RedactionRule("secret", Pattern.compile(KEYWORD + "(?:\\s{1,4}[a-z]{1,10}[,:]?){0,3}\\s{1,4}[\"'`]?"
                    + "([A-Za-z0-9+/=_.~-]{16,200})(?![A-Za-z0-9+/=_~-])"), 2, SecretValues::bare));

    private final List<RedactionRule> rules;

    /**
     * A token that starts with a fixed prefix at a word boundary. The pattern begins with the prefix
     * itself, so the regular expression engine looks for it with a fast string search.
     */
    private static RedactionRule prefixed(String name, String prefix, String rest) {
        String quoted = Pattern.quote(prefix);
        return RedactionRule.of(name, quoted + "(?<![A-Za-z0-9_]" + quoted + ")" + rest);
    }

    private PatternRedactor(List<RedactionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The built-in rules, after gitleaks' rule set and Yelp's detect-secrets: private keys (PEM, age),
     * JWTs, and the tokens and keys of some fifty services by their formats (OpenAI, Anthropic, AWS,
     * Google, Azure, GitHub, GitLab, Slack, Stripe, Twilio, SendGrid, npm, PyPI, Hugging Face,
     * Databricks, Vault, Grafana, ... as listed in {@link #rules()}); passwords in URLs, bearer and
     * basic authorization headers; and values next to a keyword ({@code password}, {@code secret},
     * {@code token}, {@code credential}, {@code api_key}, {@code key}, ... ending an identifier such
     * as {@code db_password} or {@code dbPassword}):
     * <ul>
     *   <li>after {@code =}, {@code :}, {@code :=} or {@code =>} and quoted: any value but a placeholder
     *       ({@code ${VAR}}, {@code <your-token>}, {@code dummy}); {@code key} and {@code auth} need a
     *       generated-looking value (letters and digits, Shannon entropy at least 3.5);
     *   <li>after an assignment, unquoted: a value holding a digit or looking generated, never code
     *       such as {@code token = request.token()};
     *   <li>without an assignment ({@code credential wJalr...}), up to three short words away: only a
     *       high-entropy value, by detect-secrets' limits (above 4.5 bits per character for base64,
     *       above 3.0 for hex), or a generated-looking one of 16 characters or more.
     * </ul>
     */
    public static List<RedactionRule> defaultRules() {
        return DEFAULT_RULES;
    }

    /** The rules in the order they apply. */
    public List<RedactionRule> rules() {
        return rules;
    }

    @Override
    public String redact(String text) {
        requireNonNull(text, "text");
        String result = text;
        for (RedactionRule rule : rules) {
            result = apply(rule, result);
        }
        return result;
    }

    private static String apply(RedactionRule rule, String text) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int group = rule.secretGroup();
            if (matcher.start(group) < 0 || !rule.condition().test(matcher)) {
                continue;
            }
            out.append(text, last, matcher.start(group)).append(rule.marker());
            last = matcher.end(group);
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }

    /** Settings for a {@link PatternRedactor}. */
    public static final class Builder {
        private final List<RedactionRule> extra = new ArrayList<>();
        private boolean defaults = true;

        private Builder() {}

        /** Masks every match of {@code regex} as {@code [REDACTED:<name>]}. */
        public Builder pattern(String name, String regex) {
            return rule(RedactionRule.of(requireNonNull(name, "name"), requireNonNull(regex, "regex")));
        }

        /** Adds a rule; host rules apply after the default ones. */
        public Builder rule(RedactionRule rule) {
            extra.add(requireNonNull(rule, "rule"));
            return this;
        }

        /** Whether the {@linkplain #defaultRules() default rules} apply. Default true. */
        public Builder defaultRules(boolean enabled) {
            this.defaults = enabled;
            return this;
        }

        public PatternRedactor build() {
            List<RedactionRule> all = new ArrayList<>(defaults ? DEFAULT_RULES : List.of());
            all.addAll(extra);
            return new PatternRedactor(all);
        }
    }
}
