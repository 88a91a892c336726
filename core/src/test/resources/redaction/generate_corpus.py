#!/usr/bin/env python3
"""Writes the redaction corpus: secrets.tsv and lookalikes.txt.

Every secret is random, generated here in its provider's published format; none is real.
Run from this directory: python3 generate_corpus.py (the seed keeps the output stable).
"""
import base64
import hashlib
import json
import random
import string
import uuid

rnd = random.Random(20250610)
ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"


def s(alphabet, n):
    return "".join(rnd.choice(alphabet) for _ in range(n))


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": s(string.digits, 10), "iat": rnd.randint(1600000000, 1700000000)}).encode())
    return header + "." + payload + "." + b64url(bytes(rnd.getrandbits(8) for _ in range(32)))


def pem(kind):
    body = base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(180))).decode()
    lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    return "-----BEGIN " + kind + "PRIVATE KEY-----\n" + lines + "\n-----END " + kind + "PRIVATE KEY-----"


def age():
    return "AGE-SECRET-KEY-1" + s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)


def password():
    return s(string.ascii_letters, 5) + s(string.digits, 2) + s("!#%&*+-_", 1) + s(ALNUM, 4)


GENERATORS = {
    "openai-key": lambda: "sk-proj-" + s(URLSAFE, 48),
    "openai-legacy-key": lambda: "sk-" + s(ALNUM, 48),
    "anthropic-key": lambda: "sk-ant-api03-" + s(URLSAFE, 93) + "AA",
    "aws-access-key-id": lambda: rnd.choice(["AKIA", "ASIA"]) + s(UPPER_ALNUM, 16),
    "github-pat-classic": lambda: "ghp_" + s(ALNUM, 36),
    "github-oauth-token": lambda: "gho_" + s(ALNUM, 36),
    "github-fine-grained-pat": lambda: "github_pat_" + s(ALNUM, 22) + "_" + s(ALNUM, 59),
    "gitlab-pat": lambda: "glpat-" + s(URLSAFE, 20),
    "gitlab-runner-token": lambda: "glrt-" + s(URLSAFE, 20),
    "slack-bot-token": lambda: "xoxb-" + s(string.digits, 12) + "-" + s(string.digits, 13) + "-" + s(ALNUM, 24),
    "slack-user-token": lambda: "xoxp-" + s(string.digits, 12) + "-" + s(string.digits, 13) + "-" + s(HEX, 32),
    "slack-app-token": lambda: "xapp-1-A" + s(UPPER_ALNUM, 10) + "-" + s(string.digits, 13) + "-" + s(HEX, 64),
    "slack-webhook": lambda: "https://hooks.slack.com/services/T" + s(UPPER_ALNUM, 8) + "/B" + s(UPPER_ALNUM, 8) + "/"
    + s(ALNUM, 24),
    "discord-webhook": lambda: "https://discord.com/api/webhooks/" + s(string.digits, 18) + "/" + s(URLSAFE, 68),
    "discord-bot-token": lambda: "M" + s(ALNUM, 23) + "." + s(URLSAFE, 6) + "." + s(URLSAFE, 27),
    "telegram-bot-token": lambda: s(string.digits, 10) + ":AA" + s(URLSAFE, 33),
    "google-api-key": lambda: "AIza" + s(URLSAFE, 35),
    "google-oauth-client-secret": lambda: "GOCSPX-" + s(URLSAFE, 28),
    "google-oauth-access-token": lambda: "ya29.a0" + s(URLSAFE, 120),
    "stripe-secret-key": lambda: "sk_live_" + s(ALNUM, 24),
    "stripe-restricted-key": lambda: "rk_test_" + s(ALNUM, 24),
    "stripe-webhook-secret": lambda: "whsec_" + s(ALNUM, 32),
    "huggingface-token": lambda: "hf_" + s(string.ascii_letters, 34),
    "npm-token": lambda: "npm_" + s(ALNUM, 36),
    "pypi-token": lambda: "pypi-AgEIcHlwaS5vcmc" + s(URLSAFE, 70),
    "rubygems-key": lambda: "rubygems_" + s(HEX, 48),
    "clojars-token": lambda: "CLOJARS_" + s(LOWER_ALNUM, 60),
    "sendgrid-key": lambda: "SG." + s(URLSAFE, 22) + "." + s(URLSAFE, 43),
    "twilio-api-key": lambda: "SK" + s(HEX, 32),
    "mailchimp-key": lambda: s(HEX, 32) + "-us" + str(rnd.randint(1, 20)),
    "mailgun-key": lambda: "key-" + s(HEX, 32),
    "shopify-access-token": lambda: "shpat_" + s(HEX, 32),
    "square-access-token": lambda: "EAAA" + s(URLSAFE, 60),
    "square-oauth-secret": lambda: "sq0csp-" + s(URLSAFE, 43),
    "facebook-access-token": lambda: "EAAC" + s(ALNUM, 120),
    "shippo-token": lambda: "shippo_live_" + s(HEX, 40),
    "easypost-key": lambda: "EZAK" + s(ALNUM, 54),
    "duffel-token": lambda: "duffel_test_" + s(URLSAFE, 43),
    "digitalocean-token": lambda: "dop_v1_" + s(HEX, 64),
    "doppler-token": lambda: "dp.pt." + s(ALNUM, 43),
    "dynatrace-token": lambda: "dt0c01." + s(UPPER_ALNUM, 24) + "." + s(UPPER_ALNUM, 64),
    "databricks-token": lambda: "dapi" + s(HEX, 32),
    "atlassian-token": lambda: "ATATT3" + s(URLSAFE, 178) + "=" + s(HEX, 7).upper(),
    "newrelic-user-key": lambda: "NRAK-" + s(UPPER_ALNUM, 27),
    "grafana-cloud-token": lambda: "glc_" + s(ALNUM, 60) + "==",
    "grafana-service-account-token": lambda: "glsa_" + s(ALNUM, 32) + "_" + s(HEX, 8),
    "vault-token": lambda: "hvs." + s(URLSAFE, 90),
    "terraform-token": lambda: s(ALNUM, 14) + ".atlasv1." + s(URLSAFE, 67),
    "pulumi-token": lambda: "pul-" + s(HEX, 40),
    "postman-key": lambda: "PMAK-" + s(HEX, 24) + "-" + s(HEX, 34),
    "linear-key": lambda: "lin_api_" + s(ALNUM, 40),
    "notion-token": lambda: "ntn_" + s(string.digits, 11) + s(ALNUM, 35),
    "planetscale-token": lambda: "pscale_tkn_" + s(URLSAFE, 43),
    "prefect-key": lambda: "pnu_" + s(ALNUM, 36),
    "readme-key": lambda: "rdme_" + s(LOWER_ALNUM, 70),
    "perplexity-key": lambda: "pplx-" + s(ALNUM, 48),
    "langsmith-key": lambda: "lsv2_pt_" + s(HEX, 32) + "_" + s(HEX, 10),
    "sourcegraph-token": lambda: "sgp_" + s(HEX, 16) + "_" + s(HEX, 40),
    "flyio-token": lambda: "fo1_" + s(URLSAFE, 43),
    "frameio-token": lambda: "fio-u-" + s(URLSAFE, 64),
    "alibaba-access-key": lambda: "LTAI" + s(ALNUM, 20),
    "adobe-client-secret": lambda: "p8e-" + s(ALNUM, 32),
    "azure-ad-client-secret": lambda: s(ALNUM, 3) + str(rnd.randint(0, 9)) + "Q~" + s(ALNUM + "_~.-", 34),
    "age-secret-key": age,
    "jwt": jwt,
    "sentry-user-token": lambda: "sntryu_" + s(HEX, 64),
}

