package dev.kaizen4j.analysis.eval;

/**
 * A fact a generated task asks for.
 *
 * @param question the user's question
 * @param subject what the question is about, as a search would name it
 * @param attribute the attribute asked for, in a short phrase
 * @param truth the right answer as written
 * @param wrong a plausible wrong answer as written
 * @param wrongSubject the subject as a careless instruction names it (another year or a lookalike name)
 * @param source where the fact is found (a page title or a file name)
 */
record Fact(String question, String subject, String attribute, String truth, String wrong, String wrongSubject,
        String source) {

    static Fact random(Wording w) {
        return switch (w.random().nextInt(5)) {
            case 0 -> population(w);
            case 1 -> foundingYear(w);
            case 2 -> bridgeLength(w);
            case 3 -> designer(w);
            default -> listCount(w);
        };
    }

    private static Fact population(Wording w) {
        String town = w.placeName();
        int year = w.between(1990, 2020);
        long truth = w.between(2_000, 480_000);
        int otherYear = year + (w.chance(0.5) ? w.between(1, 6) : -w.between(1, 6));
        String question = w.fill(new String[] {
            "What was the population of {t} in {y}?",
            "How many people lived in {t} according to the {y} census?",
            "I need the {y} population figure for the town of {t}.",
            "According to official records, what population did {t} have in {y}?"
        }, "t", town, "y", Integer.toString(year));
        return new Fact(question, town + " population " + year, "population in " + year, w.number(truth),
                w.number(w.nearMiss(truth)), town + " population " + otherYear, town + " - census tables");
    }

    private static Fact foundingYear(Wording w) {
        String founder = w.personName();
        String org = w.placeName() + " " + w.pick("Society", "Press", "Rowing Club", "Observatory", "Foundry", "Museum");
        long truth = w.between(1820, 2005);
        String question = w.fill(new String[] {
            "In which year did {p} found the {o}?",
            "When was the {o} founded by {p}? Give the year.",
            "What year was the {o} established (its founder was {p})?"
        }, "p", founder, "o", org);
        String lookalike = org.replaceFirst("^(\\w+)", "$1" + w.pick("e", "a", "s"));
        return new Fact(question, org + " founding", "founding year", Long.toString(truth),
                Long.toString(truth + (w.chance(0.5) ? w.between(1, 12) : -w.between(1, 12))), lookalike + " founding",
                org + " (history page)");
    }

    private static Fact bridgeLength(Wording w) {
        String bridge = w.placeName() + " " + w.pick("Bridge", "Viaduct", "Causeway");
        long truth = w.between(120, 3_900);
        String question = w.fill(new String[] {
            "How long is the {b}, in metres?",
            "What is the total length of the {b} (metres)?",
            "Find the length in meters of the {b}."
        }, "b", bridge);
        return new Fact(question, bridge + " length", "length in metres", Long.toString(truth),
                Long.toString(w.nearMiss(truth)), "Old " + bridge + " length", bridge + " - structure record");
    }

    private static Fact designer(Wording w) {
        String tower = w.placeName() + " " + w.pick("Tower", "Library", "Station", "Pavilion");
        String truth = w.personName();
        String wrong = w.personName();
        String question = w.fill(new String[] {
            "Who was the architect of the {b}?",
            "Which architect designed the {b}?",
            "Name the person who designed the {b}."
        }, "b", tower);
        return new Fact(question, tower + " architect", "architect", truth, wrong, "New " + tower + " architect",
                tower + " - architecture guide");
    }

    private static Fact listCount(Wording w) {
        String doc = w.placeName() + "_" + w.pick("inventory", "registry", "catalogue", "survey") + "."
                + w.pick("xlsx", "pdf", "csv", "docx");
        String items = w.pick("species", "vessels", "paintings", "stations", "trees");
        long truth = w.between(6, 340);
        String question = w.fill(new String[] {
            "How many {i} are listed in the attached file {d}?",
            "The attached {d} lists {i}. How many are there?",
            "Count the {i} recorded in {d}."
        }, "i", items, "d", doc);
        return new Fact(question, items + " in " + doc, "number of " + items, Long.toString(truth),
                Long.toString(w.nearMiss(truth)), items + " in the appendix of " + doc, doc);
    }
}
