package dev.kaizen4j.samples.marketing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates the bundled week of conversation logs of the marketing-team example.
 *
 * <p>The week runs from 2025-06-09 to 2025-06-15 (UTC) and is written as one JSON Lines file per
 * day, {@code marketing-team-YYYY-MM-DD.jsonl}, in the log format the JSONL conversation source
 * reads. Tasks of a day overlap, so their events interleave; lines are sorted by timestamp.
 *
 * <p>The logs carry two weaknesses on purpose, for the improvement cycle to find: the content
 * creator leaves the target keyword out of most content tasks, and the market researcher often
 * gives up when {@code web_search} fails.
 *
 * <p>Output is deterministic: a given seed always yields byte-identical files, whatever the clock,
 * the default locale or the JVM's hash ordering.
 */
public final class MarketingTeamLogGenerator {

    /** Seed of the bundled logs. */
    public static final long DEFAULT_SEED = 20250609L;

    /** First day of the generated week. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2025, 6, 9);

    /** Number of days, hence files, generated. */
    public static final int DAYS = 7;

    static final String TEAM_NAME = "marketing-team";

    private static final String SYSTEM = "system";
    private static final String MANAGER = "manager";
    private static final String CREATOR = "content_creator";
    private static final String RESEARCHER = "market_researcher";
    private static final String SEO = "seo_specialist";
    private static final List<String> AGENTS = List.of(MANAGER, CREATOR, RESEARCHER, SEO);