NEUTRAL = [
    "the agent used {} to call the API",
    "retrying the request with {} after a 429",
    "config value was `{}` in the failing run",
    "{{\"message\":\"request failed\",\"detail\":\"{}\"}}",
]

rows = []
for kind, make in GENERATORS.items():
    for template in rnd.sample(NEUTRAL, 3):
        secret = make()
        rows.append((kind, template.format(secret), secret))

aws_secret = lambda: s(B64, 40)
KEYWORD_KINDS = {
    "aws-secret-access-key": (aws_secret, [
        "credential {}", "the AWS credential {} is in the vault", "aws_secret_access_key = {}",
        "AWS_SECRET_ACCESS_KEY={}", "secret key: {}"]),
    "password-quoted": (password, [
        "password: \"{}\"", "String password = \"{}\";", "{{\"db_password\": \"{}\"}}", "dbPassword = '{}'"]),
    "password-unquoted": (password, ["DB_PASSWORD={}", "password: {}", "--password={}"]),
    "generic-api-key-hex": (lambda: s(HEX, 32), ["api_key={}", "X-Api-Key: {}", "apiKey: \"{}\""]),
    "client-secret": (lambda: s(URLSAFE, 40), ["client_secret: {}", "clientSecret=\"{}\"", "OAUTH_CLIENT_SECRET={}"]),
    "token-without-assignment": (lambda: s(ALNUM, 40), [
        "use token {} for the staging API", "the session token {} expired", "secret {}"]),
    "private-key-pem": (lambda: pem(rnd.choice(["RSA ", "EC ", "OPENSSH ", ""])), [
        "key file:\n{}\nend", "{}"]),
    "basic-auth-header": (lambda: base64.b64encode((s(string.ascii_lowercase, 6) + ":" + password()).encode()).decode(),
                          ["Authorization: Basic {}", "curl -H 'Authorization: Basic {}' https://api.example.com"]),
    "url-password": (password, ["postgres://app:{}@db.internal:5432/app", "https://deploy:{}@git.example.com/repo.git"]),
    "bearer-token": (lambda: s(ALNUM, 40), ["Authorization: Bearer {}", "curl -H \"Authorization: bearer {}\""]),
}
for kind, (make, templates) in KEYWORD_KINDS.items():
    for template in templates:
        secret = make()
        rows.append((kind, template.format(secret), secret))

