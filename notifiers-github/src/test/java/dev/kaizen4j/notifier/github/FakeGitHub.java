package dev.kaizen4j.notifier.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server answering as GitHub's REST API does for the endpoints Kaizen4j uses (repositories,
 * labels, issues, comments, events, git refs, contents, pulls), with GitHub's documented request and
 * response shapes. It keeps state, records every request, and can be told to fail requests.
 */
public final class FakeGitHub implements AutoCloseable {

    public static final String OWNER = "acme";
    public static final String NAME = "agents";
    public static final String REPOSITORY = OWNER + "/" + NAME;
    public static final String TOKEN = "ghp_fakeToken0123456789abcdefSECRET";
    public static final String BOT = "kaizen-bot";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EPOCH = Instant.parse("2025-06-16T10:00:00Z");

    /** A request as the server received it. */
    record Recorded(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : " " + query);
        }
    }

    private record Fault(String method, Pattern path, int status, Map<String, String> headers, String body) {}

    public static final class Issue {
        public final int number;
        public final String title;
        public final String body;
        public final List<String> labels = new ArrayList<>();
        String state = "open";
        Instant createdAt;
        Instant updatedAt;
        Instant closedAt;
        String closedBy;
        final List<ObjectNode> comments = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();

        Issue(int number, String title, String body, Instant at) {
            this.number = number;
            this.title = title;
            this.body = body;
            this.createdAt = at;
            this.updatedAt = at;
        }
    }

    public static final class Pull {
        public final int number;
        public final String title;
        public final String head;
        public final String base;
        public final String body;
        String state = "open";
        Instant mergedAt;
        Instant closedAt;

        Pull(int number, String title, String head, String base, String body) {
            this.number = number;
            this.title = title;
            this.head = head;
            this.base = base;
            this.body = body;
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Issue> issues = new ArrayList<>();
    private final List<Pull> pulls = new ArrayList<>();
    private final Map<String, String> refs = new TreeMap<>();
    private final Map<String, Map<String, String>> files = new TreeMap<>();
    private int nextNumber = 1;
    private long nextId = 1000;
    private int ticks;

    public FakeGitHub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        refs.put("main", sha("main"));
        files.put("main", new TreeMap<>());
    }

    public String apiUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    GitHubSettings settings() {
        return new GitHubSettings(REPOSITORY, TOKEN, apiUrl());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- what tests arrange and inspect

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    /** The next request matching method and path regex answers with this failure instead. */
    synchronized void failNext(String method, String pathRegex, int status, Map<String, String> headers, String body) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), status, headers, body));
    }

    public synchronized List<Issue> issues() {
        return List.copyOf(issues);
    }

    synchronized Issue issue(int number) {
        return issues.stream().filter(i -> i.number == number).findFirst().orElseThrow();
    }

    synchronized Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    synchronized void addLabel(String name) {
        labels.put(name, "ededed");
    }

    public synchronized void comment(int number, String login, String association, String body) {
        Issue issue = issue(number);
        Instant at = tick();
        ObjectNode comment = JSON.createObjectNode();
        long id = nextId++;
        comment.put("id", id).put("node_id", "IC_" + id)
                .put("url", apiUrl() + "/repos/" + REPOSITORY + "/issues/comments/" + id)
                .put("html_url", "https://github.com/" + REPOSITORY + "/issues/" + number + "#issuecomment-" + id)
                .put("issue_url", apiUrl() + "/repos/" + REPOSITORY + "/issues/" + number)
                .put("body", body).put("created_at", at.toString()).put("updated_at", at.toString())
                .put("author_association", association);
        comment.set("user", user(login));
        issue.comments.add(comment);
        issue.updatedAt = at;
    }

    synchronized void label(int number, String label, String actor) {
        Issue issue = issue(number);
        labels.putIfAbsent(label, "ededed");
        if (!issue.labels.contains(label)) {
            issue.labels.add(label);
        }
        Instant at = tick();
        issue.events.add(event("labeled", actor, at).set("label", JSON.createObjectNode().put("name", label)
                .put("color", labels.get(label))));
        issue.updatedAt = at;
    }

    synchronized void close(int number, String actor) {
        Issue issue = issue(number);
        Instant at = tick();
        issue.state = "closed";
        issue.closedAt = at;
        issue.closedBy = actor;
        issue.updatedAt = at;
        issue.events.add(event("closed", actor, at));
    }

    public synchronized void putFile(String branch, String path, String content) {
        files.computeIfAbsent(branch, b -> new TreeMap<>()).put(path, content);
    }

    public synchronized Optional<String> file(String branch, String path) {
        return Optional.ofNullable(files.getOrDefault(branch, Map.of()).get(path));
    }

    synchronized Map<String, String> refs() {
        return Map.copyOf(refs);
    }

    /** Merges a pull request as GitHub's merge button does: the head's files land on the base branch. */
    public synchronized void mergePull(int number) {
        Pull pull = pulls.stream().filter(p -> p.number == number).findFirst().orElseThrow();
        files.put(pull.base, new TreeMap<>(files.getOrDefault(pull.head, Map.of())));
        pull.state = "closed";
        pull.mergedAt = EPOCH.plusSeconds(3600);
        pull.closedAt = pull.mergedAt;
    }

    /** Closes a pull request without merging it. */
    public synchronized void closePull(int number) {
        Pull pull = pulls.stream().filter(p -> p.number == number).findFirst().orElseThrow();
        pull.state = "closed";
        pull.closedAt = EPOCH.plusSeconds(7200);
    }

    public synchronized List<Pull> pulls() {
        return List.copyOf(pulls);
    }

    // ---- the API

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Recorded request = new Recorded(exchange.getRequestMethod(), decode(path), query, headers, body);
            Response response;
            synchronized (this) {
                requests.add(request);
                response = respond(request);
            }
            byte[] bytes = response.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("X-GitHub-Media-Type", "github.v3; format=json");
            if (!response.headers.containsKey("X-RateLimit-Remaining")) {
                exchange.getResponseHeaders().add("X-RateLimit-Limit", "5000");
                exchange.getResponseHeaders().add("X-RateLimit-Remaining", "4999");
                exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(EPOCH.getEpochSecond() + 3600));
                exchange.getResponseHeaders().add("X-RateLimit-Resource", "core");
            }
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status, response.status == 204 ? -1 : bytes.length);
            if (response.status != 204) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (RuntimeException bug) {
            bug.printStackTrace();
            throw bug;
        }
    }

    private record Response(int status, String body, Map<String, String> headers) {
        static Response json(int status, JsonNode node) {
            return new Response(status, node.toString(), Map.of());
        }

        static Response error(int status, String message) {
            return new Response(status, JSON.createObjectNode().put("message", message)
                    .put("documentation_url", "https://docs.github.com/rest").toString(), Map.of());
        }
    }

    private static final Pattern REPO = Pattern.compile("/repos/" + OWNER + "/" + NAME + "(/.*)?");

    private Response respond(Recorded request) {
        for (Fault fault : faults) {
            if (fault.method.equals(request.method) && fault.path.matcher(request.path).matches()) {
                faults.remove(fault);
                return new Response(fault.status, fault.body, fault.headers);
            }
        }
        if (!("token " + TOKEN).equals(request.header("Authorization"))) {
            return Response.error(401, "Bad credentials");
        }
        Matcher repo = REPO.matcher(request.path);
        if (!repo.matches()) {
            return Response.error(404, "Not Found");
        }
        String tail = repo.group(1) == null ? "" : repo.group(1);
        String method = request.method;
        Matcher m;
        if (tail.isEmpty() && method.equals("GET")) {
            return Response.json(200, repository());
        }
        if (tail.equals("/labels") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            labels.forEach((name, color) -> list.add(label(name, color)));
            return Response.json(200, list);
        }
        if (tail.equals("/labels") && method.equals("POST")) {
            JsonNode json = request.json();
            String name = json.path("name").asText();
            if (labels.containsKey(name)) {
                return validation("Label", "name", "already_exists");
            }
            labels.put(name, json.path("color").asText("ededed"));
            return Response.json(201, label(name, labels.get(name)).put("description", json.path("description").asText()));
        }
        if (tail.equals("/issues") && method.equals("GET")) {
            String state = request.query.getOrDefault("state", "open");
            List<String> wanted = request.query.containsKey("labels")
                    ? Arrays.asList(request.query.get("labels").split(",")) : List.of();
            ArrayNode list = JSON.createArrayNode();
            for (int i = issues.size() - 1; i >= 0; i--) {
                Issue issue = issues.get(i);
                if ((state.equals("all") || state.equals(issue.state)) && issue.labels.containsAll(wanted)) {
                    list.add(issue(issue));
                }
            }
            return Response.json(200, list);
        }
        if (tail.equals("/issues") && method.equals("POST")) {
            JsonNode json = request.json();
            if (json.path("title").asText().isBlank()) {
                return validation("Issue", "title", "missing_field");
            }
            if (json.path("body").asText("").length() > 65_536) {
                return Response.json(422, JSON.createObjectNode().put("message", "Validation Failed")
                        .set("errors", JSON.createArrayNode().add(JSON.createObjectNode().put("resource", "Issue")
                                .put("code", "custom").put("field", "body")
                                .put("message", "body is too long (maximum is 65536 characters)"))));
            }
            Issue issue = new Issue(nextNumber++, json.path("title").asText(), json.path("body").asText(null), tick());
            json.path("labels").forEach(label -> {
                labels.putIfAbsent(label.asText(), "ededed");
                issue.labels.add(label.asText());
            });
            issues.add(issue);
            return Response.json(201, issue(issue));
        }
        if ((m = Pattern.compile("/issues/(\\d+)").matcher(tail)).matches() && method.equals("GET")) {
            Optional<Issue> issue = find(Integer.parseInt(m.group(1)));
            return issue.map(i -> Response.json(200, issue(i))).orElse(Response.error(404, "Not Found"));
        }
        if ((m = Pattern.compile("/issues/(\\d+)/comments").matcher(tail)).matches()) {
            Optional<Issue> issue = find(Integer.parseInt(m.group(1)));
            if (issue.isEmpty()) {
                return Response.error(404, "Not Found");
            }
            if (method.equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                issue.get().comments.forEach(list::add);
                return Response.json(200, list);
            }
            if (method.equals("POST")) {
                comment(issue.get().number, BOT, "OWNER", request.json().path("body").asText());
                List<ObjectNode> comments = issue.get().comments;
                return Response.json(201, comments.get(comments.size() - 1));
            }
        }
        if ((m = Pattern.compile("/issues/(\\d+)/labels").matcher(tail)).matches() && method.equals("POST")) {
            Optional<Issue> issue = find(Integer.parseInt(m.group(1)));
            if (issue.isEmpty()) {
                return Response.error(404, "Not Found");
            }
            // GitHub creates a label it does not know yet
            request.json().path("labels").forEach(label -> {
                labels.putIfAbsent(label.asText(), "ededed");
                if (!issue.get().labels.contains(label.asText())) {
                    issue.get().labels.add(label.asText());
                }
            });
            ArrayNode list = JSON.createArrayNode();
            issue.get().labels.forEach(name -> list.add(label(name, labels.get(name))));
            return Response.json(200, list);
        }
        if ((m = Pattern.compile("/issues/(\\d+)/events").matcher(tail)).matches() && method.equals("GET")) {
            Optional<Issue> issue = find(Integer.parseInt(m.group(1)));
            if (issue.isEmpty()) {
                return Response.error(404, "Not Found");
            }
            ArrayNode list = JSON.createArrayNode();
            issue.get().events.forEach(list::add);
            return Response.json(200, list);
        }
        if ((m = Pattern.compile("/git/refs/heads/(.+)").matcher(tail)).matches() && method.equals("GET")) {
            String branch = m.group(1);
            if (refs.containsKey(branch)) {
                return Response.json(200, ref(branch));
            }
            // GitHub answers a prefix match with an array of refs; none here
            return Response.error(404, "Not Found");
        }
        if (tail.equals("/git/refs") && method.equals("POST")) {
            JsonNode json = request.json();
            String ref = json.path("ref").asText();
            if (!ref.startsWith("refs/heads/") || ref.split("/").length < 3) {
                return Response.error(422, "Reference name is not valid");
            }
            String branch = ref.substring("refs/heads/".length());
            if (refs.containsKey(branch)) {
                return Response.error(422, "Reference already exists");
            }
            String sha = json.path("sha").asText();
            String from = refs.entrySet().stream().filter(e -> e.getValue().equals(sha)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (from == null) {
                return Response.error(422, "Object does not exist");
            }
            refs.put(branch, sha);
            files.put(branch, new TreeMap<>(files.getOrDefault(from, Map.of())));
            return Response.json(201, ref(branch));
        }
        if ((m = Pattern.compile("/contents/(.+)").matcher(tail)).matches()) {
            String path = m.group(1);
            if (method.equals("GET")) {
                String branch = request.query.getOrDefault("ref", "main");
                String content = files.getOrDefault(branch, Map.of()).get(path);
                return content == null ? Response.error(404, "Not Found") : Response.json(200, content(path, content, branch));
            }
            if (method.equals("PUT")) {
                JsonNode json = request.json();
                String branch = json.path("branch").asText("main");
                if (!refs.containsKey(branch)) {
                    return Response.error(404, "Branch " + branch + " not found");
                }
                String existing = files.getOrDefault(branch, Map.of()).get(path);
                if (existing != null && !json.path("sha").asText("").equals(blobSha(existing))) {
                    return Response.error(409, path + " does not match " + json.path("sha").asText(""));
                }
                if (existing != null && !json.has("sha") || json.path("message").asText().isBlank()) {
                    return validation("Content", "sha", "missing_field");
                }
                String content = new String(Base64.getDecoder().decode(json.path("content").asText()),
                        StandardCharsets.UTF_8);
                files.get(branch).put(path, content);
                String commit = sha(branch + path + content);
                refs.put(branch, commit);
                ObjectNode answer = JSON.createObjectNode();
                ObjectNode file = content(path, content, branch);
                file.remove("content");
                file.remove("encoding");
                answer.set("content", file);
                ObjectNode commitNode = JSON.createObjectNode().put("sha", commit).put("node_id", "C_" + commit)
                        .put("url", apiUrl() + "/repos/" + REPOSITORY + "/git/commits/" + commit)
                        .put("html_url", "https://github.com/" + REPOSITORY + "/commit/" + commit)
                        .put("message", json.path("message").asText());
                ObjectNode person = JSON.createObjectNode().put("name", BOT).put("email", BOT + "@users.noreply.github.com")
                        .put("date", tick().toString());
                commitNode.set("author", person);
                commitNode.set("committer", person);
                commitNode.set("tree", JSON.createObjectNode().put("sha", sha("tree" + commit)));
                commitNode.set("parents", JSON.createArrayNode());
                answer.set("commit", commitNode);
                return Response.json(existing == null ? 201 : 200, answer);
            }
        }
        if (tail.equals("/pulls") && method.equals("GET")) {
            String head = request.query.get("head");
            String state = request.query.getOrDefault("state", "open");
            ArrayNode list = JSON.createArrayNode();
            for (Pull pull : pulls) {
                if ((head == null || head.equals(OWNER + ":" + pull.head))
                        && (state.equals("all") || state.equals(pull.state))) {
                    list.add(pull(pull));
                }
            }
            return Response.json(200, list);
        }
        if (tail.equals("/pulls") && method.equals("POST")) {
            JsonNode json = request.json();
            String head = json.path("head").asText();
            String base = json.path("base").asText();
            if (!refs.containsKey(head)) {
                return validation("PullRequest", "head", "invalid");
            }
            if (pulls.stream().anyMatch(p -> p.head.equals(head) && p.state.equals("open"))) {
                return Response.json(422, JSON.createObjectNode().put("message", "Validation Failed")
                        .set("errors", JSON.createArrayNode().add(JSON.createObjectNode().put("resource", "PullRequest")
                                .put("code", "custom").put("message", "A pull request already exists for "
                                        + OWNER + ":" + head + "."))));
            }
            if (files.getOrDefault(head, Map.of()).equals(files.getOrDefault(base, Map.of()))) {
                return Response.json(422, JSON.createObjectNode().put("message", "Validation Failed")
                        .set("errors", JSON.createArrayNode().add(JSON.createObjectNode().put("resource", "PullRequest")
                                .put("code", "custom").put("message", "No commits between " + base + " and " + head))));
            }
            Pull pull = new Pull(nextNumber++, json.path("title").asText(), head, base, json.path("body").asText());
            pulls.add(pull);
            return Response.json(201, pull(pull));
        }
        return Response.error(404, "Not Found");
    }

    private Optional<Issue> find(int number) {
        return issues.stream().filter(i -> i.number == number).findFirst();
    }

    private static Response validation(String resource, String field, String code) {
        ObjectNode body = JSON.createObjectNode().put("message", "Validation Failed")
                .put("documentation_url", "https://docs.github.com/rest");
        body.set("errors", JSON.createArrayNode().add(JSON.createObjectNode().put("resource", resource)
                .put("field", field).put("code", code)));
        return new Response(422, body.toString(), Map.of());
    }

    // ---- JSON shapes

    private Instant tick() {
        return EPOCH.plusSeconds(60L * ticks++);
    }

    private ObjectNode user(String login) {
        return JSON.createObjectNode().put("login", login).put("id", Math.abs(login.hashCode()))
                .put("node_id", "U_" + login).put("type", "User").put("site_admin", false)
                .put("url", apiUrl() + "/users/" + login).put("html_url", "https://github.com/" + login);
    }

    private ObjectNode repository() {
        ObjectNode repo = JSON.createObjectNode().put("id", 42).put("node_id", "R_42").put("name", NAME)
                .put("full_name", REPOSITORY).put("private", false)
                .put("html_url", "https://github.com/" + REPOSITORY).put("url", apiUrl() + "/repos/" + REPOSITORY)
                .put("default_branch", "main").put("has_issues", true);
        repo.set("owner", user(OWNER).put("type", "Organization"));
        repo.set("permissions", JSON.createObjectNode().put("admin", false).put("push", true).put("pull", true));
        return repo;
    }

    private ObjectNode label(String name, String color) {
        long id = Math.abs((long) name.hashCode());
        return JSON.createObjectNode().put("id", id).put("node_id", "LA_" + id)
                .put("url", apiUrl() + "/repos/" + REPOSITORY + "/labels/" + name).put("name", name)
                .put("color", color).put("default", false).putNull("description");
    }

    private ObjectNode issue(Issue issue) {
        String url = apiUrl() + "/repos/" + REPOSITORY + "/issues/" + issue.number;
        ObjectNode node = JSON.createObjectNode().put("id", 5000 + issue.number).put("node_id", "I_" + issue.number)
                .put("url", url).put("repository_url", apiUrl() + "/repos/" + REPOSITORY)
                .put("labels_url", url + "/labels{/name}").put("comments_url", url + "/comments")
                .put("events_url", url + "/events")
                .put("html_url", "https://github.com/" + REPOSITORY + "/issues/" + issue.number)
                .put("number", issue.number).put("state", issue.state).put("title", issue.title)
                .put("body", issue.body).put("locked", false).put("comments", issue.comments.size())
                .put("created_at", issue.createdAt.toString()).put("updated_at", issue.updatedAt.toString())
                .put("author_association", "OWNER");
        node.set("user", user(BOT));
        ArrayNode labelNodes = JSON.createArrayNode();
        issue.labels.forEach(l -> labelNodes.add(label(l, labels.getOrDefault(l, "ededed"))));
        node.set("labels", labelNodes);
        node.set("assignees", JSON.createArrayNode());
        node.putNull("assignee");
        node.putNull("milestone");
        if (issue.closedAt != null) {
            node.put("closed_at", issue.closedAt.toString()).put("state_reason", "not_planned");
            node.set("closed_by", user(issue.closedBy));
        } else {
            node.putNull("closed_at");
            node.putNull("closed_by");
        }
        return node;
    }

    private ObjectNode event(String type, String actor, Instant at) {
        long id = nextId++;
        ObjectNode event = JSON.createObjectNode().put("id", id).put("node_id", "E_" + id)
                .put("url", apiUrl() + "/repos/" + REPOSITORY + "/issues/events/" + id).put("event", type)
                .putNull("commit_id").putNull("commit_url").put("created_at", at.toString());
        event.set("actor", user(actor));
        return event;
    }

    private ObjectNode ref(String branch) {
        String sha = refs.get(branch);
        ObjectNode ref = JSON.createObjectNode().put("ref", "refs/heads/" + branch).put("node_id", "REF_" + branch)
                .put("url", apiUrl() + "/repos/" + REPOSITORY + "/git/refs/heads/" + branch);
        ref.set("object", JSON.createObjectNode().put("sha", sha).put("type", "commit")
                .put("url", apiUrl() + "/repos/" + REPOSITORY + "/git/commits/" + sha));
        return ref;
    }

    private ObjectNode content(String path, String content, String branch) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String url = apiUrl() + "/repos/" + REPOSITORY + "/contents/" + path + "?ref=" + branch;
        ObjectNode node = JSON.createObjectNode().put("type", "file").put("encoding", "base64")
                .put("size", bytes.length).put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                .put("content", Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(bytes) + "\n")
                .put("sha", blobSha(content)).put("url", url)
                .put("git_url", apiUrl() + "/repos/" + REPOSITORY + "/git/blobs/" + blobSha(content))
                .put("html_url", "https://github.com/" + REPOSITORY + "/blob/" + branch + "/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + REPOSITORY + "/" + branch + "/" + path);
        node.set("_links", JSON.createObjectNode().put("self", url));
        return node;
    }

    private ObjectNode pull(Pull pull) {
        String url = apiUrl() + "/repos/" + REPOSITORY + "/pulls/" + pull.number;
        ObjectNode node = JSON.createObjectNode().put("id", 7000 + pull.number).put("node_id", "PR_" + pull.number)
                .put("url", url).put("html_url", "https://github.com/" + REPOSITORY + "/pull/" + pull.number)
                .put("issue_url", apiUrl() + "/repos/" + REPOSITORY + "/issues/" + pull.number)
                .put("number", pull.number).put("state", pull.state).put("title", pull.title).put("body", pull.body)
                .put("locked", false).put("draft", false).put("merged", pull.mergedAt != null)
                .put("created_at", EPOCH.toString()).put("updated_at", EPOCH.toString());
        if (pull.mergedAt != null) {
            node.put("merged_at", pull.mergedAt.toString());
        }
        if (pull.closedAt != null) {
            node.put("closed_at", pull.closedAt.toString());
        }
        node.set("user", user(BOT));
        node.set("head", JSON.createObjectNode().put("label", OWNER + ":" + pull.head).put("ref", pull.head)
                .put("sha", refs.getOrDefault(pull.head, sha(pull.head))));
        node.set("base", JSON.createObjectNode().put("label", OWNER + ":" + pull.base).put("ref", pull.base)
                .put("sha", refs.getOrDefault(pull.base, sha(pull.base))));
        return node;
    }

    static String blobSha(String content) {
        return sha("blob " + content);
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
