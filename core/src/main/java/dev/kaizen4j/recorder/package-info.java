/**
 * Records a team's conversation as it happens: {@link dev.kaizen4j.recorder.Langchain4jRecorder} turns
 * langchain4j's listener callbacks into events written to a {@link dev.kaizen4j.recorder.ConversationSink},
 * by default {@link dev.kaizen4j.recorder.JsonlConversationSink} in the log format the JSONL source reads.
 * The langchain4j classes are optional dependencies of the core artifact: hosts using the recorder have them.
 */
@NullMarked
package dev.kaizen4j.recorder;

import org.jspecify.annotations.NullMarked;