    private static final double CONTENT_SHARE = 0.52;
    private static final double RESEARCH_SHARE = 0.31;
    private static final double KEYWORD_USED_SHARE = 0.29;
    private static final double RESEARCHER_GIVES_UP_SHARE = 0.15;
    private static final double SEARCH_ERROR_RATE = 0.42;
    private static final int MAX_SEARCHES = 5;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);

    private MarketingTeamLogGenerator() {
    }

    /**
     * Writes the week's log files, generated with {@link #DEFAULT_SEED}, into a directory.
     *
     * @param outputDirectory created if missing; existing files of the same names are replaced
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void generate(Path outputDirectory) {
        write(outputDirectory, DEFAULT_SEED);
    }

    /**
     * Writes the week's log files into the directory given as the only argument and lists them.
     *
     * @param args the output directory
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: MarketingTeamLogGenerator <output-directory>");
            System.exit(2);
            return;
        }
        for (WrittenFile file : write(Path.of(args[0]), DEFAULT_SEED)) {
            System.out.println("wrote " + file.path() + " (" + file.tasks() + " tasks, " + file.events() + " events)");
        }
    }

    /** Name of the log file of one day. */
    static String fileName(LocalDate day) {
        return TEAM_NAME + "-" + day + ".jsonl";
    }

    private static List<WrittenFile> write(Path outputDirectory, long seed) {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        List<List<Event>> days = new Simulation(seed).week();
        ObjectMapper mapper = new ObjectMapper();
        List<WrittenFile> written = new ArrayList<>();
        try {
            Files.createDirectories(outputDirectory);
            for (int d = 0; d < days.size(); d++) {
                List<Event> events = days.get(d);
                Path file = outputDirectory.resolve(fileName(FIRST_DAY.plusDays(d)));
                writeDay(file, events, mapper);
                long tasks = events.stream().map(Event::taskId).distinct().count();
                written.add(new WrittenFile(file, (int) tasks, events.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write logs to " + outputDirectory, e);
        }
        return written;
    }

    private static void writeDay(Path file, List<Event> events, ObjectMapper mapper) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = mapper.getFactory().createGenerator(writer)) {
            json.setRootValueSeparator(new SerializedString("\n"));
            for (Event event : events) {
                json.writeStartObject();
                json.writeStringField("timestamp", TIMESTAMP.format(event.timestamp()));
                json.writeStringField("team_name", TEAM_NAME);
                json.writeStringField("task_id", event.taskId());
                json.writeStringField("agent_name", event.agent());
                json.writeStringField("message", event.message());
                json.writeStringField("message_type", event.type());
                if (event.toAgent() != null) {
                    json.writeStringField("to_agent", event.toAgent());
                }
                json.writeFieldName("metadata");
                json.writeObject(event.metadata());
                json.writeEndObject();
            }
            json.writeRaw('\n');
        }
    }

    private record WrittenFile(Path path, int tasks, int events) {
    }

    /** One log line; {@code toAgent} is null for undirected events. */
    private record Event(LocalDateTime timestamp, long sequence, String taskId, String agent, String message,
                         String type, String toAgent, Map<String, Object> metadata) {
    }

    private enum TaskType { CONTENT, RESEARCH, CAMPAIGN }

    private enum SearchOutcome { RANDOM, FAIL, SUCCEED }

    private record Keyword(String keyword, String topic, String paraphrase, String audience,
                           String secondary1, String secondary2) {
    }

    private record ResearchTopic(String topic, List<String> queries, List<String> findings) {
    }

    private record Campaign(String name, String segment, String channels) {
    }

    private static final List<Keyword> KEYWORDS = List.of(
            new Keyword("sustainable packaging", "how our new mailer boxes cut plastic waste",
                    "eco-friendly shipping materials", "e-commerce operations leads",
                    "compostable mailers", "plastic-free shipping"),
            new Keyword("B2B email automation", "nurture sequences that sales teams actually read",
                    "automated nurture emails", "B2B marketers",
                    "email nurture sequence", "marketing automation workflows"),
            new Keyword("customer retention strategy", "the five habits of teams with low churn",
                    "keeping customers for the long haul", "customer success leaders",
                    "reduce churn", "customer loyalty program"),
            new Keyword("zero-party data", "collecting preferences customers share on purpose",
                    "data customers volunteer directly", "growth marketers",
                    "preference center", "first-party data strategy"),
            new Keyword("remote team onboarding", "getting new hires productive in a distributed company",
                    "welcoming distributed hires", "people operations managers",
                    "virtual onboarding checklist", "onboarding remote employees"),
            new Keyword("AI customer support", "where chatbots help support teams and where they hurt",
                    "support automation with language models", "support team leads",
                    "support chatbot", "AI help desk"),
            new Keyword("small business cybersecurity", "a one-page security plan for teams under 50",
                    "security basics for small companies", "small business owners",
                    "phishing training", "password manager for teams"),
            new Keyword("SaaS pricing page", "what our pricing page redesign taught us",
                    "presenting plans and prices for software", "SaaS founders",
                    "pricing page examples", "SaaS pricing tiers"),
            new Keyword("content marketing ROI", "proving what our articles earn",
                    "measuring what content earns", "marketing directors",
                    "content attribution", "marketing ROI calculator"),
            new Keyword("product-led growth", "letting trial users convince themselves",
                    "letting the product do the selling", "SaaS growth teams",
                    "PLG metrics", "free trial conversion"),
            new Keyword("local SEO for restaurants", "getting restaurants found on maps",
                    "getting found by hungry diners nearby", "restaurant owners",
                    "google business profile", "restaurant review management"),
            new Keyword("employee advocacy program", "turning staff posts into reach",
                    "turning staff into brand ambassadors", "communications managers",
                    "employee social sharing", "brand ambassador program"),
            new Keyword("webinar lead generation", "filling the pipeline with online events",
                    "filling the pipeline with live online sessions", "demand generation managers",
                    "webinar promotion", "webinar follow-up email"),
            new Keyword("carbon-neutral shipping", "what offsetting delivery emissions really costs",
                    "offsetting delivery emissions", "sustainability-minded retailers",
                    "shipping carbon offset", "green logistics"),
            new Keyword("customer journey mapping", "every touchpoint from first visit to renewal",
                    "following buyers from first touch to purchase", "product marketers",
                    "customer touchpoints", "journey map template"),
            new Keyword("marketing attribution model", "choosing between first-touch, last-touch and data-driven",
                    "giving credit to the right channels", "marketing operations teams",
                    "multi-touch attribution", "data-driven attribution"));

    private static final List<ResearchTopic> RESEARCH_TOPICS = List.of(
            new ResearchTopic("competitor pricing for mid-market email tools",
                    List.of("mid-market email marketing software pricing 2025",
                            "email platform pricing 10000 contacts comparison",
                            "email marketing tool price increase 2025"),
                    List.of("list prices for 10k contacts range from ${60-90} to ${250-400} a month",
                            "{3-5} of the 6 vendors we track raised prices in the last 12 months",
                            "annual billing discounts average {12-20}%")),
            new ResearchTopic("Gen Z attitudes to sustainable brands",
                    List.of("Gen Z sustainable brand survey 2025",
                            "Gen Z willingness to pay more for sustainable products",
                            "Gen Z trust in green claims study"),
                    List.of("{55-68}% say sustainability influences what they buy",
                            "only {18-29}% trust brands' environmental claims",
                            "willingness to pay a premium falls to {20-31}% once the price gap passes 10%")),
            new ResearchTopic("B2B webinar benchmarks",
                    List.of("B2B webinar benchmarks 2025 attendance rate",
                            "average webinar registration to attendance ratio",
                            "on-demand webinar views share B2B"),
                    List.of("the average registration-to-attendance rate is {38-46}%",
                            "{30-45}% of all views now happen on demand",
                            "Tuesday and Wednesday sessions draw {15-25}% more registrants")),
            new ResearchTopic("the EU packaging regulation timeline",
                    List.of("EU packaging and packaging waste regulation timeline",
                            "PPWR requirements for e-commerce packaging",
                            "PPWR empty space ratio e-commerce"),
                    List.of("the regulation applies from August 2026 with targets phased in to 2030",
                            "e-commerce packaging faces an empty-space cap of {40-50}%",
                            "{55-70}% of surveyed online retailers have not started preparing")),
            new ResearchTopic("customer acquisition cost for fintech SaaS",
                    List.of("customer acquisition cost fintech SaaS benchmark",
                            "B2B SaaS CAC payback period 2025",
                            "fintech software paid search cost per click trend"),
                    List.of("blended CAC sits around ${600-1400} per new customer",
                            "median CAC payback is {14-22} months",
                            "paid search CPCs in the category rose {9-24}% year over year")),
            new ResearchTopic("sponsorship rates for B2B podcasts",
                    List.of("B2B podcast sponsorship rates CPM 2025",
                            "podcast ad pricing host-read vs programmatic",
                            "marketing podcast audience size benchmarks"),
                    List.of("host-read B2B spots cost ${25-45} CPM",
                            "niche marketing shows average {2-6}k downloads per episode",
                            "host-read ads recall {40-70}% better than programmatic inserts")),
            new ResearchTopic("TikTok adoption among B2B buyers",
                    List.of("TikTok B2B buyers usage survey",
                            "B2B brands on TikTok engagement benchmarks",
                            "TikTok decision makers audience 2025"),
                    List.of("{18-30}% of B2B buyers under 35 use TikTok for work research",
                            "B2B accounts average {3-6}% engagement per video",
                            "only {8-15}% of B2B marketers plan to raise TikTok spend")),
            new ResearchTopic("retail media network growth",
                    List.of("retail media network ad spend forecast 2025",
                            "retail media share of digital ad spend",
                            "retail media ROAS benchmarks"),
                    List.of("retail media spend is forecast to grow {18-24}% this year",
                            "it now takes about {14-19}% of digital ad budgets",
                            "advertisers report ROAS of {3-5}x on sponsored product ads")),
            new ResearchTopic("the impact of cookie changes on retargeting",
                    List.of("third-party cookie changes retargeting performance",
                            "Chrome cookie policy 2025 advertisers impact",
                            "retargeting audience size decline without cookies"),
                    List.of("retargetable audiences shrank {20-35}% on browsers without third-party cookies",
                            "{45-60}% of advertisers now lean on first-party data for retargeting",
                            "CPMs on contextual inventory rose {8-15}%")),
            new ResearchTopic("AI search assistants and organic traffic",
                    List.of("AI search overviews impact organic click through rate",
                            "generative search traffic loss publishers 2025",
                            "AI assistant referrals share of traffic B2B"),
                    List.of("click-through rates drop {20-35}% on queries that show an AI overview",
                            "AI assistants send under {1-3}% of referral traffic to B2B sites",
                            "informational queries are hit hardest; branded queries barely move")),
            new ResearchTopic("review sentiment for our top three competitors",
                    List.of("competitor reviews G2 sentiment marketing analytics tools",
                            "marketing analytics software complaints reviews 2025",
                            "switching reasons marketing analytics platform"),
                    List.of("average rating across the three is {41-45} out of 50",
                            "onboarding and support account for {30-45}% of negative reviews",
                            "pricing changes are the top switching reason in {25-40}% of reviews")),
            new ResearchTopic("event marketing budgets for next year",
                    List.of("event marketing budget trends 2025 B2B",
                            "in-person vs virtual events ROI B2B",
                            "trade show cost per lead benchmark"),
                    List.of("{55-70}% of B2B marketers plan to keep or grow event budgets",
                            "trade shows cost ${180-320} per qualified lead",
                            "hybrid formats lost share to small in-person dinners"))
    );

    private static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("Summer sale email sequence", "lapsed trial users", "email and retargeting"),
            new Campaign("Insights dashboard launch", "existing mid-market customers", "in-app, email and LinkedIn"),
            new Campaign("June webinar series promotion", "marketing ops managers", "LinkedIn and the newsletter"),
            new Campaign("Referral program relaunch", "power users", "in-app and email"),
            new Campaign("SaaStr follow-up", "booth visitors", "email and SDR outreach"),
            new Campaign("Q3 brand awareness push", "finance leaders at 200-1000 person companies",
                    "LinkedIn and podcasts"),
            new Campaign("Case study spotlight: Brightleaf Coffee", "retail prospects",
                    "the blog, LinkedIn and sales enablement"),
            new Campaign("ROI calculator launch", "SaaS marketers", "paid search and LinkedIn"));

    private static final List<String> CHANNELS =
            List.of("blog post", "newsletter feature", "landing page", "LinkedIn article", "case study");
    private static final List<String> CUSTOMERS = List.of("Northwind Outfitters", "Brightleaf Coffee",
            "Acme Logistics", "Lumen Health", "Harbor & Pine", "Fieldstone Bank");
    private static final List<String> CTAS = List.of("book a demo", "download the checklist",
            "start a free trial", "register for the June webinar", "subscribe to the newsletter");
    private static final List<String> SLOTS = List.of("Tuesday morning", "Thursday's newsletter",
            "next Monday", "tomorrow at 9:00", "Wednesday afternoon");
    private static final List<String> LAUNCHES = List.of("next Monday", "on June 23", "at the start of July",
            "next Wednesday", "in two weeks");
    private static final List<String> DEADLINES = List.of("14:00", "16:00", "end of day", "tomorrow 10:00");
    private static final List<String> REQUESTERS = List.of("sales", "product marketing", "the CEO's office",
            "customer success", "the content calendar", "demand generation");
    private static final List<String> SOURCES = List.of("statista.com", "emarketer.com", "gartner.com",
            "forrester.com", "hubspot.com", "mckinsey.com", "pewresearch.org", "similarweb.com",
            "semrush.com", "g2.com", "litmus.com", "thinkwithgoogle.com");
    private static final List<String> REGIONS = List.of("North America", "the EU", "the UK and Ireland", "DACH");

    /** Simulates the team's week; one instance per run, consumed in a fixed order. */
    private static final class Simulation {

        private final SplittableRandom random;
        private long sequence;

        Simulation(long seed) {
            this.random = new SplittableRandom(seed);
        }

        List<List<Event>> week() {
            int[] perDay = new int[DAYS];
            int total = 0;
            for (int d = 0; d < DAYS; d++) {
                DayOfWeek dayOfWeek = FIRST_DAY.plusDays(d).getDayOfWeek();
                boolean weekend = dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY;
                perDay[d] = weekend ? 10 + random.nextInt(2) : 11 + random.nextInt(4);
                total += perDay[d];
            }
            int content = (int) Math.round(total * CONTENT_SHARE);
            int research = (int) Math.round(total * RESEARCH_SHARE);
            List<TaskType> types = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                types.add(i < content ? TaskType.CONTENT : i < content + research ? TaskType.RESEARCH : TaskType.CAMPAIGN);
            }
            shuffle(types);
            int used = (int) Math.round(content * KEYWORD_USED_SHARE);
            List<Boolean> keywordUsed = new ArrayList<>();
            for (int i = 0; i < content; i++) {
                keywordUsed.add(i < used);
            }
            shuffle(keywordUsed);
            int givingUp = (int) Math.round(research * RESEARCHER_GIVES_UP_SHARE);
            List<Boolean> givesUp = new ArrayList<>();
            for (int i = 0; i < research; i++) {
                givesUp.add(i < givingUp);
            }
            shuffle(givesUp);

            List<List<Event>> days = new ArrayList<>();
            int taskNumber = 0;
            int contentNumber = 0;
            int researchNumber = 0;
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                boolean weekend = day.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue();
                LocalDateTime opening = day.atTime(weekend ? LocalTime.of(9, 0) : LocalTime.of(8, 0));
                int window = (weekend ? 7 : 9) * 3600;
                List<LocalDateTime> starts = new ArrayList<>();
                for (int i = 0; i < perDay[d]; i++) {
                    starts.add(opening.plusSeconds(random.nextInt(window)).plusNanos(micros()));
                }
                starts.sort(Comparator.naturalOrder());
                List<Event> events = new ArrayList<>();
                for (LocalDateTime start : starts) {
                    taskNumber++;
                    TaskLog log = new TaskLog(String.format(Locale.ROOT, "TASK-%03d", taskNumber), start);
                    switch (types.get(taskNumber - 1)) {
                        case CONTENT -> content(log, keywordUsed.get(contentNumber++));
                        case RESEARCH -> research(log, givesUp.get(researchNumber++));
                        case CAMPAIGN -> campaign(log);
                        default -> throw new IllegalStateException();
                    }
                    events.addAll(log.events);
                }
                events.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::sequence));
                days.add(events);
            }
            return days;
        }

        // ---- content tasks -------------------------------------------------------------------

        private void content(TaskLog log, boolean keywordUsed) {
            Keyword kw = pick(KEYWORDS);
            String keyword = kw.keyword();
            String channel = pick(CHANNELS);
            int words = wordsFor(channel);
            String customer = pick(CUSTOMERS);
            String cta = pick(CTAS);
            String slot = pick(SLOTS);
            String hook = pick(List.of("a customer story from " + customer, "a stat from our spring customer survey",
                    "the question we hear most on sales calls", "a before-and-after comparison",
                    "a short checklist readers can steal"));
            boolean seoConsulted = chance(0.8);

            if (chance(0.6)) {
                log.say(SYSTEM, "task_started", MANAGER,
                        "New content request from " + pick(REQUESTERS) + ": " + channel + " on " + kw.topic() + ".",
                        meta("task_type", "content", "target_keyword", keyword, "priority", priority(),
                                "requested_by", "content calendar"));
                log.after(5, 90);
            }
            log.say(MANAGER, "task_assignment", CREATOR,
                    capitalize(channel) + " for " + kw.audience() + ": " + kw.topic() + ". Target keyword: \""
                            + keyword + "\". About " + words + " words, draft by " + pick(DEADLINES) + ".",
                    meta("task_type", "content", "target_keyword", keyword, "channel", channel, "word_count", words));

            if (seoConsulted) {
                log.after(20, 120).say(MANAGER, "delegation", SEO, pick(List.of(
                        "Please send keyword guidance for the " + channel + " on " + kw.topic()
                                + ". Working target: \"" + keyword + "\".",
                        "Can you check search demand for \"" + keyword + "\" and suggest secondaries for the "
                                + channel + "?",
                        "SEO pass needed before drafting: " + channel + " targeting \"" + keyword + "\".")),
                        meta());
                int volume = between(8, 60) * 100;
                int difficulty = between(18, 62);
                log.after(20, 90).say(SEO, "tool_call", null, "keyword_research(\"" + keyword + "\")",
                        meta("tool", "keyword_research", "query", keyword));
                log.after(2, 8).say("keyword_research", "tool_result", SEO,
                        keyword + ": " + volume + " searches/mo, KD " + difficulty + "\n"
                                + kw.secondary1() + ": " + between(3, 25) * 100 + " searches/mo, KD " + between(10, 50) + "\n"
                                + kw.secondary2() + ": " + between(2, 15) * 100 + " searches/mo, KD " + between(10, 45),
                        meta("tool", "keyword_research", "results", 3));
                log.after(30, 180).say(SEO, "proposal", CREATOR, pick(List.of(
                        "Keyword plan for the " + channel + ": primary \"" + keyword + "\" (" + volume
                                + " searches/mo, KD " + difficulty + ") - please use it in the H1, the first 100 words"
                                + " and at least one H2. Secondary: " + kw.secondary1() + ", " + kw.secondary2() + ".",
                        "Go with \"" + keyword + "\" as the primary keyword (" + volume + "/mo, KD " + difficulty
                                + ", realistic for us). Work in " + kw.secondary1() + " and " + kw.secondary2()
                                + " where they fit naturally.",
                        "Recommendation: target \"" + keyword + "\" in the title and intro; support it with \""
                                + kw.secondary1() + "\" in a subheading. Volume " + volume + "/mo, difficulty "
                                + difficulty + ".")),
                        meta("primary_keyword", keyword, "secondary_keywords", List.of(kw.secondary1(), kw.secondary2())));
                if (keywordUsed) {
                    log.after(20, 120).say(CREATOR, "agreement", SEO, pick(List.of(
                            "Thanks - I'll put \"" + keyword + "\" in the H1 and the intro.",
                            "Makes sense. " + capitalize(keyword) + " goes in the headline, secondaries in the body.")),
                            meta());
                } else if (chance(0.5)) {
                    log.after(20, 120).say(CREATOR, "agreement", SEO,
                            pick(List.of("Thanks, noted.", "Got it, thanks.", "Thanks - will keep it in mind.")), meta());
                }
            }

            if (chance(0.25)) {
                int q = random.nextInt(3);
                log.after(60, 300).say(CREATOR, "question", MANAGER, List.of(
                        "Should the " + channel + " lean educational or product-focused?",
                        "Do we have a customer quote I can use, or should I keep it anonymous?",
                        "Is " + words + " words a hard limit or a guideline?").get(q), meta());
                log.after(60, 600).say(MANAGER, "answer", CREATOR, List.of(
                        "Educational first, one product mention near the end.",
                        "Use the " + customer + " quote from the spring case study; it's approved.",
                        "A guideline - stay within 10% either way.").get(q), meta());
            }
            if (chance(0.4)) {
                String middle = keywordUsed ? "what " + keyword + " means for " + kw.audience()
                        : "why " + kw.paraphrase() + " matters now";
                log.after(120, 600).say(CREATOR, "update", MANAGER, "Outline for the " + channel + ": 1) "
                        + hook + ", 2) " + middle + ", 3) three practical steps with examples, 4) CTA to " + cta
                        + ". Drafting now.", meta());
            }

            String title = keywordUsed ? keywordTitle(kw) : paraphraseTitle(kw);
            if (chance(0.5)) {
                log.after(600, 2400).say(CREATOR, "tool_call", null, "write_draft(title=\"" + title + "\")",
                        meta("tool", "write_draft"));
                log.after(1, 4).say("write_draft", "tool_result", CREATOR,
                        "Draft saved to CMS as doc-" + between(4100, 5900) + " (" + (words + between(-60, 90)) + " words)",
                        meta("tool", "write_draft"));
                log.after(10, 60);
            } else {
                log.after(600, 2400);
            }
            int draftWords = words + between(-60, 90);
            String draft = keywordUsed
                    ? pick(List.of(
                            "Draft v1 is up: \"" + title + "\" (" + draftWords + " words). It opens with " + hook
                                    + ", explains " + keyword + " in plain terms and ends with a CTA to " + cta + ".",
                            "First draft of the " + channel + " is ready: \"" + title + "\". " + capitalize(keyword)
                                    + " is in the headline and the intro; the body walks " + kw.audience()
                                    + " through three concrete steps. CTA: " + cta + ".",
                            "Here's v1: \"" + title + "\" - " + draftWords + " words, built around " + hook
                                    + ". I used \"" + keyword + "\" in the H1, the first paragraph and one subheading."))
                    : pick(List.of(
                            "Draft v1 is up: \"" + title + "\" (" + draftWords + " words). It opens with " + hook
                                    + ", covers " + kw.paraphrase() + " in three short sections and ends with a CTA to "
                                    + cta + ".",
                            "First draft of the " + channel + " is ready: \"" + title + "\". The body walks "
                                    + kw.audience() + " through three concrete steps; CTA: " + cta + ".",
                            "Here's v1: \"" + title + "\" - " + draftWords + " words, built around " + hook
                                    + ", with a short FAQ at the end."));
            log.say(CREATOR, "update", MANAGER, draft, meta("draft_version", 1, "word_count", draftWords));

            if (chance(0.6)) {
                int readability = between(52, 74);
                int toneMatch = between(72, 95);
                log.after(120, 900).say(MANAGER, "tool_call", null, "review_draft(" + log.id + ", v1)",
                        meta("tool", "review_draft"));
                log.after(3, 15).say("review_draft", "tool_result", MANAGER,
                        "Readability " + readability + ", tone match 0." + toneMatch + ", length " + draftWords + "/"
                                + words + " words",
                        meta("tool", "review_draft", "score", BigDecimal.valueOf((readability + toneMatch) / 2, 2)));
                log.after(30, 180);
            } else {
                log.after(300, 1200);
            }

            if (keywordUsed) {
                contentApproved(log, kw, channel, customer, slot);
            } else {
                contentMissingKeyword(log, kw, channel, customer, hook, seoConsulted, slot);
            }
        }

        private void contentApproved(TaskLog log, Keyword kw, String channel, String customer, String slot) {
            if (chance(0.3)) {
                int f = random.nextInt(3);
                log.say(MANAGER, "feedback", CREATOR, List.of(
                        "Nice work. Can you cut the intro by a third and add a customer quote?",
                        "Good draft. The middle section is a bit abstract - add one concrete example.",
                        "Solid. Please swap the CTA to " + pick(CTAS) + " for this audience.").get(f),
                        meta("draft_version", 1));
                log.after(600, 1800).say(CREATOR, "update", MANAGER, List.of(
                        "Done - v2 has a shorter intro and a quote from " + customer + ".",
                        "v2 is up with a worked example from " + customer + " in the middle section.",
                        "Updated the CTA and trimmed a few sentences; v2 is in the CMS.").get(f),
                        meta("draft_version", 2));
                log.after(300, 900);
            }
            log.say(MANAGER, "decision", CREATOR, pick(List.of(
                    "Approved. \"" + kw.keyword() + "\" sits naturally in the headline and intro - scheduling it for "
                            + slot + ".",
                    "Approved for " + slot + ". Good structure, and the keyword placement matches the SEO plan.",
                    "Looks great, approved. Publishing " + slot + ".")), meta("decision", "approved"));
            if (chance(0.5)) {
                log.after(5, 60).outcome(MANAGER, "task_completion",
                        "Task complete: " + channel + " approved and scheduled for " + slot + ".", "success", null);
            } else {
                log.after(5, 60).outcome(SYSTEM, "task_completion", "Task completed.", "success", null);
            }
            log.requireCreatorMentions(kw.keyword(), true);
        }

        private void contentMissingKeyword(TaskLog log, Keyword kw, String channel, String customer, String hook,
                                           boolean seoConsulted, String slot) {
            String keyword = kw.keyword();
            log.say(MANAGER, "feedback", CREATOR, pick(List.of(
                    "The draft never uses the target keyword \"" + keyword
                            + "\" - not in the title, the intro or any subheading. Please work it in and resend.",
                    "Structure and tone are good, but the target keyword \"" + keyword + "\" is missing entirely."
                            + (seoConsulted ? " The SEO plan asked for it in the H1." : " We agreed on it in the brief.")
                            + " Please revise so it appears in the headline and the first paragraph.",
                    "I can't publish this yet: the target keyword \"" + keyword
                            + "\" doesn't appear anywhere in the copy. Fix that and tighten the intro, please.")),
                    meta("draft_version", 1, "issue", "target_keyword_missing"));
            int version = 1;
            double reaction = random.nextDouble();
            if (reaction < 0.3) {
                log.after(60, 600).say(CREATOR, "disagreement", MANAGER, pick(List.of(
                        "I'd rather not force that exact phrase into the headline - it reads like keyword stuffing and"
                                + " our readers notice. I kept the wording natural.",
                        "The phrase sounds clunky in this piece; I used the wording our audience actually says instead.",
                        "Honestly the copy flows better without it. Can we rely on the meta description instead?")),
                        meta());
                log.after(120, 600);
            }
            if (reaction < 0.8) {
                String extra = pick(List.of("a pull quote from " + customer, "a comparison table",
                        "two short examples", "a checklist at the end"));
                version = 2;
                log.after(600, 1800).say(CREATOR, "update", MANAGER, pick(List.of(
                        "Revised draft v2: \"" + paraphraseTitle(kw) + "\". I tightened the intro, added " + extra
                                + " and sharpened the CTA.",
                        "v2 is ready: shorter intro, a new section on " + kw.paraphrase() + " and " + extra + ".",
                        "Updated draft attached (v2). Reworked the opening around " + hook + " and cut the filler.")),
                        meta("draft_version", 2, "word_count", wordsFor(channel)));
                log.after(300, 1200);
            } else {
                log.after(900, 2400);
            }
            if (chance(0.5)) {
                log.say(MANAGER, "decision", CREATOR, pick(List.of(
                        "Rejecting this one: the target keyword is still missing, so it won't rank for what we planned."
                                + " I'll re-brief it next week.",
                        "v" + version + " still doesn't use \"" + keyword + "\". I'm not publishing it as is; closing"
                                + " the task.",
                        "We can't ship a " + channel + " that ignores its target keyword. Rejected.")),
                        meta("decision", "rejected"));
                log.after(5, 60).outcome(SYSTEM, "task_failed", "Task failed: deliverable rejected.", "failure",
                        "rejected: target keyword missing");
            } else {
                log.outcome(MANAGER, "task_completion", pick(List.of(
                        "Publishing v" + version + " as is to keep the " + slot + " slot; the target keyword is still"
                                + " missing, so SEO gets a follow-up ticket.",
                        "Approved with follow-ups: the " + channel + " goes out " + slot + ", but without \"" + keyword
                                + "\" it won't rank. Logging an SEO fix.",
                        "Shipping it for " + slot + " because the date is fixed. Partial: keyword coverage to be fixed"
                                + " in a later edit.")), "partial", null);
                log.events.get(log.events.size() - 1).metadata().put("follow_up", "add target keyword");
            }
            log.requireCreatorMentions(keyword, false);
        }

        private static int wordsFor(String channel) {
            return switch (channel) {
                case "newsletter feature" -> 600;
                case "landing page" -> 500;
                case "LinkedIn article" -> 800;
                case "case study" -> 1200;
                default -> 1000;
            };
        }

        private String keywordTitle(Keyword kw) {
            String k = titleCase(kw.keyword());
            return pick(List.of(k + ": A Practical Guide for " + titleCase(kw.audience()),
                    "What Most Teams Get Wrong About " + k,
                    k + " in 2025: Lessons from Our Customers",
                    "How to Get Started with " + k,
                    "The No-Nonsense Guide to " + k));
        }

        private String paraphraseTitle(Keyword kw) {
            String p = titleCase(kw.paraphrase());
            return pick(List.of("Why " + p + " Matters More Than Ever",
                    "A Practical Guide to " + p,
                    "Lessons on " + p + " from Our Customers",
                    p + ": What We Learned This Year",
                    "Stop Overthinking " + p));
        }

        // ---- research tasks ------------------------------------------------------------------

        /**
         * A research task. A researcher who {@code givesUp} stops at the first failed search (one is
         * forced if none happens by chance); otherwise failed searches are retried with a new query.
         */
        private void research(TaskLog log, boolean givesUp) {
            ResearchTopic topic = pick(RESEARCH_TOPICS);
            if (chance(0.6)) {
                log.say(SYSTEM, "task_started", MANAGER,
                        "New research request from " + pick(REQUESTERS) + ": " + topic.topic() + ".",
                        meta("task_type", "research", "priority", priority(), "requested_by", "planning"));
                log.after(5, 90);
            }
            log.say(MANAGER, "task_assignment", RESEARCHER, pick(List.of(
                    "Research brief needed: " + topic.topic() + ". Findings first, sources cited, by " + pick(DEADLINES) + ".",
                    "Can you pull together what we know about " + topic.topic() + "? Short brief with sources, please.",
                    "Please research " + topic.topic() + " for the planning deck. Three key numbers and where they come from.")),
                    meta("task_type", "research", "topic", topic.topic()));

            if (chance(0.25)) {
                int q = random.nextInt(3);
                String region = pick(REGIONS);
                log.after(30, 240).say(RESEARCHER, "question", MANAGER, List.of(
                        "Should I limit this to " + region + " or look globally?",
                        "Do you need numbers for the last 12 months only, or a longer trend?",
                        "Is this for an internal deck or something we will publish?").get(q), meta());
                log.after(60, 480).say(MANAGER, "answer", RESEARCHER, List.of(
                        capitalize(region) + " only, please.",
                        "Last 12 months is enough.",
                        "Internal for now, but cite sources as if it were public.").get(q), meta());
            }

            int needed = pickWeighted(new int[] {1, 2, 3}, new double[] {0.35, 0.5, 0.15});
            int failingCall = givesUp ? between(1, needed) : 0;
            int succeeded = 0;
            int calls = 0;
            String lastError = null;
            while (succeeded < needed) {
                String query = calls < topic.queries().size() ? topic.queries().get(calls)
                        : topic.queries().get(calls % topic.queries().size()) + pick(List.of(" report", " statistics", " survey"));
                calls++;
                SearchOutcome outcome = calls == failingCall ? SearchOutcome.FAIL
                        : calls >= MAX_SEARCHES ? SearchOutcome.SUCCEED : SearchOutcome.RANDOM;
                String error = search(log, query, calls == 1 ? 20 : 10, outcome);
                if (error == null) {
                    succeeded++;
                    continue;
                }
                lastError = error;
                if (givesUp) {
                    researchGivesUp(log, topic, error);
                    return;
                }
                if (chance(0.7)) {
                    log.after(5, 40).say(RESEARCHER, "update", MANAGER, pick(List.of(
                            "Search failed (" + error + "). Retrying with a different query.",
                            "web_search returned an error (" + error + "); trying a narrower query.",
                            "No results because of " + error + "; I'll rephrase and try again.")), meta());
                }
            }

            if (chance(0.5)) {
                log.after(20, 90).say(RESEARCHER, "tool_call", null,
                        "summarize(" + (succeeded * 5) + " search results, max 200 words)", meta("tool", "summarize"));
                log.after(4, 20).say("summarize", "tool_result", RESEARCHER,
                        "Summary (" + between(150, 200) + " words) with " + between(4, 8) + " figures and their sources.",
                        meta("tool", "summarize"));
            }
            List<String> findings = topic.findings();
            String source1 = pick(SOURCES);
            String source2 = pick(SOURCES);
            log.after(120, 900).say(RESEARCHER, "answer", MANAGER,
                    "Brief on " + topic.topic() + ": (1) " + fill(findings.get(0)) + "; (2) " + fill(findings.get(1))
                            + "; (3) " + fill(findings.get(2)) + ". Sources: " + source1 + " (" + sourceDate(log)
                            + "), " + source2 + " (" + sourceDate(log) + ")."
                            + (lastError != null ? " One search failed along the way, so coverage is a bit thinner." : ""),
                    meta("sources", source1.equals(source2) ? 1 : 2, "searches", calls));
            log.after(60, 600).say(MANAGER, "agreement", RESEARCHER, pick(List.of(
                    "Thanks - exactly what we needed for the Q3 planning deck.",
                    "Great, this goes into the next content brief.",
                    "Clear and well sourced, thanks.",
                    "Useful, thanks. Let's revisit the third point next quarter.")), meta());
            if (chance(0.5)) {
                log.after(5, 60).outcome(MANAGER, "task_completion", "Research brief delivered and accepted.", "success", null);
            } else {
                log.after(5, 60).outcome(SYSTEM, "task_completion", "Task completed.", "success", null);
            }
        }

        private void researchGivesUp(TaskLog log, ResearchTopic topic, String error) {
            log.after(10, 90).say(RESEARCHER, "error", MANAGER, pick(List.of(
                    "web_search failed (" + error + "). I can't produce a sourced brief without current data,"
                            + " so I'm stopping here.",
                    "Search is unavailable (" + error + "). Without fresh sources I can't finish the brief on "
                            + topic.topic() + ".",
                    "The search tool returned " + error + ". I don't have enough verified data to answer, so I'm giving"
                            + " up on this one.")),
                    meta("tool", "web_search", "error", error));
            if (chance(0.4)) {
                log.after(60, 600).say(MANAGER, "update", RESEARCHER, pick(List.of(
                        "Understood. Closing this one; we'll try again tomorrow.",
                        "OK, that's a blocker for today. I'll tell the requester it's delayed.")), meta());
            }
            log.after(5, 60).outcome(SYSTEM, "task_failed", "Task failed: research brief not delivered.", "failure",
                    "web_search failed: " + error);
        }

        /** Logs one web_search call and its result; returns the error, or null on success. */
        private String search(TaskLog log, String query, int minGap, SearchOutcome outcome) {
            log.after(minGap, 120).say(RESEARCHER, "tool_call", null, "web_search(\"" + query + "\")",
                    meta("tool", "web_search", "query", query));
            boolean fails = switch (outcome) {
                case FAIL -> true;
                case SUCCEED -> false;
                case RANDOM -> random.nextDouble() < SEARCH_ERROR_RATE;
            };
            if (fails) {
                double kind = random.nextDouble();
                String error;
                int latencyMs;
                if (kind < 0.6) {
                    error = "timeout after 30s";
                    latencyMs = 30_000 + between(0, 400);
                } else if (kind < 0.9) {
                    error = "HTTP 429 Too Many Requests";
                    latencyMs = between(150, 900);
                } else {
                    error = "HTTP 503 Service Unavailable";
                    latencyMs = between(800, 4000);
                }
                log.afterMillis(latencyMs).say("web_search", "tool_result", RESEARCHER,
                        "ERROR: web search failed: " + error,
                        meta("tool", "web_search", "error", error, "latency_ms", latencyMs));
                return error;
            }
            int latencyMs = between(700, 6500);
            int results = between(3, 5);
            List<String> titles = new ArrayList<>(List.of("State of ", "Benchmark report: ", "Survey: ",
                    "Trends in ", "What changed in ", "Data brief: "));
            shuffle(titles);
            StringBuilder text = new StringBuilder().append(results).append(" results for \"").append(query).append("\":");
            for (int i = 0; i < results; i++) {
                text.append("\n- ").append(titles.get(i)).append(i == 0 ? capitalize(query) : query)
                        .append(" (").append(pick(SOURCES)).append(", ")
                        .append(sourceDate(log)).append("): ").append(pick(List.of(
                                "survey of " + between(3, 30) * 100 + " respondents",
                                "updated quarterly", "methodology and regional breakdown",
                                "free summary, full data paywalled", "includes year-over-year comparison")));
            }
            log.afterMillis(latencyMs).say("web_search", "tool_result", RESEARCHER, text.toString(),
                    meta("tool", "web_search", "results", results, "latency_ms", latencyMs));
            return null;
        }

        private String sourceDate(TaskLog log) {
            return log.start.toLocalDate().minusDays(between(7, 150)).toString();
        }

        // ---- campaign tasks ------------------------------------------------------------------

        private void campaign(TaskLog log) {
            Campaign campaign = pick(CAMPAIGNS);
            String segment = campaign.segment();
            int budget = between(5, 40) * 500;
            String launch = pick(LAUNCHES);
            if (chance(0.6)) {
                log.say(SYSTEM, "task_started", MANAGER,
                        "New campaign request from " + pick(REQUESTERS) + ": " + campaign.name() + ".",
                        meta("task_type", "campaign", "priority", priority(), "requested_by", "marketing plan"));
                log.after(5, 90);
            }
            log.say(MANAGER, "task_assignment", CREATOR,
                    "Campaign: " + campaign.name() + " for " + segment + " on " + campaign.channels() + ". Budget $"
                            + budget + ". I need two concepts by " + pick(DEADLINES)
                            + "; the market researcher will bring audience data.",
                    meta("task_type", "campaign", "campaign", campaign.name(), "budget_usd", budget));
            log.after(20, 120).say(MANAGER, "delegation", RESEARCHER,
                    "For " + campaign.name() + ": what do we know about " + segment
                            + "? Pains, objections and the channels that perform best.", meta());

            if (chance(0.6)) {
                String error = search(log, segment + " " + pick(List.of("marketing benchmarks 2025",
                        "buying behaviour survey", "channel preferences")), 30, SearchOutcome.RANDOM);
                if (error != null) {
                    log.after(10, 60).say(RESEARCHER, "update", MANAGER,
                            "Search failed (" + error + "); falling back to our CRM data and last quarter's survey.",
                            meta());
                }
            }
            String pain = pick(List.of("reporting that takes days", "too many disconnected tools",
                    "proving ROI to leadership", "slow onboarding"));
            String objection = pick(List.of("switching cost", "price", "data security", "time to set up"));
            String angle = pick(List.of("time saved", "peer proof", "a concrete ROI number", "a limited-time offer"));
            log.after(300, 1500).say(RESEARCHER, "answer", MANAGER,
                    capitalize(segment) + ": top pain is " + pain + "; they respond best to " + angle + " ("
                            + between(8, 30) + "% click lift in our last test); the main objection is " + objection + ".",
                    meta("sources", between(1, 3)));

            List<String> headlines = new ArrayList<>(List.of("Your reports, done in minutes",
                    "See what your peers already switched to", "One dashboard, zero spreadsheets",
                    "Don't miss the early-bird price", "Built with teams like yours", "Prove your marketing ROI today"));
            shuffle(headlines);
            log.after(300, 1800).say(CREATOR, "proposal", MANAGER,
                    "Two concepts for " + campaign.name() + ": A) \"" + headlines.get(0) + "\" - leads with the pain; B) \""
                            + headlines.get(1) + "\" - built around " + angle + ".",
                    meta("concepts", 2));
            log.after(60, 600).say(RESEARCHER, "challenge", CREATOR,
                    "Concept A leans on the pain point, but " + segment + " told us " + objection
                            + " is their main worry. B fits the data better.", meta("sentiment", "negative"));
            boolean agreed = chance(0.65);
            if (agreed) {
                log.after(60, 400).say(CREATOR, "agreement", RESEARCHER,
                        "Fair point. I'll make B the lead and keep A's subject line as a test variant.", meta());
            } else {
                log.after(60, 400).say(CREATOR, "disagreement", RESEARCHER,
                        "I'd still test A: the last campaign with a similar angle beat the benchmark by "
                                + between(10, 35) + "%.", meta());
            }
            if (chance(0.3)) {
                log.after(60, 300).say(CREATOR, "clarification", MANAGER,
                        "To confirm: the offer code goes only in the reminder email, not the first send?", meta());
                log.after(60, 600).say(MANAGER, "answer", CREATOR, "Correct, reminder only.", meta());
            }
            log.after(120, 900).say(MANAGER, "decision", null, agreed
                    ? "Decision: concept B on " + campaign.channels() + ", launching " + launch
                            + ". Content creator finalizes copy; research sets up the baseline."
                    : "Decision: we A/B test both concepts, 50/50 split, and pick the winner after "
                            + between(2, 5) * 1000 + " sends. Launch " + launch + ".",
                    meta("decision", agreed ? "concept B" : "A/B test"));

            double outcome = random.nextDouble();
            if (outcome < 0.88) {
                log.after(10, 120).outcome(MANAGER, "task_completion",
                        "Campaign plan approved and handed to ops for launch " + launch + ".", "success", null);
            } else if (outcome < 0.94) {
                log.after(10, 120).outcome(MANAGER, "task_completion",
                        "Plan approved, but the paid budget is still pending finance sign-off.", "partial", null);
            } else {
                log.after(600, 1800).outcome(SYSTEM, "task_failed", "Task failed: campaign not ready for launch.",
                        "failure", "deadline missed: creative not approved");
            }
        }

        // ---- helpers -------------------------------------------------------------------------

        private String priority() {
            return pick(List.of("normal", "normal", "high", "low"));
        }

        private String fill(String template) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                int open = template.indexOf('{', i);
                if (open < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                int close = template.indexOf('}', open);
                String[] range = template.substring(open + 1, close).split("-");
                out.append(template, i, open).append(between(Integer.parseInt(range[0]), Integer.parseInt(range[1])));
                i = close + 1;
            }
            return out.toString();
        }

        private boolean chance(double probability) {
            return random.nextDouble() < probability;
        }

        private int between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        private long micros() {
            return random.nextInt(1_000_000) * 1_000L;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private int pickWeighted(int[] values, double[] weights) {
            double r = random.nextDouble();
            for (int i = 0; i < values.length - 1; i++) {
                r -= weights[i];
                if (r < 0) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }

        private <T> void shuffle(List<T> values) {
            for (int i = values.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                T swap = values.get(i);
                values.set(i, values.get(j));
                values.set(j, swap);
            }
        }

        private int tokens(String message, String type) {
            int base = type.equals("tool_call") ? between(20, 120) : between(40, 320);
            return message.length() / 4 + base;
        }

        /** The events of one task, written in order while a clock advances. */
        private final class TaskLog {

            final String id;
            final LocalDateTime start;
            final List<Event> events = new ArrayList<>();
            private LocalDateTime clock;

            TaskLog(String id, LocalDateTime start) {
                this.id = id;
                this.start = start;
                this.clock = start;
            }

            TaskLog after(int minSeconds, int maxSeconds) {
                clock = clock.plusSeconds(between(minSeconds, maxSeconds)).plusNanos(micros());
                return this;
            }

            TaskLog afterMillis(int millis) {
                clock = clock.plus(millis, ChronoUnit.MILLIS).plusNanos(random.nextInt(1_000) * 1_000L);
                return this;
            }

            void say(String agent, String type, String toAgent, String message, Map<String, Object> metadata) {
                if (AGENTS.contains(agent)) {
                    metadata.put("tokens", tokens(message, type));
                }
                events.add(new Event(clock, sequence++, id, agent, message, type, toAgent, metadata));
            }

            void outcome(String agent, String type, String message, String outcome, String error) {
                long micros = Duration.between(start, clock).toNanos() / 1_000;
                Map<String, Object> metadata = meta("outcome", outcome);
                if (error != null) {
                    metadata.put("error", error);
                }
                metadata.put("duration_seconds", BigDecimal.valueOf(micros / 100_000, 1));
                say(agent, type, null, message, metadata);
            }

            /** Guards the templates: the keyword check must see exactly what the task intends. */
            void requireCreatorMentions(String keyword, boolean expected) {
                String needle = keyword.toLowerCase(Locale.ROOT);
                boolean mentioned = events.stream()
                        .filter(e -> e.agent().equals(CREATOR))
                        .anyMatch(e -> e.message().toLowerCase(Locale.ROOT).contains(needle));
                if (mentioned != expected) {
                    throw new IllegalStateException(id + ": content creator "
                            + (expected ? "never mentions" : "mentions") + " \"" + keyword + "\"");
                }
            }
        }
    }

    private static Map<String, Object> meta(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String titleCase(String text) {
        List<String> small = List.of("a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "the", "to", "with");
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(i > 0 && small.contains(words[i]) ? words[i] : capitalize(words[i]));
        }
        return out.toString();
    }
}