with open("secrets.tsv", "w") as out:
    out.write("# kind<TAB>text (\\n for a line break)<TAB>secret; generated by generate_corpus.py, none is real\n")
    for kind, text, secret in rows:
        out.write(kind + "\t" + text.replace("\n", "\\n") + "\t" + secret.replace("\n", "\\n") + "\n")


def sha(n=40):
    return hashlib.sha1(bytes(rnd.getrandbits(8) for _ in range(16))).hexdigest()[:n]


def sha256():
    return hashlib.sha256(bytes(rnd.getrandbits(8) for _ in range(16))).hexdigest()


def uid():
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def blob(n):
    return base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(n))).decode()


WORDS = ["retry", "token", "budget", "refresh", "password", "reset", "flow", "key", "findings", "cache", "secret",
         "credential", "rotation", "session", "timeout", "search", "draft", "keyword", "brand", "agent"]
looks = []
for _ in range(25):
    looks.append("commit " + sha())
    looks.append(sha(7) + " Fix " + " ".join(rnd.sample(WORDS, 3)) + " handling")
for _ in range(10):
    looks.append("Merge: " + sha(7) + " " + sha(7))
    looks.append("index " + sha(7) + ".." + sha(7) + " 100644")
    looks.append("https://github.com/acme/agents/commit/" + sha())
for _ in range(20):
    looks.append("task " + uid() + " finished in " + str(rnd.randint(2, 900)) + " s")
    looks.append("{\"trace_id\":\"" + uid() + "\",\"span\":\"" + sha(16) + "\"}")
for _ in range(12):
    looks.append("<img src=\"data:image/png;base64," + blob(rnd.randint(60, 200)) + "\">")
    looks.append(sha256() + "  kaizen4j-core-0." + str(rnd.randint(1, 9)) + ".0.jar")
    looks.append("\"integrity\": \"sha512-" + blob(64) + "\"")
