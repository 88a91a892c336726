/** A runnable langchain4j agentic team, offline on a scripted chat model, recorded for Kaizen4j. */
@NullMarked
package dev.kaizen4j.samples.langchain4j;

import org.jspecify.annotations.NullMarked;
