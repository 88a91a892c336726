package dev.kaizen4j.analysis.eval;

/** A kind of team whose failed tasks the generator writes, each with one injected decisive mistake. */
interface TeamStyle {

    /** Short name, used in file names and the evaluation table. */
    String name();

    /** Writes one failed task into {@code log} and labels its decisive mistake with {@link TaskLog#blame}. */
    void write(TaskLog log, Wording wording);
}