looks += [
    "AbstractSingletonProxyFactoryBean", "MAX_SEARCH_RETRIES_BEFORE_GIVING_UP", "tokenBudgetPerCallEstimator",
    "passwordResetTokenRepository.findByUserId(userId)", "SimpleBeanFactoryAwareAspectInstanceFactory",
    "String token = request.token();", "this.password = password;", "apiKey = System.getenv(\"OPENAI_API_KEY\");",
    "char[] password = console.readPassword(\"Password: \");", "if (apiKey == null || apiKey.isBlank()) {",
    "this.secretKey = Objects.requireNonNull(secretKey, \"secretKey\");",
    "Map<String, String> credentials = new HashMap<>();", "private static final String TOKEN_HEADER = \"X-Auth-Token\";",
    "@Value(\"${app.jwt.secret}\") private String secret;", "String password = System.getenv(\"DB_PASSWORD\");",
    "String key = cacheKey(tenant, id);", "int keyLength = 256;", "token_budget = 6000", "max_tokens: 4096",
    "password_min_length: 12", "\"key\": \"customer_email\"", "String key = \"user:\" + id;",
    "map.put(\"token\", token);", "return new Credentials(user, password);", "Token token = tokenizer.next();",
    "for (String key : keys) {", "secrets.forEach(secret -> vault.store(secret));",
    "password: ${DB_PASSWORD}", "token: <your-token>", "api_key: \"{{ api_key }}\"", "secret: dummy-value-for-tests",
    "auth: basic", "key: value", "credentials: none", "password: changeme", "token = null;",
    "The password reset flow failed in 12% of tasks (TASK-042).",
    "Key findings: SEO keywords missing in 73% of content tasks.",
    "The token budget of 6000 was exceeded twice this week.", "Rotate the credential every 90 days.",
    "The secret to good content is a clear structure and 3 examples.",
    "Use a strong password with at least 12 characters.", "The API key was rotated on 2025-06-10 by the platform team.",
    "Keep each call within a token budget of 6000.", "Use {{brand}} and https://example.com/docs in the post.",
    "The key to success is research before drafting.", "A session token expires after 3600 seconds.",
    "Passwords must not be logged; use the vault instead.", "Secret Santa list for the 2025 offsite is in the wiki.",
    "The access key rotation job ran at 02:00 UTC.", "market_researcher used web_search 37 times; 41% failed.",
    "https://example.com/docs?page=2&sort=asc", "https://cdn.example.com/assets/logo-2x.png?v=20250610",
    "https://api.example.com/v1/tokens?limit=50&offset=100", "https://accounts.example.com/password/reset?step=2",
    "https://en.wikipedia.org/wiki/Shannon_entropy", "http://localhost:11434/api/chat",
    "1.2.3-SNAPSHOT", "langchain4j 1.0.0-beta3", "v2024.06.10", "Java 17.0.11+9", "kaizen4j-core-0.1.0-SNAPSHOT.jar",
    "dev.kaizen4j:kaizen4j-core:0.1.0-SNAPSHOT", "org.apache.maven.plugins:maven-surefire-plugin:3.5.4",
    "Python 3.12.4 (main, Jun  6 2024, 18:26:44) [Clang 15.0.0]", "node v20.14.0", "gpt-4.1-mini-2025-04-14",
    "claude-sonnet-4-5-20250929", "ISBN 978-0-13-468599-1", "+1 (415) 555-0132", "IBAN DE89 3704 0044 0532 0130 00",
    "2025-06-10T14:03:22.123456Z", "1718028202123", "ERROR 2025-06-10 14:03:22 web_search timeout after 30000 ms",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
    "TASK-001 TASK-002 TASK-003 TASK-004 TASK-005", "marketing-team-2efc6a5e", "marketing-team-48c3eac9",
    "The token count was 1718028202123456 in the last run.", "password reset requested for user 4f1c2a at 14:03",
    "key: " + sha(), "secret rotation id " + uid(),
]
for _ in range(10):
    looks.append("the cache key " + sha(rnd.choice([12, 40])) + " was evicted")
    looks.append("SELECT * FROM tasks WHERE id = '" + uid() + "'")
with open("lookalikes.txt", "w") as out:
    out.write("# harmless text that resembles secrets; generated by generate_corpus.py\n")
    for text in looks:
        out.write(text.replace("\n", "\\n") + "\n")
print(len(rows), "secrets of", len(GENERATORS) + len(KEYWORD_KINDS), "kinds;", len(looks), "look-alikes")
